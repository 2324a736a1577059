/** What the main thread and shard workers say to each other. */
import type { Taxonomy } from '../../../taxonomy/model.ts';
import type { InsightsConfig, InsightsPartial } from '../../insights/index.ts';
import type { PopulationPlan } from '../model/roster.ts';
import type { RecordChunk } from '../output/byte-writer.ts';
import type { Rules } from '../rules/schema.ts';

/** What a shard worker is started with: its job, and the counter of its chunks written (see credits.ts). */
export interface ShardWorkerData {
  job: ShardJob;
  written: Int32Array;
  /** Gzip the records in the worker, part by part (see gzip-blocks.ts), and post members, not chunks. */
  gzip: boolean;
}

export interface ShardJob {
  taxonomy: Taxonomy;
  rules: Rules;
  startDate: string;
  days: number;
  seed: number;
  plan: PopulationPlan;
  /** Users are split into this many parts (see roster.ts); the worker owns `p % shards === shard`. */
  parts: number;
  shard: number;
  shards: number;
  insights: InsightsConfig;
}

/** A gzip member of a part-day's records, compressed by the worker that owns the part. */
export interface GzipMember {
  day: number;
  part: number;
  member: Uint8Array;
  records: number;
}

export type WorkerMessage =
  | { type: 'chunk'; chunk: RecordChunk }
  | { type: 'member'; member: GzipMember }
  /** The worker has posted every chunk (or member) of the part-day. */
  | { type: 'partEnd'; day: number; part: number }
  | { type: 'done'; partial: InsightsPartial; users: number; byType: Record<string, number> }
  | { type: 'error'; message: string };

/** A written chunk's buffers go back to its worker (transferred) to be reused. */
export type MainMessage = { type: 'returned'; chunk: RecordChunk };
