/**
 * Sends a run through the user's LogBus2: writes `conf/daemon.json` for exactly this run's files in
 * the destination's working directory, runs `env` and `start`, polls `progress` until every byte of
 * every file is acknowledged, then `stop`s. Never `reset`s unless asked.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openRun } from '../run-dir.ts';
import { SendError, type SendProgress, type SendReport } from '../send-types.ts';
import { LogbusError, checkBinary, runCommand } from './binary.ts';
import { daemonConfig } from './config.ts';
import { parseProgress, type ParsedProgress } from './progress.ts';
import { stageRunFiles } from './stage.ts';
import { defaultLogbusRoot, lockWorkDir, workDirFor } from './workdir.ts';

export interface LogbusSendOptions {
  runDir: string;
  destination: { url: string; appId: string };
  /** The LogBus2 binary; default `LOGBUS_PATH`. */
  logbusPath?: string;
  /** Where working directories live; default ~/.demo-data/logbus. */
  workRoot?: string;
  signal?: AbortSignal;
  onProgress?: (p: SendProgress & { raw: string }) => void;
  pollMs?: number;
  /** Fail when `progress` shows no change for this long (default 120 s). */
  stallMs?: number;
  /** Forget LogBus2's offsets first, so everything is sent again. Only when the user asks. */
  reset?: boolean;
  /** Environment for the binary (tests use it to configure the stand-in). */
  env?: NodeJS.ProcessEnv;
  commandTimeoutMs?: number;
}

export interface LogbusSendReport extends SendReport {
  workDir: string;
  /** The last `progress` output, verbatim. */
  rawProgress: string;
}

function recordsDone(p: ParsedProgress, files: { size: number; records: number }[]): number {
  let n = 0;
  p.files.forEach((f, i) => {
    const { records } = files[i]!;
    if (f.done) n += records;
    else if (f.offset !== undefined && f.size > 0) n += Math.floor((records * f.offset) / f.size);
  });
  return n;
}

export async function sendViaLogbus(opts: LogbusSendOptions): Promise<LogbusSendReport> {
  const started = performance.now();
  const pollMs = opts.pollMs ?? 1000;
  const stallMs = opts.stallMs ?? 120_000;
  const timeout = opts.commandTimeoutMs ?? 60_000;
  const run = await openRun(opts.runDir);
  const recordsTotal = run.files.reduce((n, f) => n + f.records, 0);
  const progress: SendProgress = { recordsSent: 0, recordsTotal, bytesSent: 0, batchesSent: 0, retries: 0, resumedFrom: 0 };
  const workDir = workDirFor(opts.workRoot ?? defaultLogbusRoot(), opts.destination);
  let raw = '';
  const report = (complete: boolean): LogbusSendReport => ({ ...progress, complete, elapsedMs: performance.now() - started, workDir, rawProgress: raw });
  const failWith = (err: unknown): never => {
    if (err instanceof SendError) throw err;
    const output = err instanceof LogbusError && err.output ? `\n${err.output.trim()}` : '';
    throw new SendError('logbus', `${(err as Error).message}${output}`, report(false));
  };

  let binary: string;
  try {
    binary = await checkBinary(opts.logbusPath);
  } catch (err) {
    return failWith(err);
  }
  let release: (() => Promise<void>) | undefined;
  let running = false;
  const exec = async (command: string) => {
    const r = await runCommand(binary, command, workDir, timeout, opts.env);
    if (r.code !== 0) throw new LogbusError(`'logbus ${command}' exited with code ${r.code}`, r.output);
    return r.output;
  };
  try {
    release = await lockWorkDir(workDir);
    const files = await stageRunFiles(workDir, run.identity, run.files);
    await mkdir(join(workDir, 'conf'), { recursive: true });
    const conf = join(workDir, 'conf', 'daemon.json');
    await writeFile(`${conf}.tmp`, JSON.stringify(daemonConfig({ pushUrl: opts.destination.url, appId: opts.destination.appId, files: files.map((f) => f.path) }), null, 2));
    await rename(`${conf}.tmp`, conf);

    if (opts.reset) await exec('reset');
    await exec('env');
    await exec('start');
    running = true;
    let lastRaw = '';
    let lastChange = performance.now();
    for (;;) {
      if (opts.signal?.aborted) throw new SendError('aborted', 'the send was cancelled; LogBus2 keeps its offsets, so sending again resumes.', report(false));
      raw = await exec('progress');
      const parsed = parseProgress(raw, files);
      progress.recordsSent = recordsDone(parsed, files);
      progress.bytesSent = parsed.files.reduce((n, f) => n + (f.done ? f.size : (f.offset ?? 0)), 0);
      opts.onProgress?.({ ...progress, raw });
      if (parsed.done) break;
      if (raw !== lastRaw) {
        lastRaw = raw;
        lastChange = performance.now();
      } else if (performance.now() - lastChange > stallMs) {
        throw new LogbusError(`LogBus2 made no progress for ${Math.round(stallMs / 1000)} s; check ${join(workDir, 'log')} and that ${opts.destination.url} accepts app id ${opts.destination.appId}.`, raw);
      }
      await sleep(pollMs, undefined, { signal: opts.signal }).catch(() => undefined);
    }
    await exec('stop');
    running = false;
    return report(true);
  } catch (err) {
    if (running) await runCommand(binary, 'stop', workDir, timeout, opts.env).catch(() => undefined);
    return failWith(err);
  } finally {
    await release?.();
  }
}
