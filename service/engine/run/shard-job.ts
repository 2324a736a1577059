/** Runs one shard job (in a worker or in-process): compiles the model and simulates with a writer. */
import type { InsightsPartial } from '../../insights/accumulator.ts';
import { compileModel } from '../model/compile.ts';
import { loadFaker } from '../model/faker.ts';
import { buildRoster } from '../model/roster.ts';
import { ByteWriter, type ChunkPool, type RecordChunk } from '../output/byte-writer.ts';
import { simulateShard } from '../simulate/shard.ts';
import { parseDate, weekdayOf } from '../time/calendar.ts';
import type { ShardJob } from './messages.ts';

// Each chunk costs a message each way between threads (tens of microseconds on this VM), so
// chunks are large (512 KiB hold ~800 records). Larger chunks ran no faster and held more memory.

export const CHUNK_BYTES = 512 * 1024;

export interface ShardHooks {
  /** Chunks handed back by the consumer, reused instead of allocating new ones. */
  pool?: ChunkPool;
  onChunk: (chunk: RecordChunk) => void;
  pause?: () => Promise<void> | void;
  onPartDone?: (day: number, part: number) => Promise<void> | void;
  onDayDone?: (day: number) => Promise<void> | void;
  /** Receives the shard's insights as it simulates. */
  insights?: InsightsPartial;
}

export async function runShard(job: ShardJob, hooks: ShardHooks): Promise<{ users: number; byType: Record<string, number> }> {
  const startMs = parseDate(job.startDate);
  const model = compileModel(job.taxonomy, job.rules, weekdayOf(startMs));
  const roster = buildRoster(job.plan, job.days, model.acquisitionFactor);
  const writer = new ByteWriter(CHUNK_BYTES, hooks.onChunk);
  writer.pool = hooks.pool ?? null;
  const faker = model.fakerMethods.length > 0 ? await loadFaker() : null;
  const { activeUsers } = await simulateShard({
    model,
    seed: job.seed,
    startMs,
    days: job.days,
    roster,
    parts: job.parts,
    shard: job.shard,
    shards: job.shards,
    writer,
    faker,
    ...(hooks.insights ? { insights: hooks.insights } : {}),
    ...(hooks.pause ? { pause: hooks.pause } : {}),
    ...(hooks.onPartDone ? { onPartDone: hooks.onPartDone } : {}),
    ...(hooks.onDayDone ? { onDayDone: hooks.onDayDone } : {}),
  });
  writer.flush();
  return { users: activeUsers, byType: writer.counts };
}
