import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { gameRules, gameTaxonomy } from '../fixtures/game.ts';
import { generateRun, type GenerateParams } from '../index.ts';
import { defaultWorkers } from './generate-run.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

// Funnel targets would start calibration pilots; these tests are about files, not rates.
function taxonomy() {
  const t = gameTaxonomy();
  t.funnels = t.funnels.map((f) => ({ ...f, stepConversion: f.steps.map(() => null) }));
  return t;
}

async function runInto(params: Partial<GenerateParams>): Promise<{ dir: string; files: Map<string, Buffer> }> {
  const dir = await mkdtemp(join(tmpdir(), 'dds-run-'));
  dirs.push(dir);
  await generateRun({
    taxonomy: taxonomy(),
    rules: gameRules(),
    params: { startDate: '2026-03-27', days: 3, dau: 120, seed: 5, ...params },
    outDir: dir,
  });
  const files = new Map<string, Buffer>();
  for (const name of (await readdir(join(dir, 'data'))).sort()) files.set(name, await readFile(join(dir, 'data', name)));
  files.set('run.json', await readFile(join(dir, 'run.json')));
  return { dir, files };
}

describe('default worker count', () => {
  it('leaves a core to compression when gzip runs on two cores, and never goes below one', () => {
    expect([defaultWorkers(false, 1), defaultWorkers(false, 2), defaultWorkers(false, 8)]).toEqual([1, 2, 2]);
    expect([defaultWorkers(true, 1), defaultWorkers(true, 2), defaultWorkers(true, 3), defaultWorkers(true, 8)]).toEqual([1, 1, 2, 2]);
  });
});

describe('generateRun', () => {
  it('writes byte-identical files for 1 and 2 workers and for two runs; another seed changes them', async () => {
    const one = await runInto({ workers: 1 });
    const two = await runInto({ workers: 2 });
    const again = await runInto({ workers: 2 });
    const other = await runInto({ workers: 2, seed: 6 });
    expect([...one.files.keys()]).toEqual(['2026-03-27.jsonl', '2026-03-28.jsonl', '2026-03-29.jsonl', 'run.json']);
    for (const [name, bytes] of one.files) {
      expect(bytes.equals(two.files.get(name)!), name).toBe(true);
      expect(bytes.equals(again.files.get(name)!), name).toBe(true);
    }
    expect(one.files.get('2026-03-27.jsonl')!.equals(other.files.get('2026-03-27.jsonl')!)).toBe(false);

    const manifest = JSON.parse(one.files.get('run.json')!.toString());
    expect(manifest.format).toBe(1);
    expect(manifest.files.map((f: { date: string }) => f.date)).toEqual(['2026-03-27', '2026-03-28', '2026-03-29']);
    const lines = one.files.get('2026-03-28.jsonl')!.toString().split('\n');
    expect(lines.pop()).toBe('');
    expect(manifest.files[1].records).toBe(lines.length);
    expect(manifest.counts.records).toBe(manifest.files.reduce((s: number, f: { records: number }) => s + f.records, 0));
    expect(manifest.files[1].bytes).toBe(two.files.get('2026-03-28.jsonl')!.length);
    expect(Object.values(manifest.counts.byType as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(manifest.counts.records);
    const insights = JSON.parse(await readFile(join(one.dir, 'insights.json'), 'utf8'));
    expect(insights.totals.events).toBe(manifest.counts.byType.track);
    expect(await readFile(join(one.dir, 'report.html'), 'utf8')).toContain('<svg');
  }, 180_000);

  it('writes gzip files that decompress to the plain bytes, the same whether the main thread (1 worker) or the workers (2) compress', async () => {
    const plain = await runInto({ workers: 1, days: 1 });
    const gz1 = await runInto({ workers: 1, days: 1, gzip: true });
    const gz2 = await runInto({ workers: 2, days: 1, gzip: true });
    const name = '2026-03-27.jsonl';
    expect(gz1.files.get(`${name}.gz`)!.equals(gz2.files.get(`${name}.gz`)!)).toBe(true);
    expect(gunzipSync(gz1.files.get(`${name}.gz`)!).equals(plain.files.get(name)!)).toBe(true);
  }, 120_000);

  it('rejects bad parameters and rules with a message naming the field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dds-run-'));
    dirs.push(dir);
    const base = { taxonomy: gameTaxonomy(), rules: gameRules(), outDir: dir };
    await expect(generateRun({ ...base, params: { startDate: '2026-02-30', days: 1, dau: 10, seed: 1 } })).rejects.toThrow(/startDate.*not a real calendar date/);
    await expect(generateRun({ ...base, params: { startDate: '2026-02-01', days: 0, dau: 10, seed: 1 } })).rejects.toThrow(/days/);
    await expect(generateRun({ ...base, rules: { ...gameRules(), hourOfDay: [1] }, params: { startDate: '2026-02-01', days: 1, dau: 10, seed: 1 } })).rejects.toThrow(/rules\.hourOfDay/);
    await expect(generateRun({ ...base, rules: gameRules({ identity: { registerEvent: 'sign_up' } }), params: { startDate: '2026-02-01', days: 1, dau: 10, seed: 1 } })).rejects.toThrow(/rules\.identity\.registerEvent/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('cancels promptly and leaves no data behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dds-run-'));
    dirs.push(dir);
    const controller = new AbortController();
    const run = generateRun({
      taxonomy: gameTaxonomy(),
      rules: gameRules(),
      params: { startDate: '2026-01-01', days: 30, dau: 400, seed: 1, workers: 2 },
      outDir: dir,
      signal: controller.signal,
      onProgress: (p) => p.phase === 'generating' && p.day === 1 && controller.abort(new Error('stop')),
    });
    await expect(run).rejects.toThrow('stop');
    expect(await readdir(dir)).toEqual([]);
  }, 120_000);
  it('uses the run DAU even when the rules carry a DAU target from the workbook', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dds-run-'));
    dirs.push(dir);
    const rules = gameRules();
    rules.targets = { ...rules.targets, dau: 2000 };
    const run = await generateRun({ taxonomy: taxonomy(), rules, params: { startDate: '2026-03-27', days: 2, dau: 100, seed: 5, workers: 1 }, outDir: dir });
    expect(run.calibration.expected.dau).toBeGreaterThan(80);
    expect(run.calibration.expected.dau).toBeLessThan(120);
    const dau = run.insights.targets.find((x) => x.metric === 'dau');
    expect(dau?.target).toBe(100);
    expect(dau?.achieved).toBeLessThan(200);
  }, 60_000);
  it('carries calibration warnings into insights.json and report.html', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dds-run-'));
    dirs.push(dir);
    const t = taxonomy();
    // Stickiness no rules of this game give: the run must say so where its results are read.
    t.product.targets = { ...t.product.targets, dauMau: 0.95 };
    const run = await generateRun({ taxonomy: t, rules: gameRules(), params: { startDate: '2026-03-01', days: 30, dau: 60, seed: 5, workers: 1 }, outDir: dir });
    const warning = run.calibration.warnings.find((w) => w.startsWith('DAU/MAU is stated as 95.0 %'));
    expect(warning).toBeDefined();
    const saved = JSON.parse(await readFile(join(dir, 'insights.json'), 'utf8')) as { calibrationWarnings: string[]; targets: { metric: string; met: boolean }[] };
    expect(saved.calibrationWarnings).toEqual(run.calibration.warnings);
    expect(saved.targets.find((x) => x.metric === 'dauMau')?.met).toBe(false);
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain(warning!.slice(0, 60));
  }, 60_000);
});
