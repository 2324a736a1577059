/** The service side of the generation worker: progress in, abort out, one manifest or one error back. */
import { Worker } from 'node:worker_threads';
import type { GenerateInput, RunManifestLike } from './adapters.ts';
import type { FromWorker, GenerateWorkerData } from './generate-messages.ts';

const BOOTSTRAP = new URL('./generate-worker-bootstrap.js', import.meta.url);

export function generateInWorker(input: GenerateInput): Promise<RunManifestLike> {
  const data: GenerateWorkerData = { taxonomy: input.taxonomy, rules: input.rules, params: input.params, outDir: input.outDir };
  return new Promise((resolve, reject) => {
    if (input.signal.aborted) return reject(input.signal.reason);
    const worker = new Worker(BOOTSTRAP, { workerData: data });
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      input.signal.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      fn();
    };
    const onAbort = () => {
      worker.postMessage({ type: 'abort' });
      // A worker that does not stop in time is terminated; its partial files are cleared by the next attempt.
      killTimer = setTimeout(() => void worker.terminate(), 5000);
      killTimer.unref();
    };
    input.signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'progress') input.onProgress(m.progress);
      else if (m.type === 'done') settle(() => resolve(m.manifest));
      else {
        const err = new Error(m.message);
        err.name = m.name;
        settle(() => reject(input.signal.aborted ? input.signal.reason : err));
      }
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(input.signal.aborted ? input.signal.reason : new Error(`The generation worker stopped unexpectedly (exit code ${code}).`))));
  });
}
