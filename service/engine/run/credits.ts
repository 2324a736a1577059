/**
 * Back-pressure between a shard worker and the main thread, in one shared counter: each chunk the
 * worker posts uses a credit, and the main thread counts a credit back once the chunk is written.
 * At its limit the worker blocks in `Atomics.wait` until a credit comes back.
 *
 * Why not messages: a worker awaiting a credit on its port depends on the port's listener and
 * reference bookkeeping (a port with no 'message' listener does not keep a worker's event loop
 * alive, and a worker whose loop ends exits quietly with its run unfinished). A blocked thread
 * needs none of that, and takes every returned credit at once.
 */

/** [0]: chunks the main thread has written. */
export function createCreditCounter(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

export class Credits {
  private posted = 0;

  constructor(
    private readonly written: Int32Array,
    readonly limit: number,
  ) {}

  get inFlight(): number {
    return this.posted - Atomics.load(this.written, 0);
  }

  /** Counts a chunk just posted. */
  spend(): void {
    this.posted++;
  }

  /** Blocks while `limit` posted chunks are still unwritten. */
  wait(): void {
    for (;;) {
      const written = Atomics.load(this.written, 0);
      if (this.posted - written < this.limit) return;
      // Timed, so a terminated worker is never stuck here for long.
      Atomics.wait(this.written, 0, written, 1000);
    }
  }
}

/** The main thread's side: one chunk written, one credit back. */
export function returnCredit(written: Int32Array): void {
  Atomics.add(written, 0, 1);
  Atomics.notify(written, 0);
}
