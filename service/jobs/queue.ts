/**
 * The job queue: rows in `jobs`, taken with `FOR UPDATE SKIP LOCKED` and held by a lease that the
 * holder renews. Lease times use the database clock so instances with skewed clocks agree.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, JobKind, JobRow } from '../db/schema.ts';

export interface QueueOptions {
  /** How long a lease lasts without a heartbeat. */
  leaseMs: number;
}

export class JobQueue {
  private listeners = new Set<() => void>();

  constructor(
    private readonly db: Kysely<Database>,
    readonly options: QueueOptions,
  ) {}

  /** Adds a job (inside the caller's transaction when given) and wakes local runners. */
  async enqueue(runId: string, kind: JobKind, payload: Record<string, unknown> = {}, trx?: Transaction<Database>): Promise<void> {
    await (trx ?? this.db).insertInto('jobs').values({ run_id: runId, kind, state: 'queued', payload: JSON.stringify(payload) }).execute();
    // Inside a transaction the caller wakes runners after commit, when the row is visible.
    if (!trx) this.wake();
  }

  /** Runners subscribe to be woken on enqueue instead of waiting for their next poll. */
  onEnqueue(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  wake(): void {
    for (const fn of this.listeners) fn();
  }

  /** Takes the oldest queued job, or a running one whose lease expired (its holder died). */
  async claim(owner: string): Promise<JobRow | undefined> {
    const r = await sql<JobRow>`
      UPDATE jobs SET state = 'running', lease_owner = ${owner},
        lease_until = now() + ${this.options.leaseMs} * interval '1 millisecond',
        attempts = attempts + 1, updated_at = now()
      WHERE id = (
        SELECT id FROM jobs
        WHERE state = 'queued' OR (state = 'running' AND lease_until < now())
        ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING *`.execute(this.db);
    return r.rows[0];
  }

  /** Renews the lease; undefined when it was lost (taken over or cancelled), else the run's cancel flag. */
  async heartbeat(jobId: string, owner: string): Promise<{ cancelRequested: boolean } | undefined> {
    const r = await sql<{ cancel_requested: boolean }>`
      UPDATE jobs SET lease_until = now() + ${this.options.leaseMs} * interval '1 millisecond', updated_at = now()
      FROM runs
      WHERE jobs.id = ${jobId} AND jobs.lease_owner = ${owner} AND jobs.state = 'running' AND runs.id = jobs.run_id
      RETURNING runs.cancel_requested`.execute(this.db);
    const row = r.rows[0];
    return row ? { cancelRequested: row.cancel_requested } : undefined;
  }

  /**
   * Runs `fn` in a transaction only while this owner still holds the job, so an instance that lost
   * its lease can never overwrite the results of the one that took over. Returns false if lost.
   */
  async whileHeld(jobId: string, owner: string, fn: (trx: Transaction<Database>) => Promise<void>): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const held = await trx
        .selectFrom('jobs')
        .select('id')
        .where('id', '=', jobId)
        .where('lease_owner', '=', owner)
        .where('state', '=', 'running')
        .forUpdate()
        .executeTakeFirst();
      if (!held) return false;
      await fn(trx);
      return true;
    });
  }

  /**
   * Gives a job back on a clean shutdown: queued again at once, without counting the attempt, so
   * a restart or another instance picks it up without waiting for the lease to run out.
   */
  async release(jobId: string, owner: string): Promise<void> {
    await sql`
      UPDATE jobs SET state = 'queued', lease_owner = NULL, lease_until = NULL, attempts = greatest(attempts - 1, 0), updated_at = now()
      WHERE id = ${jobId} AND lease_owner = ${owner} AND state = 'running'`.execute(this.db);
  }

  async finish(trx: Transaction<Database>, jobId: string, state: 'done' | 'failed' | 'cancelled', error?: string): Promise<void> {
    await trx
      .updateTable('jobs')
      .set({ state, last_error: error ?? null, lease_until: null, updated_at: sql`now()` })
      .where('id', '=', jobId)
      .execute();
  }
}
