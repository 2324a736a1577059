/**
 * Takes jobs from the queue and runs them, one at a time per instance (generation spreads over
 * worker threads itself). Holds each job by a heartbeat; stops work when the run is cancelled or the
 * lease is lost; writes results only while still holding the job.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { Logger } from 'pino';
import type { Database, JobRow, RunStatus } from '../db/schema.ts';
import { TaxonomySchema } from '../../taxonomy/model.ts';
import type { Integrations } from './adapters.ts';
import { resolveDestination } from './destination.ts';
import type { Destination } from '../api/schemas/runs.ts';
import type { JobQueue } from './queue.ts';
import { runDir } from './run-dir.ts';
import { loadUserSettings } from '../settings/store.ts';
import type { ServiceKeys } from '../auth/keys.ts';

export interface RunnerOptions {
  db: Kysely<Database>;
  queue: JobQueue;
  integrations: Integrations;
  dataDir: string;
  keys: ServiceKeys;
  logger: Logger;
  /** How often to look for work when not woken. */
  pollMs?: number;
  /** How often to write progress to the database. */
  progressMs?: number;
  owner?: string;
}

class LeaseLost extends Error {}

export class JobRunner {
  readonly owner: string;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private unsubscribe: (() => void) | undefined;
  private current: AbortController | undefined;

  constructor(private readonly o: RunnerOptions) {
    this.owner = o.owner ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  }

  start(): void {
    this.unsubscribe = this.o.queue.onEnqueue(() => this.wakeUp?.());
    this.loop = this.run();
  }

  /** Stops taking work; an interrupted job is left to lease expiry (another instance resumes it). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.current?.abort(new LeaseLost('service stopping'));
    this.wakeUp?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let job: JobRow | undefined;
      try {
        job = await this.o.queue.claim(this.owner);
      } catch (err) {
        this.o.logger.warn({ err }, 'job claim failed');
      }
      if (job) {
        await this.execute(job).catch((err) => this.o.logger.error({ err, job: job.id }, 'job crashed'));
        continue;
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.o.pollMs ?? 1000);
        this.wakeUp = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }

  private async execute(job: JobRow): Promise<void> {
    const { db, queue, logger } = this.o;
    const log = logger.child({ job: job.id, run: job.run_id, kind: job.kind, attempt: job.attempts });
    const run = await db.selectFrom('runs').selectAll().where('id', '=', job.run_id).executeTakeFirst();
    if (!run) {
      await queue.whileHeld(job.id, this.owner, (trx) => queue.finish(trx, job.id, 'failed', 'run deleted'));
      return;
    }
    if (run.cancel_requested) {
      await this.settle(job, 'cancelled', 'cancelled', 'Cancelled by the user.');
      return;
    }
    if (job.attempts > job.max_attempts) {
      const reason = `Interrupted ${job.attempts - 1} times (the service stopped while working on it); start the run again.`;
      await this.settle(job, 'failed', 'failed', reason);
      return;
    }
    log.info('job started');
    const abort = new AbortController();
    this.current = abort;
    const beat = setInterval(() => {
      queue
        .heartbeat(job.id, this.owner)
        .then((h) => {
          if (!h) abort.abort(new LeaseLost('lease lost'));
          else if (h.cancelRequested) abort.abort(new Error('cancelled'));
        })
        .catch((err) => log.warn({ err }, 'heartbeat failed'));
    }, Math.max(200, Math.floor(queue.options.leaseMs / 3)));
    try {
      if (job.kind === 'generate') await this.generate(job, run, abort.signal);
      else await this.send(job, run, abort.signal);
      log.info('job finished');
    } catch (err) {
      const reason = abort.signal.reason;
      if (reason instanceof LeaseLost && this.stopped) {
        await queue.release(job.id, this.owner).catch((e) => log.warn({ err: e }, 'could not release the job'));
        log.info('job released for another instance (service stopping)');
      } else if (reason instanceof LeaseLost) {
        log.warn('job lease lost; leaving it to whoever holds it');
      } else if (abort.signal.aborted) {
        await this.settle(job, 'cancelled', 'cancelled', 'Cancelled by the user.');
      } else {
        const message = err instanceof Error ? err.message : String(err);
        log.warn({ err }, 'job failed');
        await this.settle(job, 'failed', 'failed', message);
      }
    } finally {
      clearInterval(beat);
      this.current = undefined;
    }
  }

  private async settle(job: JobRow, jobState: 'failed' | 'cancelled', status: RunStatus, error: string): Promise<void> {
    const { queue } = this.o;
    await queue.whileHeld(job.id, this.owner, async (trx) => {
      await queue.finish(trx, job.id, jobState, error);
      await trx
        .updateTable('runs')
        .set({ status, error, finished_at: sql`now()`, updated_at: sql`now()` })
        .where('id', '=', job.run_id)
        .execute();
      const run = await trx.selectFrom('runs').select('user_id').where('id', '=', job.run_id).executeTakeFirst();
      if (job.kind === 'send' || status === 'cancelled') {
        await trx
          .insertInto('audit_logs')
          .values({
            user_id: run?.user_id ?? null,
            action: status === 'cancelled' ? 'run.cancelled' : 'run.send',
            target: job.run_id,
            outcome: 'failure',
            details: JSON.stringify({ job: job.kind, error }),
          })
          .execute();
      }
    });
  }

  /** Progress written at most every `progressMs`, plus once at the end. */
  private progressWriter(job: JobRow) {
    let latest: Record<string, unknown> | undefined;
    let last = 0;
    let pending: Promise<unknown> = Promise.resolve();
    const flush = () => {
      if (!latest) return;
      const value = latest;
      latest = undefined;
      last = Date.now();
      pending = this.o.db
        .updateTable('runs')
        .set({ progress: JSON.stringify(value), updated_at: sql`now()` })
        .where('id', '=', job.run_id)
        .execute()
        .catch(() => {});
    };
    return {
      update: (p: Record<string, unknown>) => {
        latest = p;
        if (Date.now() - last >= (this.o.progressMs ?? 500)) flush();
      },
      done: async () => {
        flush();
        await pending;
      },
    };
  }

