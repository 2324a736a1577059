/** Loading a run on behalf of a caller: their own, or any for an admin; someone else's is "not found". */
import type { Context } from 'hono';
import type { RunRow } from '../db/schema.ts';
import { audit } from './audit.ts';
import type { AppDeps } from './deps.ts';
import type { AppEnv } from './env.ts';
import { notFound } from './errors.ts';

export async function runForCaller(c: Context<AppEnv>, deps: AppDeps, runId: string, action = 'run.read'): Promise<RunRow> {
  const user = c.get('user')!;
  const run = await deps.db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (run && (user.role === 'admin' || String(run.user_id) === user.userId)) return run;
  // Someone else's run answers exactly like a missing one, so ids cannot be probed; the attempt is recorded.
  if (run) await audit(c, deps, { action, target: runId, outcome: 'denied', details: { reason: "another user's run" } });
  throw notFound(`Run ${runId}`);
}

export const ACTIVE_STATUSES = ['created', 'queued', 'generating', 'sending'] as const;
export function isActive(status: string): boolean {
  return (ACTIVE_STATUSES as readonly string[]).includes(status);
}

/** True while the run is active or has work waiting (a send queued after generation). */
export async function isBusy(deps: AppDeps, run: RunRow): Promise<boolean> {
  if (isActive(run.status)) return true;
  const job = await deps.db.selectFrom('jobs').select('id').where('run_id', '=', run.id).where('state', 'in', ['queued', 'running']).executeTakeFirst();
  return job !== undefined;
}
