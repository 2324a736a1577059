import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness, tinyTaxonomy, waitForStatus } from '../api/test-support.ts';
import { saveUserSettings } from '../settings/store.ts';
import { sweepRetention } from './retention.ts';
import { runDir } from './run-dir.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('postgres', { name: 'retention' });
});
afterAll(async () => {
  await h?.close();
});

const DAY = 86_400_000;

it('deletes run files past the run\'s retention and uploads past the owner\'s, and nothing younger', async () => {
  const start = async () => {
    const res = await h.call('POST', '/api/generate/start', { token: h.tokens.user, body: { taxonomy: tinyTaxonomy(), params: { startDate: '2026-01-01', days: 1, dau: 2, seed: 1 }, retentionDays: 2 } });
    const { runId } = (await res.json()) as { runId: string };
    await waitForStatus(h, runId, ['generated'], h.tokens.user);
    return runId;
  };
  const keep = await start();
  const expire = await start();
  await h.deps.db.updateTable('runs').set({ retention_days: 30 }).where('id', '=', keep).execute();

  await saveUserSettings(h.deps.db, h.deps.keys, h.userIds.user, { uploadRetentionDays: 5 });
  const uploads = join(h.dataDir, 'uploads');
  await mkdir(uploads, { recursive: true });
  for (const [id, age] of [['upl_old0000000001', 10], ['upl_new0000000001', 0]] as const) {
    await writeFile(join(uploads, `${id}.xlsx`), 'x');
    await h.deps.db
      .insertInto('uploads')
      .values({ id, user_id: h.userIds.user, file_name: 'a.xlsx', stored_path: join(uploads, `${id}.xlsx`), bytes: 1, sha256: 'x', created_at: new Date(Date.now() - age * DAY) })
      .execute();
  }

  const swept = await sweepRetention(h.deps.db, h.dataDir, new Date(Date.now() + 3 * DAY));
  expect(swept).toEqual({ runs: [expire], uploads: ['upl_old0000000001'] });
  expect(existsSync(join(runDir(h.dataDir, expire), 'data'))).toBe(false);
  expect(existsSync(join(runDir(h.dataDir, keep), 'data'))).toBe(true);
  expect(existsSync(join(uploads, 'upl_old0000000001.xlsx'))).toBe(false);
  const files = (await (await h.call('GET', `/api/runs/${expire}/files`, { token: h.tokens.user })).json()) as { files: unknown[] };
  expect(files.files).toEqual([]);
  // A second sweep finds nothing more to do.
  expect(await sweepRetention(h.deps.db, h.dataDir, new Date(Date.now() + 3 * DAY))).toEqual({ runs: [], uploads: [] });
});
