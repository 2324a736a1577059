import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFixtureRun } from '../te/fixtures/run-dir.ts';
import { startReceiver, type Receiver } from '../te/receiver/index.ts';
import { CliError } from './command.ts';
import { run } from './send.ts';

let receiver: Receiver;
let stderr: string;
beforeEach(async () => {
  receiver = await startReceiver({ appIds: ['A'] });
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await receiver.close();
});

const START = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
const SECOND_DAY = new Date(Date.parse(`${START}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function fixture(): { dir: string; records: Record<string, unknown>[] } {
  const dir = mkdtempSync(join(tmpdir(), 'cli-send-'));
  // Recent dates: the pre-flight checks TE's acceptance window against today.
  return { dir, records: writeFixtureRun(dir, { days: 2, perDay: 120, startDate: START }) };
}

/** Adds a record whose `level` is text, after the fixture locked it as a number. */
function spoil(dir: string): void {
  const bad = { '#type': 'track', '#time': `${SECOND_DAY} 23:59:59.000`, '#distinct_id': 'x', '#event_name': 'login', properties: { level: 'high' } };
  appendFileSync(join(dir, `data/${SECOND_DAY}.jsonl`), `${JSON.stringify(bad)}\n`);
  const manifest = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { files: { records: number }[]; counts: { records: number } };
  manifest.files[1]!.records += 1;
  manifest.counts.records += 1;
  writeFileSync(join(dir, 'run.json'), JSON.stringify(manifest));
}

describe('demo-data send', () => {
  it('runs the pre-flight, sends the run and prints a summary', async () => {
    const { dir, records } = fixture();
    expect(await run([dir, '--url', receiver.url, '--app-id', 'A'])).toBe(0);
    expect(receiver.store.count('A')).toBe(records.length);
    expect(stderr).toContain('pre-flight: nothing would be rejected');
    expect(stderr).toMatch(/sent 240 records to http:\/\/127\.0\.0\.1:\d+ app id A/);
  });

  it('--dry-run sends nothing and fails when something would be rejected', async () => {
    const { dir } = fixture();
    spoil(dir);
    expect(await run([dir, '--url', receiver.url, '--app-id', 'A', '--dry-run'])).toBe(1);
    expect(stderr).toContain("'level' was first received as number");
    expect(stderr).toContain(`data/${SECOND_DAY}.jsonl:121`);
    expect(receiver.store.count('A')).toBe(0);
    await expect(run([dir, '--url', receiver.url, '--app-id', 'A'])).rejects.toThrow(/pre-flight found records/);
    expect(receiver.store.count('A')).toBe(0);
  });

  it('the pre-flight flags dates TE would drop as too old', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-send-'));
    writeFixtureRun(dir, { days: 1, perDay: 10, startDate: '2001-01-01' });
    expect(await run([dir, '--url', receiver.url, '--app-id', 'A', '--dry-run'])).toBe(1);
    expect(stderr).toContain('outside what ThinkingEngine accepts');
  });

  it('reports an unknown app id as a remote failure (exit 4)', async () => {
    const { dir } = fixture();
    const err = (await run([dir, '--url', receiver.url, '--app-id', 'B', '--force']).catch((e: unknown) => e)) as CliError;
    expect(err).toBeInstanceOf(CliError);
    expect(err.exitCode).toBe(4);
    expect(err.message).toContain('does not know this app id');
  });

  it('rejects bad usage and unreadable runs with their exit codes', async () => {
    await expect(run(['--url', receiver.url, '--app-id', 'A'])).rejects.toMatchObject({ exitCode: 2 });
    await expect(run(['x', '--url', 'ftp://h', '--app-id', 'A'])).rejects.toMatchObject({ exitCode: 2 });
    await expect(run([join(tmpdir(), 'no-such-run'), '--url', receiver.url, '--app-id', 'A'])).rejects.toMatchObject({ exitCode: 3 });
  });
});
