import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
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
});
