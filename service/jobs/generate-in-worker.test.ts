import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { analyzeOffline } from '../engine/analyzer/offline.ts';
import { TaxonomySchema } from '../../taxonomy/model.ts';
import { tinyTaxonomy } from '../api/test-support.ts';
import { generateInWorker } from './generate-in-worker.ts';
import type { GenerateProgressLike } from './adapters.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dds-genworker-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const taxonomy = TaxonomySchema.parse(tinyTaxonomy());
const rules = analyzeOffline(taxonomy);

it('runs the engine in a worker thread, reporting progress and returning the manifest', async () => {
  const progress: GenerateProgressLike[] = [];
  const outDir = join(dir, 'ok');
  const manifest = await generateInWorker({ taxonomy, rules, params: { startDate: '2026-01-01', days: 2, dau: 5, seed: 1 }, outDir, signal: new AbortController().signal, onProgress: (p) => progress.push(p) });
  expect(manifest.files.map((f) => f.date)).toEqual(['2026-01-01', '2026-01-02']);
  expect(await readdir(join(outDir, 'data'))).toHaveLength(2);
  expect(progress.at(-1)).toMatchObject({ phase: 'done', fraction: 1 });
}, 60_000);

it('stops when aborted and rejects with the abort reason', async () => {
  const abort = new AbortController();
  const run = generateInWorker({
    taxonomy,
    rules,
    params: { startDate: '2026-01-01', days: 60, dau: 2000, seed: 1 },
    outDir: join(dir, 'aborted'),
    signal: abort.signal,
    onProgress: (p) => {
      if (p.phase === 'generating') abort.abort(new Error('stop now'));
    },
  });
  await expect(run).rejects.toThrow('stop now');
}, 60_000);
