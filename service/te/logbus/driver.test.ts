import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFixtureRun } from '../fixtures/run-dir.ts';
import { startReceiver, type Receiver } from '../receiver/index.ts';
import { SendError } from '../send-types.ts';
import { sendViaLogbus, type LogbusSendOptions, type LogbusSendReport } from './driver.ts';
import { parseProgress } from './progress.ts';

const STANDIN = fileURLToPath(new URL('../../../testing/logbus-standin/logbus.mjs', import.meta.url));

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

function temp(): string {
  return mkdtempSync(join(tmpdir(), 'te-logbus-'));
}

function options(runDir: string, workRoot: string, extra: Partial<LogbusSendOptions> = {}): LogbusSendOptions {
  return { runDir, destination: { url: receiver!.url, appId: 'A' }, logbusPath: STANDIN, workRoot, pollMs: 50, stallMs: 5_000, ...extra };
}

function uuids(records: Record<string, unknown>[]): unknown[] {
  return records.map((r) => r['#uuid']).sort();
}

describe('LogBus2 driver against the stand-in', () => {
  it('sends a whole run; each record arrives once', async () => {
    receiver = await startReceiver({ appIds: ['A'] });
    const run = temp();
    const records = writeFixtureRun(run, { days: 2, perDay: 700 });
    const root = temp();
    const report = await sendViaLogbus(options(run, root));
    expect(report).toMatchObject({ complete: true, recordsSent: 1400, recordsTotal: 1400 });
    expect(uuids([...receiver.store.records('A')])).toEqual(uuids(records));
    expect(receiver.store.rejected).toEqual([]);
    expect(receiver.store.duplicates).toBe(0);
    const conf = JSON.parse(readFileSync(join(report.workDir, 'conf', 'daemon.json'), 'utf8')) as { push_url: string; http_compress: string; datasource: { app_id: string; file_patterns: string[] }[] };
    expect(conf.push_url).toBe(receiver.url);
    expect(conf.http_compress).toBe('gzip');
    expect(conf.datasource).toMatchObject([{ type: 'file', app_id: 'A', file_patterns: [join(run, 'data/2026-01-01.jsonl'), join(run, 'data/2026-01-02.jsonl')] }]);
    expect(report.rawProgress).toContain('2026-01-02.jsonl');
    // The daemon was stopped and the lock released.
    expect(existsSync(join(report.workDir, 'runtime', 'logbus.pid'))).toBe(false);
    expect(existsSync(join(report.workDir, 'driver.lock'))).toBe(false);
  });

  it('decompresses a gzipped run once into its staging folder, leaving the run untouched', async () => {
    receiver = await startReceiver();
    const run = temp();
    const records = writeFixtureRun(run, { days: 2, perDay: 300, gzip: true });
    const before = statSync(join(run, 'data/2026-01-01.jsonl.gz')).mtimeMs;
    const report = await sendViaLogbus(options(run, temp()));
    expect(report.complete).toBe(true);
    expect(uuids([...receiver.store.records('A')])).toEqual(uuids(records));
    expect(statSync(join(run, 'data/2026-01-01.jsonl.gz')).mtimeMs).toBe(before);
    const conf = JSON.parse(readFileSync(join(report.workDir, 'conf', 'daemon.json'), 'utf8')) as { datasource: { file_patterns: string[] }[] };
    expect(conf.datasource[0]!.file_patterns.every((p) => p.startsWith(join(report.workDir, 'staging')) && p.endsWith('.jsonl'))).toBe(true);
  });

  it('a second run to the same app id sends only the new run; a concurrent one is refused', async () => {
    receiver = await startReceiver();
    const root = temp();
    const first = temp();
    const second = temp();
    const a = writeFixtureRun(first, { days: 1, perDay: 200 });
    const b = writeFixtureRun(second, { days: 2, perDay: 150, firstRecord: 10_000 });
    const r1 = await sendViaLogbus(options(first, root));
    const r2Promise = sendViaLogbus(options(second, root));
    // While the second send holds the destination, a third one must not start LogBus2 on it.
    await new Promise((r) => setTimeout(r, 20));
    const third = await sendViaLogbus(options(second, root)).catch((e: unknown) => e);
    const r2 = await r2Promise;
    expect(r1.workDir).toBe(r2.workDir);
    expect(r2).toMatchObject({ complete: true, recordsSent: 300 });
    expect(third).toBeInstanceOf(SendError);
    expect((third as SendError).message).toContain('another send to this destination is running');
    // The first run's files were not sent again: the offsets in runtime/ survived.
    expect(uuids([...receiver.store.records('A')])).toEqual(uuids([...a, ...b]));
    expect(receiver.store.duplicates).toBe(0);
  });

  it('reports a missing or non-executable binary clearly', async () => {
    receiver = await startReceiver();
    const run = temp();
    writeFixtureRun(run, { days: 1, perDay: 5 });
    const missing = (await sendViaLogbus(options(run, temp(), { logbusPath: join(temp(), 'logbus') })).catch((e: unknown) => e)) as SendError;
    expect(missing.kind).toBe('logbus');
    expect(missing.message).toContain('LogBus2 binary not found');
    const copy = join(temp(), 'logbus');
    copyFileSync(STANDIN, copy);
    chmodSync(copy, 0o644);
    const notExec = (await sendViaLogbus(options(run, temp(), { logbusPath: copy })).catch((e: unknown) => e)) as SendError;
    expect(notExec.message).toContain('is not executable');
  });

  it('reports a LogBus2 command that exits non-zero, with its output', async () => {
    receiver = await startReceiver();
    const run = temp();
    writeFixtureRun(run, { days: 1, perDay: 5 });
    const err = (await sendViaLogbus(options(run, temp(), { env: { ...process.env, LOGBUS_STANDIN_FAIL: 'start' } })).catch((e: unknown) => e)) as SendError;
    expect(err.kind).toBe('logbus');
    expect(err.message).toContain("'logbus start' exited with code 3");
    expect(err.message).toContain('failure requested by LOGBUS_STANDIN_FAIL');
    expect(receiver.store.count('A')).toBe(0);
  });

  it('detects a stall, stops the daemon and says where to look', async () => {
    receiver = await startReceiver();
    const run = temp();
    writeFixtureRun(run, { days: 1, perDay: 5 });
    const err = (await sendViaLogbus(options(run, temp(), { stallMs: 400, env: { ...process.env, LOGBUS_STANDIN_STALL: '1' } })).catch((e: unknown) => e)) as SendError;
    expect(err.message).toContain('made no progress');
    const { workDir, rawProgress } = err.report as LogbusSendReport;
    expect(rawProgress).toContain('offset=0/');
    expect(existsSync(join(workDir, 'runtime', 'logbus.pid'))).toBe(false);
  });
});

describe('parseProgress', () => {
  it('reads done/total byte pairs and percentages, and treats unknown output as not done', () => {
    const files = [
      { path: '/r/a.jsonl', size: 100 },
      { path: '/r/b.jsonl', size: 50 },
    ];
    expect(parseProgress('file=/r/a.jsonl offset=100/100\nfile=/r/b.jsonl offset=20/50', files)).toMatchObject({ done: false, files: [{ done: true }, { offset: 20, done: false }] });
    expect(parseProgress('/r/a.jsonl 100%\n/r/b.jsonl: 50 / 50 bytes', files).done).toBe(true);
    expect(parseProgress('something else entirely', files).done).toBe(false);
  });
});
