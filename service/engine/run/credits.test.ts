import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createCreditCounter, Credits, returnCredit } from './credits.ts';

describe('Credits', () => {
  it('does not wait below the limit, and counts every credit returned', () => {
    const written = createCreditCounter();
    const credits = new Credits(written, 4);
    for (let i = 0; i < 4; i++) credits.spend();
    for (let i = 0; i < 3; i++) returnCredit(written);
    credits.wait();
    expect(credits.inFlight).toBe(1);
  });

  it('at the limit, blocks until another thread returns a credit', () => {
    const written = createCreditCounter();
    const credits = new Credits(written, 2);
    credits.spend();
    credits.spend();
    // Another thread returns one credit after 200 ms; this thread must be blocked until then.
    const worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       const sleep = new Int32Array(new SharedArrayBuffer(4));
       Atomics.wait(sleep, 0, 0, 200);
       Atomics.add(workerData, 0, 1);
       Atomics.notify(workerData, 0);`,
      { eval: true, workerData: written },
    );
    const t0 = performance.now();
    credits.wait();
    const waited = performance.now() - t0;
    void worker.terminate();
    expect(credits.inFlight).toBe(1);
    expect(waited).toBeGreaterThan(150);
  });
});
