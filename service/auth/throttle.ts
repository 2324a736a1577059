/**
 * Login throttling per (username, IP): after `maxFailures` failures within the window the pair is
 * locked for `lockSec`. Kept in the database so every instance sees the same count.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface ThrottlePolicy {
  maxFailures: number;
  windowSec: number;
  lockSec: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = { maxFailures: 5, windowSec: 15 * 60, lockSec: 15 * 60 };

export function throttleKey(username: string, ip: string): string {
  return `${username.toLowerCase()}|${ip}`;
}

/** Seconds until the pair may try again, or 0. */
export async function lockedFor(db: Kysely<Database>, key: string, now: Date): Promise<number> {
  const row = await db.selectFrom('login_failures').select('locked_until').where('key', '=', key).executeTakeFirst();
  if (!row?.locked_until) return 0;
  const ms = new Date(row.locked_until).getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

export async function recordFailure(db: Kysely<Database>, key: string, now: Date, p: ThrottlePolicy): Promise<void> {
  const windowStart = new Date(now.getTime() - p.windowSec * 1000);
  const lockUntil = new Date(now.getTime() + p.lockSec * 1000);
  await db
    .insertInto('login_failures')
    .values({ key, failures: 1, first_at: now, locked_until: p.maxFailures <= 1 ? lockUntil : null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        // A failure outside the window starts a new count.
        failures: sql`CASE WHEN login_failures.first_at < ${windowStart} THEN 1 ELSE login_failures.failures + 1 END`,
        first_at: sql`CASE WHEN login_failures.first_at < ${windowStart} THEN ${now} ELSE login_failures.first_at END`,
        locked_until: sql`CASE WHEN (CASE WHEN login_failures.first_at < ${windowStart} THEN 1 ELSE login_failures.failures + 1 END) >= ${p.maxFailures} THEN ${lockUntil}::timestamptz ELSE NULL END`,
      }),
    )
    .execute();
}

export async function clearFailures(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', key).execute();
}
