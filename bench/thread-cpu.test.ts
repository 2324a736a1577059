import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { sampleThreadCpu } from './thread-cpu.ts';

// Spins until its own thread has used `ticks` hundredths of a CPU-second (read from Linux's
// /proc/thread-self, so a loaded machine takes longer but the CPU used is the same), reports
// what it used, and exits when told to.
const SPINNER = `
const { readFileSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const ticks = () => { const s = readFileSync('/proc/thread-self/stat', 'latin1'); const f = s.slice(s.lastIndexOf(')') + 2).split(' '); return Number(f[11]) + Number(f[12]); };
const t0 = ticks();
let x = 0;
while (ticks() - t0 < workerData.ticks) for (let i = 0; i < 1e5; i++) x += Math.sqrt(i + x);
parentPort.postMessage((ticks() - t0) / 100);
parentPort.once('message', () => parentPort.close());
`;

async function spin(seconds: number): Promise<number> {
  const w = new Worker(SPINNER, { eval: true, workerData: { ticks: Math.round(seconds * 100) } });
  const [used] = (await once(w, 'message')) as [number];
  // The sampler reads every 200 ms: let it see the finished thread before it ends.
  await sleep(300);
  w.postMessage('exit');
  await once(w, 'exit');
  return used;
}

describe.runIf(process.platform === 'linux')('where the CPU went', () => {
  it('puts a busy worker under simulation, none of it on the main thread that waited', async () => {
    const threads = sampleThreadCpu();
    const used = await spin(0.4);
    const split = threads.stop(1)!;
    // The worker's own start-up (before it began counting) is counted too, and ticks are 10 ms.
    expect(split.simulation).toBeGreaterThanOrEqual(used - 0.02);
    expect(split.simulation).toBeLessThan(used + 0.2);
    expect(split.main).toBeLessThan(used / 2);
    expect(split.mainKernel).toBeLessThanOrEqual(split.main);
  });

  it('takes the busiest threads as the workers, as many as asked; the rest are other threads', async () => {
    const one = sampleThreadCpu();
    const [a, b] = await Promise.all([spin(0.3), spin(0.3)]);
    const asOne = one.stop(1)!;
    expect(asOne.simulation).toBeGreaterThanOrEqual(Math.max(a, b) - 0.02);
    expect(asOne.otherThreads).toBeGreaterThanOrEqual(Math.min(a, b) - 0.02);
    const two = sampleThreadCpu();
    const [c, d] = await Promise.all([spin(0.3), spin(0.3)]);
    const asTwo = two.stop(2)!;
    expect(asTwo.simulation).toBeGreaterThanOrEqual(c + d - 0.04);
    expect(asTwo.simulation).toBeLessThan(c + d + 0.3);
  });
});
