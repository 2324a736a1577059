/**
 * Runs the engine's generateRun in a worker thread of its own. generateRun spreads simulation over
 * its own workers but writes day files on the thread that calls it; calling it here keeps
 * that work off the service's event loop, so requests stay fast during a large run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { generateRun, RulesSchema } from '../engine/index.ts';
import type { ToWorker, FromWorker, GenerateWorkerData } from './generate-messages.ts';

const port = parentPort!;
const data = workerData as GenerateWorkerData;
const abort = new AbortController();
port.on('message', (m: ToWorker) => {
  if (m.type === 'abort') abort.abort(new Error('cancelled'));
});
const post = (m: FromWorker) => port.postMessage(m);

try {
  const manifest = await generateRun({
    taxonomy: data.taxonomy,
    rules: RulesSchema.parse(data.rules),
    params: data.params,
    outDir: data.outDir,
    signal: abort.signal,
    onProgress: (p) => post({ type: 'progress', progress: { phase: p.phase, fraction: p.days > 0 ? p.day / p.days : 0, records: p.records, bytes: p.bytes } }),
  });
  post({ type: 'done', manifest: JSON.parse(JSON.stringify(manifest)) });
} catch (err) {
  post({ type: 'error', name: (err as Error)?.name ?? 'Error', message: (err as Error)?.message ?? String(err) });
}
port.close();
