import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness, tinyTaxonomy, waitForStatus } from '../api/test-support.ts';
import { JobRunner } from './runner.ts';

let h: Harness;
let second: JobRunner | undefined;
beforeAll(async () => {
  h = await createHarness('postgres', { name: 'runner' });
});
afterAll(async () => {
  await second?.stop();
  await h?.close();
});

it('gives a job back on a clean stop, and another runner finishes it without spending an attempt', async () => {
  const res = await h.call('POST', '/api/generate/start', { token: h.tokens.user, body: { taxonomy: tinyTaxonomy(), params: { startDate: '2026-01-01', days: 40, dau: 2, seed: 1 } } });
  const { runId } = (await res.json()) as { runId: string };
  await waitForStatus(h, runId, ['generating'], h.tokens.user);
  await h.runner.stop();
  const job = await h.deps.db.selectFrom('jobs').selectAll().where('run_id', '=', runId).executeTakeFirstOrThrow();
  expect({ state: job.state, attempts: job.attempts, owner: job.lease_owner }).toEqual({ state: 'queued', attempts: 0, owner: null });

  second = new JobRunner({ db: h.deps.db, queue: h.deps.jobs, integrations: h.deps.integrations, dataDir: h.dataDir, keys: h.deps.keys, logger: h.deps.logger, pollMs: 50 });
  second.start();
  const done = await waitForStatus(h, runId, ['generated'], h.tokens.user);
  expect((done.progress as { records: number }).records).toBe(80);
  const after = await h.deps.db.selectFrom('jobs').select(['state', 'attempts']).where('run_id', '=', runId).executeTakeFirstOrThrow();
  expect(after).toEqual({ state: 'done', attempts: 1 });
});
