import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AckTracker, CheckpointError, loadCheckpoint, saveCheckpoint, type Checkpoint } from './checkpoint.ts';
import { lines } from './run-dir.ts';

describe('AckTracker', () => {
  it('keeps the in-order prefix and the batches acknowledged ahead of it, across files', () => {
    const t = new AckTracker();
    t.ack({ file: 0, batch: 1 });
    t.ack({ file: 0, batch: 2 });
    expect(t.state()).toEqual({ next: { file: 0, batch: 0 }, ahead: [{ file: 0, batch: 1 }, { file: 0, batch: 2 }] });
    expect(t.isDone({ file: 0, batch: 0 })).toBe(false);
    expect(t.isDone({ file: 0, batch: 2 })).toBe(true);
    t.fileLength(0, 3);
    t.ack({ file: 0, batch: 0 });
    expect(t.state()).toEqual({ next: { file: 1, batch: 0 }, ahead: [] });
    // Resuming from a saved state knows the same.
    const resumed = new AckTracker({ next: { file: 1, batch: 0 }, ahead: [{ file: 1, batch: 4 }] });
    expect(resumed.isDone({ file: 0, batch: 2 })).toBe(true);
    expect(resumed.isDone({ file: 1, batch: 3 })).toBe(false);
    expect(resumed.isDone({ file: 1, batch: 4 })).toBe(true);
  });

  it('passes over empty files', () => {
    const t = new AckTracker();
    t.fileLength(0, 0);
    t.ack({ file: 1, batch: 0 });
    t.fileLength(1, 1);
    expect(t.state().next).toEqual({ file: 2, batch: 0 });
  });
});

describe('checkpoint files', () => {
  it('round-trip, and an unreadable one says how to recover', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'te-cp-'));
    const file = join(dir, 'sub', 'cp.json');
    const cp: Checkpoint = { format: 1, run: 'r', destination: { url: 'http://x', appId: 'A' }, batchSize: 10, next: { file: 0, batch: 2 }, ahead: [], recordsSent: 20, complete: false };
    expect(await loadCheckpoint(file)).toBeUndefined();
    await saveCheckpoint(file, cp);
    expect(await loadCheckpoint(file)).toEqual(cp);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(cp);
    writeFileSync(file, '{"format":2}');
    await expect(loadCheckpoint(file)).rejects.toBeInstanceOf(CheckpointError);
    await expect(loadCheckpoint(file)).rejects.toThrow(/delete it/);
  });
});

describe('lines', () => {
  async function collect(chunks: string[]): Promise<string[]> {
    const out: string[] = [];
    async function* source() {
      for (const c of chunks) yield Buffer.from(c);
    }
    for await (const group of lines(source())) for (const l of group) out.push(l.toString());
    return out;
  }

  it('splits across chunk boundaries, skips blank lines and keeps an unterminated last line', async () => {
    expect(await collect(['{"a":1}\n{"b"', ':2}\n\n  \n{"c', '":3}'])).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
    expect(await collect(['x\r\n', '\n'])).toEqual(['x\r']);
  });
});
