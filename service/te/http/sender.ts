/**
 * Sends a run to a TE receiver over HTTP: `/sync_server`, gzip JSON arrays of ≤ 1000 records built
 * from the JSONL bytes, a few requests in flight, retries with back-off on transport failures, a
 * clear stop on TE's permanent answers, and a checkpoint after every acknowledged batch.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import { AckTracker, loadCheckpoint, saveCheckpoint, type Checkpoint } from '../checkpoint.ts';
import { openRun } from '../run-dir.ts';
import { batchesOf, type Batch } from './batches.ts';
import { createPoster } from './post.ts';
import { DEFAULT_RETRY, backoffMs, jitterSource, type RetryPolicy } from './retry.ts';
import { SendError, type SendProgress, type SendReport } from '../send-types.ts';

const gzip = promisify(gzipCb);

/** TE recommends at most 1000 records per request. */
export const MAX_BATCH = 1000;

export interface HttpSendOptions {
  runDir: string;
  destination: { url: string; appId: string };
  checkpointFile?: string;
  signal?: AbortSignal;
  onProgress?: (p: SendProgress) => void;
  batchSize?: number;
  /** Requests in flight (default 4). */
  concurrency?: number;
  /** gzip bodies (default true), at this level (default 1: fast, still ~8× smaller). */
  compress?: boolean;
  gzipLevel?: number;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
}

const TE_CODES: Record<number, { kind: SendError['kind']; text: string }> = {
  [-1]: { kind: 'rejected', text: 'the receiver rejected the data format' },
  [-2]: { kind: 'unknown_app', text: 'the receiver does not know this app id' },
  [-3]: { kind: 'ip_denied', text: 'the receiver does not accept data from this IP address' },
};

