/** `demo-data send`: a generated run to ThinkingEngine over HTTP or through LogBus2, with a pre-flight. */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { CheckpointError } from '../te/checkpoint.ts';
import { RunDirError } from '../te/run-dir.ts';
import { PreflightError } from '../te/preflight.ts';
import { preflightRun, receiverBase, sendRun, SendError, type Destination, type PreflightReport, type SendProgress } from '../te/send.ts';
import { CliError, parseCommandArgs } from './command.ts';

const HELP = `Usage: demo-data send <run-dir> --url http://host:port --app-id ID [options]

Sends a generated run (run.json + data/*.jsonl[.gz]) to a ThinkingEngine receiver. First a
pre-flight posts one sample of each event and user operation to /data_debug (dryRun=1) and checks
the run locally, including the type lock; the send starts only when nothing would be rejected.

Options:
  --url URL            receiver base URL (TE's, or 'demo-data receiver' for a rehearsal)
  --app-id ID          the project's app id
  --via http|logbus    send over HTTP (default) or through LogBus2
  --logbus PATH        the LogBus2 binary (default: LOGBUS_PATH)
  --dry-run            run the pre-flight only; send nothing
  --force              send even when the pre-flight finds problems
  --checkpoint FILE    HTTP: where progress is kept for resuming (default: in the run directory)
  --concurrency N      HTTP: requests in flight (default 4)
  --reset-logbus       LogBus2: forget its offsets first, so everything is sent again
  -h, --help           show this help

An interrupted send resumes where it stopped when run again with the same options.
`;

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

function progressPrinter(started: number): (p: SendProgress) => void {
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  return (p) => {
    const frac = p.recordsTotal ? p.recordsSent / p.recordsTotal : 1;
    const secs = (performance.now() - started) / 1000;
    const rate = secs > 0 ? (p.recordsSent - p.resumedFrom) / secs : 0;
    const line = `${(frac * 100).toFixed(1).padStart(5)}%  ${fmt(p.recordsSent)}/${fmt(p.recordsTotal)} records  ${fmt(Math.round(rate))}/s${p.retries ? `  ${p.retries} retries` : ''}`;
    if (tty) process.stderr.write(`\r${line}`);
    else if (Math.floor(frac * 10) !== lastTenth) {
      lastTenth = Math.floor(frac * 10);
      process.stderr.write(`${line}\n`);
    }
  };
}

function printPreflight(r: PreflightReport): void {
  const scope = r.complete ? `all ${fmt(r.scanned)} records` : `the first ${fmt(r.scanned)} records`;
  process.stderr.write(`pre-flight: checked ${scope} locally and ${r.samples} samples with the receiver's /data_debug (dryRun)\n`);
  for (const v of r.remote) {
    process.stderr.write(`  receiver would reject ${v.sample} (errorLevel ${v.errorLevel}):\n`);
    for (const reason of v.errorReasons.slice(0, 5)) process.stderr.write(`    ${reason}\n`);
  }
  for (const l of r.local.slice(0, 20)) {
    for (const i of l.issues.slice(0, 3)) process.stderr.write(`  ${l.file}:${l.line} ${i.field || 'record'}: ${i.message}\n`);
  }
  if (r.localIssueCount > 0) process.stderr.write(`  ${fmt(r.localIssueCount)} record(s) with issues in total\n`);
  if (r.ok) process.stderr.write('pre-flight: nothing would be rejected\n');
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    url: { type: 'string' },
    'app-id': { type: 'string' },
    via: { type: 'string', default: 'http' },
    logbus: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    checkpoint: { type: 'string' },
    concurrency: { type: 'string' },
    'reset-logbus': { type: 'boolean', default: false },
  }, HELP);
  if (!parsed) return 0;
  const { values: o, positionals } = parsed;
  const runDir = positionals[0];
  if (!runDir || positionals.length > 1) throw new CliError(`give exactly one run directory\n\n${HELP}`, 2);
  if (!o.url) throw new CliError('--url is required (the receiver base URL, e.g. http://127.0.0.1:8991)', 2);
  let url: URL;
  try {
    url = new URL(o.url);
  } catch {
    throw new CliError(`--url "${o.url}" is not a URL; write it like http://host:port`, 2);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError(`--url must start with http:// or https://, not ${url.protocol}`, 2);
  const appId = o['app-id'];
  if (!appId) throw new CliError("--app-id is required (the project's app id in ThinkingEngine)", 2);
  if (o.via !== 'http' && o.via !== 'logbus') throw new CliError(`--via must be http or logbus, not "${o.via}"`, 2);
  const concurrency = o.concurrency === undefined ? undefined : Number(o.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)) throw new CliError('--concurrency must be a whole number from 1 to 32', 2);

  const base = receiverBase(url.toString());
  const destination: Destination =
    o.via === 'logbus' ? { kind: 'logbus', url: base, appId, logbusPath: o.logbus, reset: o['reset-logbus'] } : { kind: 'http', url: base, appId, concurrency };
  const checkpointFile = o.checkpoint ?? join(runDir, 'send-state', `${appId.replace(/[^A-Za-z0-9_-]/g, '_')}-${createHash('sha256').update(base).digest('hex').slice(0, 12)}.json`);

  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  try {
    const report = await preflightRun({ runDir, destination: { url: base, appId }, signal: controller.signal, receivedAt: Date.now() });
    printPreflight(report);
    if (o['dry-run']) return report.ok ? 0 : 1;
    if (!report.ok && !o.force) throw new CliError('the pre-flight found records the receiver would reject; fix the run (or pass --force to send anyway).', 1);

    const started = performance.now();
    const result = await sendRun({ runDir, destination, checkpointFile, signal: controller.signal, onProgress: progressPrinter(started) });
    if (process.stderr.isTTY) process.stderr.write('\n');
    const secs = result.elapsedMs / 1000;
    const sentNow = result.recordsSent - result.resumedFrom;
    process.stderr.write(
      `sent ${fmt(sentNow)} records${result.resumedFrom ? ` (resumed after ${fmt(result.resumedFrom)})` : ''} to ${base} app id ${appId} ` +
        `in ${secs.toFixed(1)} s (${fmt(Math.round(sentNow / Math.max(secs, 0.001)))} records/s, ${(result.bytesSent / 1e6).toFixed(1)} MB on the wire${result.retries ? `, ${result.retries} retries` : ''})\n`,
    );
    return 0;
  } catch (err) {
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (err instanceof CliError) throw err;
    if (err instanceof RunDirError) throw new CliError(err.message, 3);
    if (err instanceof CheckpointError) throw new CliError(err.message, 1);
    if (err instanceof PreflightError) throw new CliError(`${err.message}. Is the receiver running at ${base}?`, 4);
    if (err instanceof SendError) {
      const done = `${fmt(err.report.recordsSent)}/${fmt(err.report.recordsTotal)} records were acknowledged`;
      const code = err.kind === 'checkpoint' ? 1 : err.kind === 'run' ? 3 : 4;
      throw new CliError(`${err.message}\n${done}; run the same command again to resume.`, code);
    }
    const msg = (err as Error).message;
    if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(msg)) throw new CliError(`cannot reach ${base}: ${msg}. Is the receiver running?`, 4);
    throw err;
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
}
