/**
 * `npm run bench`: engine throughput at 10k DAU × 30 days for 1 and 2 workers, plain and gzip,
 * against a byte-level ceiling measured in the same run (records of the same average size,
 * pre-built, written as bytes in 1 MiB chunks, no simulation). Each case runs in its own process
 * so peak RSS is that case's alone.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRun } from '../service/engine/index.ts';
import { BENCH_PARAMS, benchRules, benchTaxonomy } from './workload.ts';

interface Result {
  name: string;
  records: number;
  bytes: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
}

function cpuSeconds(): number {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1e6;
}

async function engineCase(workers: number, gzip: boolean): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'dds-bench-'));
  try {
    let t0 = 0;
    let c0 = 0;
    const manifest = await generateRun({
      taxonomy: benchTaxonomy(),
      rules: benchRules(),
      params: { ...BENCH_PARAMS, workers, gzip },
      outDir: dir,
      onProgress: (p) => {
        // Generation starts after calibration; worker start-up is counted.
        if (p.phase === 'generating' && p.day === 0) {
          t0 = performance.now();
          c0 = cpuSeconds();
        }
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    const bytes = manifest.files.reduce((s, f) => s + f.bytes, 0);
    return { name: `engine ${workers}w ${gzip ? 'gzip' : 'plain'}`, records: manifest.counts.records, bytes, seconds, cpuSeconds: cpuSeconds() - c0, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ceilingCase(records: number, recordBytes: number): Result {
  const dir = mkdtempSync(join(tmpdir(), 'dds-bench-'));
  try {
    // Distinct pre-built records so the ceiling is not a single repeated line.
    const samples = Array.from({ length: 64 }, (_, i) => {
      const head = `{"#type":"track","#time":"2026-01-01 12:00:00.${String(i).padStart(3, '0')}","#distinct_id":"u${i}","properties":{"pad":"`;
      const tail = '"}}\n';
      return Buffer.from(head + 'x'.repeat(Math.max(0, recordBytes - head.length - tail.length)) + tail);
    });
    const chunk = Buffer.allocUnsafe(1 << 20);
    const t0 = performance.now();
    const c0 = cpuSeconds();
    const fd = openSync(join(dir, 'ceiling.jsonl'), 'w');
    let pos = 0;
    let bytes = 0;
    for (let i = 0; i < records; i++) {
      const s = samples[i & 63]!;
      if (pos + s.length > chunk.length) {
        writeSync(fd, chunk, 0, pos);
        bytes += pos;
        pos = 0;
      }
      chunk.set(s, pos);
      pos += s.length;
    }
    writeSync(fd, chunk, 0, pos);
    bytes += pos;
    closeSync(fd);
    return { name: 'byte-level ceiling', records, bytes, seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSeconds() - c0, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function child(args: string[]): Result {
  const out = execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as Result;
}

async function main(): Promise<void> {
  const [mode, a, b] = process.argv.slice(2);
  if (mode === '--engine') {
    process.stdout.write(`${JSON.stringify(await engineCase(Number(a), b === 'gzip'))}\n`);
    return;
  }
  if (mode === '--ceiling') {
    process.stdout.write(`${JSON.stringify(ceilingCase(Number(a), Number(b)))}\n`);
    return;
  }
  const load = (await import('node:os')).loadavg()[0]!;
  process.stderr.write(`engine bench: ${BENCH_PARAMS.dau} DAU × ${BENCH_PARAMS.days} days, seed ${BENCH_PARAMS.seed}; load average ${load.toFixed(1)} on ${(await import('node:os')).availableParallelism()} cores\n`);
  const results: Result[] = [];
  for (const [w, gz] of [[1, false], [2, false], [1, true], [2, true]] as const) {
    process.stderr.write(`running engine ${w}w ${gz ? 'gzip' : 'plain'}…\n`);
    results.push(child(['--engine', String(w), gz ? 'gzip' : 'plain']));
  }
  const plain = results[0]!;
  const ceiling = child(['--ceiling', String(plain.records), String(Math.round(plain.bytes / plain.records))]);
  const rate = (r: Result) => r.records / r.seconds;
  const rows = [...results, ceiling].map((r) => ({
    case: r.name,
    records: r.records,
    'records/s': Math.round(rate(r)),
    'records/cpu-s': Math.round(r.records / r.cpuSeconds),
    'MB/s': +(r.bytes / 1e6 / r.seconds).toFixed(1),
    'peak RSS MB': Math.round(r.maxRssMb),
    'vs ceiling': +(rate(r) / rate(ceiling)).toFixed(2),
  }));
  console.table(rows);
  console.log(`2 workers / 1 worker: plain ${(rate(results[1]!) / rate(results[0]!)).toFixed(2)}×, gzip ${(rate(results[3]!) / rate(results[2]!)).toFixed(2)}×`);
  // One worker runs on its own core while the main thread writes on another; with two workers
  // the writing shares the cores. Every record costs at least the ceiling's CPU to write, so the
  // speed-up two workers can reach on this machine is bounded (garbage collection not counted).
  const cores = Math.min(2, (await import('node:os')).availableParallelism());
  const simulate = plain.seconds / plain.records;
  const write = ceiling.cpuSeconds / ceiling.records;
  console.log(`bound for 2 workers on ${cores} cores, from this run: ${((cores * simulate) / (simulate + write)).toFixed(2)}× (simulation ${(simulate * 1e6).toFixed(2)} µs/record on one worker, writing ${(write * 1e6).toFixed(2)} µs/record)`);
}

await main();