  private async setStatus(job: JobRow, status: RunStatus, progress: Record<string, unknown>): Promise<void> {
    const ok = await this.o.queue.whileHeld(job.id, this.owner, async (trx) => {
      await trx
        .updateTable('runs')
        .set({ status, progress: JSON.stringify(progress), error: null, updated_at: sql`now()` })
        .where('id', '=', job.run_id)
        .execute();
    });
    if (!ok) throw new LeaseLost('lease lost');
  }

  private async generate(job: JobRow, run: { id: string; user_id: string; taxonomy: unknown; params: Record<string, unknown> }, signal: AbortSignal): Promise<void> {
    const { integrations, queue } = this.o;
    await this.setStatus(job, 'generating', { phase: 'analyzing', fraction: 0 });
    const dir = runDir(this.o.dataDir, run.id);
    // Output is a pure function of the inputs, so a taken-over job starts again from nothing.
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const taxonomy = TaxonomySchema.parse(run.taxonomy);
    const settings = await loadUserSettings(this.o.db, this.o.keys, run.user_id);
    const mode = job.payload.analysis === 'ai' ? 'ai' : 'offline';
    const analysis = await integrations.analyze({ taxonomy, mode, ai: settings.aiKeys, signal });
    signal.throwIfAborted();
    const progress = this.progressWriter(job);
    const params = run.params as { startDate: string; days: number; dau: number; seed: number; gzip?: boolean };
    const manifest = await integrations.generate({
      taxonomy,
      rules: analysis.rules,
      params,
      outDir: dir,
      signal,
      onProgress: (p) => progress.update({ phase: 'generating', ...p }),
    });
    await progress.done();
    signal.throwIfAborted();
    const thenSend = job.payload.destination !== undefined;
    const ok = await queue.whileHeld(job.id, this.owner, async (trx) => {
      await trx.deleteFrom('run_files').where('run_id', '=', run.id).execute();
      if (manifest.files.length > 0) {
        await trx
          .insertInto('run_files')
          .values(manifest.files.map((f) => ({ run_id: run.id, path: f.path, date: f.date ?? null, records: f.records ?? 0, bytes: f.bytes ?? 0 })))
          .execute();
      }
      await trx
        .updateTable('runs')
        .set({
          status: 'generated',
          manifest: JSON.stringify(manifest),
          rules: JSON.stringify(analysis.rules ?? null),
          progress: JSON.stringify({ phase: 'generated', fraction: 1, records: manifest.counts?.records, warnings: analysis.warnings, analysis: analysis.source, aiUsage: analysis.usage ?? null }),
          finished_at: thenSend ? null : sql`now()`,
          updated_at: sql`now()`,
        })
        .where('id', '=', run.id)
        .execute();
      await queue.finish(trx, job.id, 'done');
      if (thenSend) await queue.enqueue(run.id, 'send', { destination: job.payload.destination }, trx);
    });
    if (!ok) throw new LeaseLost('lease lost');
    if (thenSend) queue.wake();
  }

  private async send(job: JobRow, run: { id: string; user_id: string; delete_after_send: boolean }, signal: AbortSignal): Promise<void> {
    const { integrations, queue, db } = this.o;
    await this.setStatus(job, 'sending', { phase: 'sending', fraction: 0 });
    const dir = runDir(this.o.dataDir, run.id);
    const settings = await loadUserSettings(db, this.o.keys, run.user_id);
    const destination = await resolveDestination(job.payload.destination as Destination, run.id, settings, integrations);
    const progress = this.progressWriter(job);
    const result = await integrations.send({
      runDir: dir,
      destination,
      // One checkpoint per destination: a resend to the same place resumes, a send elsewhere starts fresh.
      checkpointFile: join(dir, `send-checkpoint-${createHash('sha256').update(`${destination.kind}|${destination.url}|${destination.appId}`).digest('hex').slice(0, 16)}.json`),
      signal,
      onProgress: (p) => progress.update({ phase: 'sending', ...p }),
    });
    await progress.done();
    signal.throwIfAborted();
    const ok = await queue.whileHeld(job.id, this.owner, async (trx) => {
      await trx
        .updateTable('runs')
        .set({ status: 'sent', progress: JSON.stringify({ phase: 'sent', fraction: 1, ...result }), finished_at: sql`now()`, updated_at: sql`now()` })
        .where('id', '=', run.id)
        .execute();
      await queue.finish(trx, job.id, 'done');
      await trx
        .insertInto('audit_logs')
        .values({ user_id: run.user_id, action: 'run.send', target: run.id, outcome: 'success', details: JSON.stringify({ destination: { kind: destination.kind, url: destination.url }, ...result }) })
        .execute();
    });
    if (!ok) throw new LeaseLost('lease lost');
    if (run.delete_after_send) {
      await rm(join(dir, 'data'), { recursive: true, force: true });
      await db.updateTable('runs').set({ files_deleted: true }).where('id', '=', run.id).execute();
    }
  }
}
