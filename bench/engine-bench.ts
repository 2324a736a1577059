/**
 * `npm run bench`: engine throughput at 10k DAU × 30 days for 1 and 2 workers, plain and gzip,
 * against a byte-level ceiling measured in the same run (records of the same average size,
 * pre-built, written as bytes in 1 MiB chunks, no simulation). Each case runs in its own process
 * so peak RSS is that case's alone. `npm run bench -- --rounds N` (or BENCH_ROUNDS=N) sets how many
 * rounds of all cases run; the default is 3.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRun } from '../service/engine/index.ts';
import { type CpuSplit, sampleThreadCpu } from './thread-cpu.ts';
import { BENCH_PARAMS, benchRules, benchTaxonomy } from './workload.ts';

interface Result {
  name: string;
  records: number;
  bytes: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  /** Engine cases on Linux: where the CPU went. */
  cpu?: CpuSplit | null;
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
    // Set from the progress callback; a property, so the compiler does not take it to be still null.
    const at = { threads: null as ReturnType<typeof sampleThreadCpu> | null };
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
          at.threads = sampleThreadCpu();
        }
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = at.threads?.stop(workers) ?? null;
    const bytes = manifest.files.reduce((s, f) => s + f.bytes, 0);
    return { name: `engine ${workers}w ${gzip ? 'gzip' : 'plain'}`, records: manifest.counts.records, bytes, seconds, cpuSeconds: cpuSeconds() - c0, maxRssMb: process.resourceUsage().maxRSS / 1024, cpu };
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
  const rounds = Math.max(1, Number(mode === '--rounds' ? a : process.env.BENCH_ROUNDS ?? 3));
  const load = (await import('node:os')).loadavg()[0]!;
  process.stderr.write(`engine bench: ${BENCH_PARAMS.dau} DAU × ${BENCH_PARAMS.days} days, seed ${BENCH_PARAMS.seed}; ${rounds} round(s); load average ${load.toFixed(1)} on ${(await import('node:os')).availableParallelism()} cores\n`);
  // Shared virtual machines drift by tens of per cent between minutes, so the cases run in rounds,
  // each round all four cases and the ceiling in turn; figures are medians over the rounds and the
  // 2-worker ratios are taken within each round.
  const cases = [[1, false], [2, false], [1, true], [2, true]] as const;
  const byCase: Result[][] = [[], [], [], [], []];
  for (let r = 0; r < rounds; r++) {
    cases.forEach(([w, gz], i) => {
      process.stderr.write(`round ${r + 1}/${rounds}: engine ${w}w ${gz ? 'gzip' : 'plain'}…\n`);
      byCase[i]!.push(child(['--engine', String(w), gz ? 'gzip' : 'plain']));
    });
    const plain = byCase[0]![r]!;
    byCase[4]!.push(child(['--ceiling', String(plain.records), String(Math.round(plain.bytes / plain.records))]));
  }
  const rate = (r: Result) => r.records / r.seconds;
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
  const medianRun = (runs: Result[]) => [...runs].sort((x, y) => rate(x) - rate(y))[runs.length >> 1]!;
  const ceilingRate = median(byCase[4]!.map(rate));
  const rows = byCase.map((runs) => {
    const m = medianRun(runs);
    const rates = runs.map(rate);
    return {
      case: m.name,
      records: m.records,
      'records/s': Math.round(rate(m)),
      range: `${Math.round(Math.min(...rates) / 1000)}k–${Math.round(Math.max(...rates) / 1000)}k`,
      'records/cpu-s': Math.round(m.records / m.cpuSeconds),
      'MB/s': +(m.bytes / 1e6 / m.seconds).toFixed(1),
      'peak RSS MB': Math.round(Math.max(...runs.map((x) => x.maxRssMb))),
      'vs ceiling': +(rate(m) / ceilingRate).toFixed(2),
    };
  });
  console.table(rows);
  const split = byCase.slice(0, 4).map(medianRun).flatMap((m) => {
    if (!m.cpu) return [];
    const c = m.cpu;
    const s = (x: number) => +x.toFixed(1);
    return [{ case: m.name, 'wall s': s(m.seconds), simulation: s(c.simulation), 'main thread': s(c.main), 'of it kernel': s(c.mainKernel), 'other threads': s(c.otherThreads), 'outside process': s(c.outsideProcess), 'cores busy': +((c.simulation + c.main + c.otherThreads + c.outsideProcess) / m.seconds).toFixed(2) }];
  });
  if (split.length > 0) {
    console.log('where the CPU went in the median run of each case, CPU-seconds (threads sampled from /proc; "outside process" is the rest of the machine, mostly the kernel writing the files back):');
    console.table(split);
  }
  const ratios = (two: number, one: number) => byCase[two]!.map((x, r) => rate(x) / rate(byCase[one]![r]!));
  const show = (xs: number[]) => `${median(xs).toFixed(2)}×${xs.length > 1 ? ` (rounds: ${xs.map((x) => x.toFixed(2)).join(', ')})` : ''}`;
  console.log(`2 workers / 1 worker, median of the rounds: plain ${show(ratios(1, 0))}, gzip ${show(ratios(3, 2))}`);
  // One worker runs on its own core while the main thread writes on another; with two workers
  // the writing shares the cores. Every record costs at least the ceiling's CPU to write, so the
  // speed-up two workers can reach on this machine is bounded (garbage collection not counted).
  const cores = Math.min(2, (await import('node:os')).availableParallelism());
  const plain = medianRun(byCase[0]!);
  const ceiling = medianRun(byCase[4]!);
  const simulate = plain.seconds / plain.records;
  const write = ceiling.cpuSeconds / ceiling.records;
  console.log(`bound for 2 workers on ${cores} cores, from this run: ${((cores * simulate) / (simulate + write)).toFixed(2)}× (simulation ${(simulate * 1e6).toFixed(2)} µs/record on one worker, writing ${(write * 1e6).toFixed(2)} µs/record)`);
}

await main();
