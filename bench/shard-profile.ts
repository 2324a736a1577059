/**
 * One shard simulated in-process (no workers, no files): records per CPU-second and memory of the
 * simulation alone, for `node --cpu-prof` / `--heap-prof`. Usage: shard-profile.ts [dau] [days].
 */
import { calibrate } from '../service/engine/calibrate/index.ts';
import { runShard } from '../service/engine/run/shard-job.ts';
import { ChunkPool } from '../service/engine/output/byte-writer.ts';
import { partsFor } from '../service/engine/model/roster.ts';
import { insightsConfigOf } from '../service/engine/run/generate-run.ts';
import { createInsightsAccumulator } from '../service/insights/index.ts';
import { BENCH_PARAMS, benchRules, benchTaxonomy } from './workload.ts';

const dau = Number(process.argv[2] ?? 2000);
const days = Number(process.argv[3] ?? 30);
const params = { ...BENCH_PARAMS, dau, days };
const taxonomy = benchTaxonomy();
const targets = { dau, funnels: [] };
const { rules, plan } = await calibrate(taxonomy, benchRules(), { startDate: params.startDate, days, seed: params.seed, targets });
const insightsConfig = insightsConfigOf(taxonomy, rules, params, targets);
const insights = createInsightsAccumulator(insightsConfig);
const pool = new ChunkPool();
let records = 0;
let bytes = 0;
let peakHeap = 0;
let peakExternal = 0;
const t0 = process.cpuUsage();
await runShard({ taxonomy, rules, startDate: params.startDate, days, seed: params.seed, plan, parts: partsFor(dau), shard: 0, shards: 1, insights: insightsConfig }, {
  pool,
  onChunk: (c) => {
    records += c.ends.length;
    bytes += c.ends[c.ends.length - 1] ?? 0;
    pool.give(c);
  },
  onDayDone: (d) => {
    if (process.env.TRACE_MEM) { const x = process.memoryUsage(); console.error(d, Math.round(x.heapUsed / 1e6), Math.round(x.external / 1e6), Math.round(x.arrayBuffers / 1e6), Math.round(x.rss / 1e6)); }
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakExternal = Math.max(peakExternal, m.external + m.arrayBuffers);
  },
  ...(process.env.NO_INSIGHTS ? {} : { insights: insights.partial() }),
});
const cpu = process.cpuUsage(t0);
const s = (cpu.user + cpu.system) / 1e6;
console.log(JSON.stringify({ records, bytesPerRecord: Math.round(bytes / records), cpuSeconds: +s.toFixed(2), recordsPerCpuSecond: Math.round(records / s), peakHeapMb: Math.round(peakHeap / 1e6), peakExternalMb: Math.round(peakExternal / 1e6), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
