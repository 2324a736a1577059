import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gameShardJob, runShardChannel } from '../fixtures/shard-channel-run.ts';
import { GzipBlocks } from '../output/gzip-blocks.ts';
import type { ShardJob } from './messages.ts';
import { ShardChannel } from './shard-channel.ts';

describe('ShardChannel', () => {
  it('fails, instead of waiting forever, when its worker ends without sending done', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dds-channel-'));
    try {
      // A worker that ends normally (exit code 0) having sent nothing.
      const entry = join(dir, 'ends-at-once.mjs');
      await writeFile(entry, 'export {};\n');
      const channel = new ShardChannel({} as ShardJob, { entry: pathToFileURL(entry) });
      await expect(channel.nextChunk(0, 0)).rejects.toThrow(/stopped before finishing \(exit code 0\)/);
      await channel.terminate();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 10_000);

  it('with gzip, posts only members: the main thread\'s compression of the same records, part by part', async () => {
    const job = await gameShardJob();
    const plain = await runShardChannel(job, {});
    const gz = await runShardChannel(job, { gzip: true });
    expect(plain.members).toEqual([]);
    expect(gz.chunks).toEqual([]);
    expect(new Set(gz.members.map((m) => m.part)).size).toBeGreaterThan(1);
    // The main thread's way (day-file.ts): the plain chunks into blocks, cut at each part-day's end.
    const expected: Buffer[] = [];
    const blocks = new GzipBlocks((m) => expected.push(Buffer.from(m)));
    let partDay = '';
    for (const c of plain.chunks) {
      if (`${c.day}/${c.part}` !== partDay) blocks.cut();
      partDay = `${c.day}/${c.part}`;
      blocks.add(c.bytes, c.ends!);
    }
    blocks.cut();
    const members = Buffer.concat(gz.members.map((m) => m.bytes));
    expect(members.equals(Buffer.concat(expected))).toBe(true);
    expect(gunzipSync(members).equals(Buffer.concat(plain.chunks.map((c) => c.bytes)))).toBe(true);
    expect(gz.members.reduce((s, m) => s + m.records, 0)).toBe(plain.chunks.reduce((s, c) => s + c.records, 0));
  }, 60_000);
});
