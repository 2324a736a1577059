/** A worker thread simulating one shard of users and posting encoded chunks to the main thread. */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { createInsightsAccumulator } from '../../insights/index.ts';
import { ChunkPool } from '../output/byte-writer.ts';
import { GzipBlocks } from '../output/gzip-blocks.ts';
import { Credits } from './credits.ts';
import { runShard } from './shard-job.ts';
import type { MainMessage, ShardWorkerData, WorkerMessage } from './messages.ts';

const port = parentPort!;
const { job, written, gzip } = workerData as ShardWorkerData;
// While the main thread writes one worker's part, the other workers simulate their next parts:
// each may run a part-day ahead (~2.5 MB in the bench, see roster.ts) before it waits.
const MAX_OUTSTANDING = 16;
const pool = new ChunkPool(MAX_OUTSTANDING);
const credits = new Credits(written, MAX_OUTSTANDING);
// Written chunks' buffers come back as messages; nothing listens on the port, they are taken here.
const reclaim = () => {
  for (let r = receiveMessageOnPort(port); r; r = receiveMessageOnPort(port)) pool.give((r.message as MainMessage).chunk);
};

const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

// The part-day being written, for the members cut from its chunks.
let day = 0;
let part = 0;
const blocks = gzip
  ? new GzipBlocks((member, records) => {
      credits.spend();
      post({ type: 'member', member: { day, part, member, records } }, [member.buffer as ArrayBuffer]);
    })
  : null;

try {
  const insights = createInsightsAccumulator(job.insights);
  const result = await runShard(job, {
    pool,
    onChunk: (chunk) => {
      if (blocks) {
        day = chunk.day;
        part = chunk.part;
        blocks.add(chunk.bytes, chunk.ends);
        pool.give(chunk);
        return;
      }
      credits.spend();
      post({ type: 'chunk', chunk }, [chunk.bytes.buffer as ArrayBuffer, chunk.ends.buffer as ArrayBuffer]);
    },
    pause: () => {
      credits.wait();
      reclaim();
    },
    onPartDone: (d, p) => {
      blocks?.cut();
      post({ type: 'partEnd', day: d, part: p });
    },
    insights: insights.partial(),
  });
  post({ type: 'done', partial: insights.partial(), users: result.users, byType: result.byType });
} catch (err) {
  post({ type: 'error', message: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) });
}
