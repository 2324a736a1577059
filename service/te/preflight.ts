/**
 * Pre-flight: before anything is stored, ask the destination what it would reject. One sample of
 * each event name and each user operation is posted to `/data_debug` with `dryRun=1`; all scanned
 * records are also checked locally with the type lock, which catches a property that changes type
 * between two events (a dry run cannot: it fixes no types).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createPoster } from './http/post.ts';
import type { RecordIssue } from './issues.ts';
import { lines, openDataFile, openRun } from './run-dir.ts';
import { createRecordValidator } from './validate.ts';

export interface PreflightOptions {
  runDir: string;
  destination: { url: string; appId: string };
  signal?: AbortSignal;
  /** Records read at most (default 200 000); samples come from those. */
  maxScan?: number;
  timeoutMs?: number;
  /** Check `#time` against TE's acceptance window around this instant (epoch ms). */
  receivedAt?: number;
}

export interface RemoteVerdict {
  /** `track:login`, `user_set`, … */
  sample: string;
  errorLevel: number;
  errorReasons: string[];
  errorProperties: unknown[];
  record: unknown;
}

export interface PreflightReport {
  scanned: number;
  /** Whether the whole run was scanned (false when it is larger than maxScan). */
  complete: boolean;
  samples: number;
  /** What the destination would reject (errorLevel ≠ 0). */
  remote: RemoteVerdict[];
  /** Local findings: first records with each kind of issue. */
  local: { file: string; line: number; issues: RecordIssue[] }[];
  localIssueCount: number;
  ok: boolean;
}

const TYPE_RE = /"#type"\s*:\s*"([^"]+)"/;
const NAME_RE = /"#event_name"\s*:\s*"([^"]+)"/;

export async function preflightRun(opts: PreflightOptions): Promise<PreflightReport> {
  const run = await openRun(opts.runDir);
  const maxScan = opts.maxScan ?? 200_000;
  const receivedAt = opts.receivedAt;
  const validator = createRecordValidator(receivedAt === undefined ? {} : { receivedAt: () => receivedAt });
  const samples = new Map<string, { text: string; record: unknown }>();
  const local: PreflightReport['local'] = [];
  const localKinds = new Set<string>();
  let localIssueCount = 0;
  let scanned = 0;

  scan: for (const file of run.files) {
    let lineNo = 0;
    for await (const group of lines(openDataFile(file.path))) {
      for (const raw of group) {
        lineNo += 1;
        if (scanned >= maxScan || opts.signal?.aborted) break scan;
        scanned += 1;
        const text = raw.toString('utf8');
        const type = TYPE_RE.exec(text)?.[1] ?? '?';
        const key = type.startsWith('track') ? `${type}:${NAME_RE.exec(text)?.[1] ?? '?'}` : type;
        let record: unknown;
        try {
          record = JSON.parse(text);
        } catch {
          record = text;
        }
        if (!samples.has(key)) samples.set(key, { text, record });
        const issues = validator.validate(record, opts.destination.appId);
        if (issues.length === 0) continue;
        localIssueCount += 1;
        const kind = issues.map((i) => `${i.field}:${i.code}`).join(',');
        if (!localKinds.has(kind) && local.length < 50) {
          localKinds.add(kind);
          local.push({ file: file.relative, line: lineNo, issues });
        }
      }
    }
  }

  const poster = createPoster(opts.destination.url, { maxSockets: 2, timeoutMs: opts.timeoutMs ?? 30_000 });
  const remote: RemoteVerdict[] = [];
  try {
    for (const [sample, { text, record }] of samples) {
      if (opts.signal?.aborted) break;
      const form = new URLSearchParams({ appid: opts.destination.appId, data: text, source: 'server', dryRun: '1' });
      const body = Buffer.from(form.toString());
      let outcome = await poster.post('/data_debug', { 'content-type': 'application/x-www-form-urlencoded' }, body);
      // One retry covers a blip; a destination that keeps failing is reported as such.
      if (outcome.kind === 'transient') {
        await sleep(500);
        outcome = await poster.post('/data_debug', { 'content-type': 'application/x-www-form-urlencoded' }, body);
      }
      if (outcome.kind !== 'answer') throw new PreflightError(`the destination's /data_debug did not answer: ${outcome.reason}`);
      const level = Number(outcome.body.errorLevel ?? 0);
      if (level !== 0) {
        remote.push({
          sample,
          errorLevel: level,
          errorReasons: Array.isArray(outcome.body.errorReasons) ? outcome.body.errorReasons.map(String) : [],
          errorProperties: Array.isArray(outcome.body.errorProperties) ? outcome.body.errorProperties : [],
          record,
        });
      }
    }
  } finally {
    poster.close();
  }
  const complete = scanned >= run.files.reduce((n, f) => n + f.records, 0);
  return { scanned, complete, samples: samples.size, remote, local, localIssueCount, ok: remote.length === 0 && localIssueCount === 0 };
}

export class PreflightError extends Error {}
