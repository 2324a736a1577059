/** Writes one audit entry for the current request: who, from where, what, on what, and how it ended. */
import type { Context } from 'hono';
import type { AuditOutcome } from '../db/schema.ts';
import type { AppDeps } from './deps.ts';
import type { AppEnv } from './env.ts';
import { clientInfo } from './client-info.ts';

export interface AuditEntry {
  action: string;
  target?: string | null;
  outcome: AuditOutcome;
  details?: Record<string, unknown>;
  /** For login, where the user is not yet in the context. */
  actor?: { userId: string | null; username: string | null };
}

export async function audit(c: Context<AppEnv>, deps: AppDeps, e: AuditEntry): Promise<void> {
  const user = c.get('user');
  const { ip, userAgent } = clientInfo(c, deps.config.trustProxy);
  try {
    await deps.db
      .insertInto('audit_logs')
      .values({
        at: deps.clock(),
        user_id: e.actor ? e.actor.userId : (user?.userId ?? null),
        username: e.actor ? e.actor.username : (user?.username ?? null),
        action: e.action,
        target: e.target ?? null,
        outcome: e.outcome,
        ip,
        user_agent: userAgent,
        details: JSON.stringify(e.details ?? {}),
      })
      .execute();
  } catch (err) {
    // Losing an audit line must be visible in the logs, but must not turn a done action into an error.
    deps.logger.error({ err, action: e.action }, 'audit write failed');
  }
}
