/**
 * Retention: deletes run files older than the run's (or its owner's) setting and uploads older than
 * the owner's setting. Idempotent, so every instance may sweep; rows stay, marked, for the history.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { runDir } from './run-dir.ts';

export interface SweepResult {
  runs: string[];
  uploads: string[];
}

export async function sweepRetention(db: Kysely<Database>, dataDir: string, now: Date): Promise<SweepResult> {
  const runs = await sql<{ id: string }>`
    SELECT r.id FROM runs r LEFT JOIN user_settings s ON s.user_id = r.user_id
    WHERE NOT r.files_deleted AND r.status IN ('generated', 'sent', 'failed', 'cancelled')
      AND COALESCE(r.retention_days, (s.settings->>'runRetentionDays')::int) IS NOT NULL
      AND COALESCE(r.finished_at, r.updated_at) < ${now}::timestamptz - make_interval(days => COALESCE(r.retention_days, (s.settings->>'runRetentionDays')::int))`.execute(db);
  for (const { id } of runs.rows) {
    // Only the data goes; the manifest and insights are small and keep the history readable.
    await rm(join(runDir(dataDir, id), 'data'), { recursive: true, force: true });
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('runs').set({ files_deleted: true, updated_at: sql`now()` }).where('id', '=', id).execute();
      await trx.deleteFrom('run_files').where('run_id', '=', id).execute();
      await trx.insertInto('audit_logs').values({ action: 'run.files_expired', target: id, outcome: 'success', details: '{}' }).execute();
    });
  }
  const uploads = await sql<{ id: string; stored_path: string }>`
    SELECT u.id, u.stored_path FROM uploads u JOIN user_settings s ON s.user_id = u.user_id
    WHERE (s.settings->>'uploadRetentionDays') IS NOT NULL
      AND u.created_at < ${now}::timestamptz - make_interval(days => (s.settings->>'uploadRetentionDays')::int)`.execute(db);
  for (const u of uploads.rows) {
    await rm(u.stored_path, { force: true });
    await db.deleteFrom('uploads').where('id', '=', u.id).execute();
  }
  return { runs: runs.rows.map((r) => r.id), uploads: uploads.rows.map((u) => u.id) };
}

/** Sweeps now and then every `everyMs`; returns a stop function. */
export function scheduleRetention(db: Kysely<Database>, dataDir: string, clock: () => Date, everyMs: number, onError: (err: unknown) => void): () => void {
  const tick = () => void sweepRetention(db, dataDir, clock()).catch(onError);
  tick();
  const t = setInterval(tick, everyMs);
  t.unref();
  return () => clearInterval(t);
}
