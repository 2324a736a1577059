/**
 * The acceptance path of sending: a run generated from an example workbook reaches the receiver
 * complete, each record once, with no validation error — over HTTP and through LogBus2 (the stand-in).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../examples/build-examples.ts';
import { analyzeOffline } from '../engine/analyzer/offline.ts';
import { generateRun } from '../engine/index.ts';
import { startReceiver, type Receiver } from './receiver/index.ts';
import { sendRun } from './send.ts';

const STANDIN = fileURLToPath(new URL('../../testing/logbus-standin/logbus.mjs', import.meta.url));

/** Every `#uuid` written to a run's day files, in file order. */
function uuidsOnDisk(runDir: string, files: { path: string }[]): string[] {
  return files.flatMap((f) => {
    const raw = readFileSync(join(runDir, f.path));
    const text = (f.path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { '#uuid': string })['#uuid']);
  });
}

describe.each([
  { name: 'ecommerce', gzip: false },
  { name: 'mobile-game', gzip: true },
])('a generated $name run (gzip: $gzip)', ({ name, gzip }) => {
  let runDir: string;
  let expected: string[];
  let receiver: Receiver;

  beforeAll(async () => {
    const taxonomy = EXAMPLES[name]!;
    runDir = mkdtempSync(join(tmpdir(), `example-run-${name}-`));
    const manifest = await generateRun({ taxonomy, rules: analyzeOffline(taxonomy), params: { startDate: '2026-05-01', days: 2, dau: 80, seed: 11, workers: 1, gzip }, outDir: runDir });
    expected = uuidsOnDisk(runDir, manifest.files).sort();
    expect(expected.length).toBe(manifest.counts.records);
    receiver = await startReceiver({ appIds: ['over-http', 'via-logbus'] });
  }, 120_000);
  afterAll(() => receiver?.close());

  const received = (appId: string) => [...receiver.store.records(appId)].map((r) => r['#uuid'] as string).sort();

  it('arrives complete over HTTP, each record once, nothing rejected', async () => {
    const report = await sendRun({ runDir, destination: { kind: 'http', url: receiver.url, appId: 'over-http' } });
    expect(report.recordsSent).toBe(expected.length);
    expect(received('over-http')).toEqual(expected);
    expect(receiver.store.rejected).toEqual([]);
    expect(receiver.store.duplicates).toBe(0);
  });

  it('arrives complete through LogBus2, each record once, nothing rejected', async () => {
    const workRoot = mkdtempSync(join(tmpdir(), 'example-logbus-'));
    const report = await sendRun({ runDir, destination: { kind: 'logbus', url: receiver.url, appId: 'via-logbus', logbusPath: STANDIN, workRoot, pollMs: 50, stallMs: 20_000 } });
    expect(report.recordsSent).toBe(expected.length);
    expect(received('via-logbus')).toEqual(expected);
    expect(receiver.store.rejected).toEqual([]);
    expect(receiver.store.duplicates).toBe(0);
  }, 60_000);
});
