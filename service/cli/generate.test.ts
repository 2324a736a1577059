import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderWorkbook } from '../../taxonomy/index.ts';
import { gameTaxonomy } from '../engine/fixtures/game.ts';
import { writeWorkbookBuffer } from '../xlsx/write-workbook.ts';
import { CliError } from './command.ts';
import { run } from './generate.ts';

let dir = '';
let workbook = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dds-cli-'));
  workbook = join(dir, 'game.xlsx');
  const t = gameTaxonomy();
  t.product.startDate = '2026-02-01';
  t.product.targets = { ...t.product.targets, d30: 0.06 };
  t.funnels = t.funnels.map((f) => ({ ...f, stepConversion: f.steps.map(() => null) }));
  await writeFile(workbook, await writeWorkbookBuffer(renderWorkbook(t, 'en'), { language: 'en' }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('demo-data generate', () => {
  it('writes a run from a workbook, with the Product sheet start date, and prints a summary', async () => {
    const out = join(dir, 'run');
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let printed = '';
    let progress = '';
    try {
      expect(await run([workbook, '--days', '2', '--dau', '40', '--seed', '3', '--out', out, '--workers', '1'])).toBe(0);
    } finally {
      printed = stdout.mock.calls.map((c) => String(c[0])).join('');
      progress = stderr.mock.calls.map((c) => String(c[0])).join('');
      stdout.mockRestore();
      stderr.mockRestore();
    }
    expect(printed).toMatch(/records\s+[\d,]+/);
    // Two days cannot show day-30 retention: neither met nor missed.
    expect(printed).toMatch(/target d30\s+– \(target 6\.0 %\) not measurable in this range/);
    expect(progress).toContain('2/2 days');
    expect(await readdir(join(out, 'data'))).toEqual(['2026-02-01.jsonl', '2026-02-02.jsonl']);
    const manifest = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
    expect(manifest.params).toMatchObject({ startDate: '2026-02-01', days: 2, dau: 40, seed: 3 });
  }, 120_000);

  it('explains bad usage and unreadable input with exit codes 2 and 3', async () => {
    await expect(run([])).rejects.toMatchObject({ exitCode: 2 });
    await expect(run([workbook, '--days', 'x', '--out', dir])).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('--days') });
    await expect(run([workbook])).rejects.toThrow(/--out/);
    const err = await run([join(dir, 'missing.xlsx'), '--out', join(dir, 'x')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(3);
  });
});