export async function sendHttp(opts: HttpSendOptions): Promise<SendReport> {
  const started = performance.now();
  const batchSize = Math.min(MAX_BATCH, Math.max(1, opts.batchSize ?? MAX_BATCH));
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const compress = opts.compress !== false;
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };
  const run = await openRun(opts.runDir);
  const destination = { url: opts.destination.url, appId: opts.destination.appId };

  const previous = opts.checkpointFile ? await loadCheckpoint(opts.checkpointFile) : undefined;
  if (previous) {
    const mismatch =
      previous.run !== run.identity ? 'another run' : previous.destination.url !== destination.url || previous.destination.appId !== destination.appId ? 'another destination' : previous.batchSize !== batchSize ? `batch size ${previous.batchSize}` : undefined;
    if (mismatch) {
      throw new SendError('checkpoint', `checkpoint ${opts.checkpointFile} belongs to ${mismatch}; delete it or use another checkpoint file.`, emptyReport(run.manifest.counts.records));
    }
  }
  const recordsTotal = run.files.reduce((n, f) => n + f.records, 0);
  const progress: SendProgress = {
    recordsSent: previous?.recordsSent ?? 0,
    recordsTotal,
    bytesSent: 0,
    batchesSent: 0,
    retries: 0,
    resumedFrom: previous?.recordsSent ?? 0,
  };
  const report = (): SendReport => ({ ...progress, complete: false, elapsedMs: performance.now() - started });
  if (previous?.complete) return { ...report(), complete: true };

  const tracker = new AckTracker(previous);
  const snapshot = (complete: boolean): Checkpoint => ({ format: 1, run: run.identity, destination, batchSize, ...tracker.state(), recordsSent: progress.recordsSent, complete });
  // Checkpoint writes are chained so an older state never lands after a newer one.
  let saving: Promise<void> = Promise.resolve();
  const save = (complete = false): Promise<void> => {
    if (!opts.checkpointFile) return saving;
    const file = opts.checkpointFile;
    const state = snapshot(complete);
    saving = saving.then(() => saveCheckpoint(file, state));
    return saving;
  };

  const stop = new AbortController();
  const onAbort = () => stop.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const poster = createPoster(destination.url, { maxSockets: concurrency, timeoutMs: opts.timeoutMs ?? 60_000 });
  let failure: SendError | undefined;
  // Stops new batches and retries; requests already on the wire finish.
  const fail = (err: unknown) => {
    failure ??= err instanceof SendError ? err : new SendError('transport', (err as Error).message, report());
    stop.abort();
  };

  async function deliver(batch: Batch): Promise<void> {
    const body = compress ? await gzip(batch.body, { level: opts.gzipLevel ?? 1 }) : batch.body;
    const headers = {
      appid: destination.appId,
      compress: compress ? 'gzip' : 'none',
      'content-type': 'application/plaintext',
      'TA-Integration-Type': 'demo-data-studio',
      'TA-Integration-Version': '0.1.0',
      'TA-Integration-Count': String(batch.records),
    };
    const random = jitterSource(policy.seed * 1_000_003 + batch.file * 100_003 + batch.index);
    for (let attempt = 1; ; attempt++) {
      if (stop.signal.aborted) throw failure ?? new SendError('aborted', 'the send was cancelled', report());
      // In-flight requests are never cut short: their answer decides whether the batch is done,
      // which keeps the checkpoint exact when a send is cancelled or fails elsewhere.
      const outcome = await poster.post('/sync_server', headers, body);
      if (outcome.kind === 'answer') {
        const code = outcome.body.code;
        if (code === 0) {
          progress.bytesSent += body.length;
          return;
        }
        const known = typeof code === 'number' ? TE_CODES[code] : undefined;
        const msg = typeof outcome.body.msg === 'string' ? `: ${outcome.body.msg}` : '';
        throw new SendError(known?.kind ?? 'rejected', `${known?.text ?? `the receiver answered code ${String(code)}`}${msg} (file ${run.files[batch.file]!.relative}, batch ${batch.index}).`, report());
      }
      if (outcome.kind === 'permanent') throw new SendError('rejected', `${outcome.reason} (file ${run.files[batch.file]!.relative}, batch ${batch.index}).`, report());
      if (stop.signal.aborted) throw failure ?? new SendError('aborted', 'the send was cancelled', report());
      if (attempt >= policy.attempts) {
        throw new SendError('transport', `gave up after ${attempt} attempts on file ${run.files[batch.file]!.relative}, batch ${batch.index}: ${outcome.reason}. Run the send again to resume.`, report());
      }
      progress.retries += 1;
      opts.onProgress?.({ ...progress });
      await sleep(backoffMs(policy, attempt, random), undefined, { signal: stop.signal }).catch(() => undefined);
    }
  }

  const inflight = new Set<Promise<void>>();
  try {
    files: for (let fi = 0; fi < run.files.length; fi++) {
      let count = 0;
      for await (const batch of batchesOf(run.files[fi]!.path, fi, batchSize, (i) => tracker.isDone({ file: fi, batch: i }))) {
        count += 1;
        if (failure || stop.signal.aborted) break files;
        if (tracker.isDone({ file: fi, batch: batch.index })) continue;
        while (inflight.size >= concurrency) await Promise.race(inflight);
        if (failure || stop.signal.aborted) break files;
        const task: Promise<void> = deliver(batch)
          .then(async () => {
            tracker.ack({ file: fi, batch: batch.index });
            progress.recordsSent += batch.records;
            progress.batchesSent += 1;
            const now = { ...progress };
            await save();
            opts.onProgress?.(now);
          })
          .catch(fail)
          .finally(() => inflight.delete(task));
        inflight.add(task);
      }
      tracker.fileLength(fi, count);
    }
    await Promise.all(inflight);
    if (!failure && opts.signal?.aborted) failure = new SendError('aborted', 'the send was cancelled; run it again to resume.', report());
    await save(!failure);
  } catch (err) {
    // Reading the run failed: wait for what is in flight so the checkpoint is exact.
    fail(new SendError('run', `cannot read the run: ${(err as Error).message}`, report()));
    await Promise.allSettled(inflight);
    await save();
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    poster.close();
  }
  if (failure) {
    failure.report = report();
    throw failure;
  }
  return { ...report(), complete: true };
}

function emptyReport(recordsTotal: number): SendReport {
  return { recordsSent: 0, recordsTotal, bytesSent: 0, batchesSent: 0, retries: 0, resumedFrom: 0, complete: false, elapsedMs: 0 };
}
