/** Messages between the service and its generation worker. */
import type { Taxonomy } from '../../taxonomy/model.ts';
import type { GenerateInput, GenerateProgressLike, RunManifestLike } from './adapters.ts';

export interface GenerateWorkerData {
  taxonomy: Taxonomy;
  rules: unknown;
  params: GenerateInput['params'];
  outDir: string;
}

export type ToWorker = { type: 'abort' };
export type FromWorker =
  | { type: 'progress'; progress: GenerateProgressLike }
  | { type: 'done'; manifest: RunManifestLike }
  | { type: 'error'; name: string; message: string };
