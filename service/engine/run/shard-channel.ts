/** The main thread's end of one shard worker: an async queue of its messages, with credits back. */
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { RecordChunk } from '../output/byte-writer.ts';
import { createCreditCounter, returnCredit } from './credits.ts';
import type { GzipMember, MainMessage, ShardJob, ShardWorkerData, WorkerMessage } from './messages.ts';
import { shardWorkerEntry } from './worker-entry.ts';

// A shard keeps every simulated user alive until the last day, so its heap only grows, and V8's
// default growth (the next major GC waits until the heap is up to several times the live size)
// lets garbage double the resident memory. A small step keeps RSS near the live size for the same
// CPU: one 10k-DAU shard peaked at 467 MB RSS instead of 714 MB at 25 %; the bench's two-worker
// runs took ~290 MB at 10 % instead of ~315 MB at 25 %, and 5 % trimmed the gzip case by ~10 MB
// more with no measurable slowdown. V8 flags are per process, and must be set before the workers'
// heaps are created.
setFlagsFromString('--heap-growing-percent=5');

// Records are short-lived garbage and users long-lived. A worker's young generation of 12 MB
// (4 MB semi-spaces) is scavenged half as often as V8's smallest and promotes less of a part-day's
// plans: over three pairs of bench runs, two workers used 1–4 s less CPU of ~38 s (V8's helper
// threads ~1 s of it) and ran 2–9 % faster, for ~15 MB more resident memory; 24 MB was no faster.
// (A process-wide `--max-semi-space-size` would override this, and would not reach the main
// thread's heap, which exists before any flag is set here.)
const YOUNG_GENERATION_MB = 12;

export class ShardChannel {
  private readonly worker: Worker;
  private readonly queue: WorkerMessage[] = [];
  private waiter: (() => void) | null = null;
  private failure: Error | null = null;
  /** The worker's chunks written so far, shared with it (see credits.ts). */
  private readonly written = createCreditCounter();
  private finishedSent = false;
  done: Extract<WorkerMessage, { type: 'done' }> | null = null;

  /** `gzip`: the worker posts gzip members instead of chunks; `entry`: its module (see worker-entry.ts). */
  constructor(job: ShardJob, options: { gzip?: boolean; entry?: URL } = {}) {
    const entry = options.entry ?? shardWorkerEntry();
    const workerData: ShardWorkerData = { job, written: this.written, gzip: options.gzip ?? false };
    this.worker = new Worker(entry, { workerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    this.worker.on('message', (m: WorkerMessage) => this.push(m));
    this.worker.on('error', (err) => this.fail(err));
    // A worker's messages are all delivered before its 'exit': one that ends without having sent
    // 'done' stopped early, whatever its exit code, and nothing more will come from it.
    this.worker.on('exit', (code) => {
      if (!this.finishedSent) this.fail(new Error(`a generator worker stopped before finishing (exit code ${code}). Run again; if it recurs, run with --workers 1 and report the message.`));
    });
  }

  private push(m: WorkerMessage): void {
    if (m.type === 'error') {
      this.fail(new Error(m.message));
      return;
    }
    if (m.type === 'done') this.finishedSent = true;
    this.queue.push(m);
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  /**
   * The next chunk (or gzip member) of `part` on `day`, or null once the worker has posted all of
   * it. A worker posts its parts in order, so anything else is a bug, not a race.
   */
  async nextChunk(day: number, part: number): Promise<RecordChunk | GzipMember | null> {
    const m = await this.take();
    const of = m.type === 'chunk' ? m.chunk : m.type === 'member' ? m.member : m.type === 'partEnd' ? m : null;
    if (!of || of.day !== day || of.part !== part) {
      throw new Error(`internal: worker sent ${m.type} out of order while day ${day} part ${part} was being written`);
    }
    return m.type === 'partEnd' ? null : (of as RecordChunk | GzipMember);
  }

  /**
   * Gives the worker its credit to post another; a chunk's buffers go back for reuse (a member's
   * buffer was zlib's, and is garbage now).
   */
  giveBack(written: RecordChunk | GzipMember): void {
    if ('ends' in written) {
      const message: MainMessage = { type: 'returned', chunk: written };
      this.worker.postMessage(message, [written.bytes.buffer as ArrayBuffer, written.ends.buffer as ArrayBuffer]);
    }
    returnCredit(this.written);
  }

  async finished(): Promise<Extract<WorkerMessage, { type: 'done' }>> {
    while (!this.done) {
      const m = await this.take();
      if (m.type === 'done') this.done = m;
    }
    return this.done;
  }

  private async take(): Promise<WorkerMessage> {
    for (;;) {
      if (this.failure) throw this.failure;
      const m = this.queue.shift();
      if (m) return m;
      await new Promise<void>((r) => (this.waiter = r));
    }
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}
