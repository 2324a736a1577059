import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../receiver/index.ts';
import { writeFixtureRun } from '../fixtures/run-dir.ts';
import { SendError, type SendProgress } from '../send-types.ts';
import { sendHttp } from './sender.ts';

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'te-send-'));
}

/** The receiver holds exactly these records, each once, in the run's order. */
function expectExactlyOnce(r: Receiver, appId: string, records: Record<string, unknown>[]): void {
  const got = r.store.records(appId).map((x) => x['#uuid']);
  expect(new Set(got).size).toBe(got.length);
  expect([...got].sort()).toEqual(records.map((x) => x['#uuid']).sort());
  expect(r.store.rejected).toEqual([]);
}

const fast = { baseMs: 1, maxMs: 4 };

describe('sendHttp', () => {
  for (const gzip of [false, true]) {
    it(`sends every record of a run in order (files ${gzip ? 'gzipped' : 'plain'})`, async () => {
      receiver = await startReceiver({ appIds: ['A'] });
      const dir = tempDir();
      const records = writeFixtureRun(dir, { days: 3, perDay: 250, gzip });
      const seen: SendProgress[] = [];
      const checkpointFile = join(dir, 'send.json');
      // Concurrency 1 keeps arrival order equal to file order.
      const report = await sendHttp({ runDir: dir, destination: { url: receiver.url, appId: 'A' }, checkpointFile, batchSize: 100, concurrency: 1, onProgress: (p) => seen.push(p) });
      expect(report).toMatchObject({ complete: true, recordsSent: 750, recordsTotal: 750, batchesSent: 9, retries: 0 });
      expect(receiver.store.records('A').map((x) => x['#uuid'])).toEqual(records.map((x) => x['#uuid']));
      expect(receiver.store.records('A')[0]).toEqual(records[0]);
      expect(seen.map((p) => p.recordsSent)).toEqual([100, 200, 250, 350, 450, 500, 600, 700, 750]);
      expect(JSON.parse(readFileSync(checkpointFile, 'utf8'))).toMatchObject({ complete: true, recordsSent: 750 });
      // Sending a completed run again sends nothing.
      const again = await sendHttp({ runDir: dir, destination: { url: receiver.url, appId: 'A' }, checkpointFile, batchSize: 100 });
      expect(again).toMatchObject({ complete: true, batchesSent: 0 });
      expect(receiver.store.count('A')).toBe(750);
    });
  }

  it('rides out HTTP 500s, dropped connections and lost answers; every record arrives once', async () => {
    receiver = await startReceiver({
      faults: [
        { kind: 'status', status: 500, count: 3 },
        { kind: 'drop', when: 'before', count: 2 },
        { kind: 'delay', ms: 5, count: 2 },
        { kind: 'drop', when: 'after', count: 1 },
        { kind: 'status', status: 503, count: 1 },
      ],
    });
    const dir = tempDir();
    const records = writeFixtureRun(dir, { days: 2, perDay: 300 });
    const report = await sendHttp({ runDir: dir, destination: { url: receiver.url, appId: 'A' }, batchSize: 50, concurrency: 3, retry: fast });
    expect(report.complete).toBe(true);
    expect(report.retries).toBe(7);
    expectExactlyOnce(receiver, 'A', records);
    // The batch whose answer was lost was sent again and dropped by #uuid: the only duplicates.
    expect(receiver.store.duplicates).toBe(50);
  });

  it('stops with a clear report on an unknown app id', async () => {
    receiver = await startReceiver({ appIds: ['A'] });
    const dir = tempDir();
    writeFixtureRun(dir, { days: 1, perDay: 20 });
    const err = await sendHttp({ runDir: dir, destination: { url: receiver.url, appId: 'B' }, retry: fast }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SendError);
    expect((err as SendError).kind).toBe('unknown_app');
    expect((err as SendError).message).toContain('does not know this app id');
    expect((err as SendError).report.recordsSent).toBe(0);
  });

  it('gives up after the configured attempts and resumes later from the checkpoint', async () => {
    receiver = await startReceiver();
    const dir = tempDir();
    const records = writeFixtureRun(dir, { days: 1, perDay: 200 });
    const checkpointFile = join(dir, 'cp.json');
    // Two batches go through, then the receiver fails every attempt of the third.
    let acked = 0;
    const failing = sendHttp({
      runDir: dir,
      destination: { url: receiver.url, appId: 'A' },
      checkpointFile,
      batchSize: 50,
      concurrency: 1,
      retry: { ...fast, attempts: 3 },
      onProgress: (p) => {
        if (p.batchesSent > acked && (acked = p.batchesSent) === 2) receiver!.faults.inject({ kind: 'status', status: 500, count: 3 });
      },
    });
    const err = (await failing.catch((e: unknown) => e)) as SendError;
    expect(err.kind).toBe('transport');
    expect(err.message).toContain('gave up after 3 attempts');
    expect(err.report.recordsSent).toBe(100);
    const resumed = await sendHttp({ runDir: dir, destination: { url: receiver.url, appId: 'A' }, checkpointFile, batchSize: 50, retry: fast });
    expect(resumed).toMatchObject({ complete: true, resumedFrom: 100, recordsSent: 200, batchesSent: 2 });
    expectExactlyOnce(receiver, 'A', records);
    expect(receiver.store.duplicates).toBe(0);
  });

  it('a cancelled send lets requests in flight finish, so resuming sends no batch twice', async () => {
    receiver = await startReceiver({ faults: [{ kind: 'delay', ms: 2, count: 1000 }] });
    const dir = tempDir();
    const records = writeFixtureRun(dir, { days: 2, perDay: 200 });
    const checkpointFile = join(dir, 'cp.json');
    const controller = new AbortController();
    const err = (await sendHttp({
      runDir: dir,
      destination: { url: receiver.url, appId: 'A' },
      checkpointFile,
      batchSize: 20,
      concurrency: 4,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.batchesSent >= 5) controller.abort();
      },
    }).catch((e: unknown) => e)) as SendError;
    expect(err.kind).toBe('aborted');
    const sentBefore = receiver.store.count('A');
    expect(sentBefore).toBeLessThan(400);
    await sendHttp({ runDir: dir, destination: { url: receiver.url, appId: 'A' }, checkpointFile, batchSize: 20, concurrency: 4 });
    expectExactlyOnce(receiver, 'A', records);
    expect(receiver.store.duplicates).toBe(0);
  });

  it('refuses a checkpoint of another destination', async () => {
    receiver = await startReceiver();
    const dir = tempDir();
    writeFixtureRun(dir, { days: 1, perDay: 10 });
    const checkpointFile = join(dir, 'cp.json');
    await sendHttp({ runDir: dir, destination: { url: receiver.url, appId: 'A' }, checkpointFile });
    const err = (await sendHttp({ runDir: dir, destination: { url: receiver.url, appId: 'B' }, checkpointFile }).catch((e: unknown) => e)) as SendError;
    expect(err.kind).toBe('checkpoint');
    expect(err.message).toContain('another destination');
  });

  it('survives SIGKILL mid-send: the resumed send completes and the receiver holds every record once', async () => {
    // Slow answers make sure the kill lands while batches are in flight.
    receiver = await startReceiver({ faults: [{ kind: 'delay', ms: 15, count: 10_000 }] });
    const dir = tempDir();
    const records = writeFixtureRun(dir, { days: 2, perDay: 400 });
    const checkpointFile = join(dir, 'cp.json');
    const child = join(fileURLToPath(new URL('../fixtures/send-child.ts', import.meta.url)));
    const args = ['--import', 'tsx', child, dir, receiver.url, 'A', checkpointFile, '20'];

    const first = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => {
      first.stdout.on('data', () => {
        if (receiver!.store.count('A') >= 200) {
          first.kill('SIGKILL');
          resolve();
        }
      });
    });
    const exit = await new Promise<NodeJS.Signals | null>((resolve) => first.on('exit', (_c, signal) => resolve(signal)));
    expect(exit).toBe('SIGKILL');
    expect(receiver.store.count('A')).toBeLessThan(records.length);

    const second = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    second.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => second.on('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(out).toContain(`done ${records.length}`);
    expectExactlyOnce(receiver, 'A', records);
    // Only batches that were on the wire at the kill can come twice (at most 3 in flight × 20).
    expect(receiver.store.duplicates).toBeLessThanOrEqual(60);
  });
});
