/**
 * Workers load a bundle of the shard worker made at run time; it must be the sources' behaviour
 * exactly, so one shard is run through the bundle and through the tsx fallback and compared.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gameShardJob, runShardChannel } from '../fixtures/shard-channel-run.ts';
import { shardWorkerEntry, TSX_BOOTSTRAP } from './worker-entry.ts';

describe('shard worker entry', () => {
  it('is a bundle named by its content hash, made once per process', () => {
    const entry = shardWorkerEntry();
    expect(entry.href).not.toBe(TSX_BOOTSTRAP.href);
    expect(basename(fileURLToPath(entry))).toMatch(/^shard-worker-[0-9a-f]{16}\.mjs$/);
    expect(existsSync(entry)).toBe(true);
    expect(shardWorkerEntry()).toBe(entry);
  });

  it('writes the same records through the bundle as through the tsx fallback', async () => {
    const job = await gameShardJob();
    const bundled = await runShardChannel(job, { entry: shardWorkerEntry() });
    const fallback = await runShardChannel(job, { entry: TSX_BOOTSTRAP });
    const bytes = Buffer.concat(bundled.chunks.map((c) => c.bytes));
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(bundled.users).toBeGreaterThan(0);
    expect(bytes.equals(Buffer.concat(fallback.chunks.map((c) => c.bytes)))).toBe(true);
    expect(bundled.users).toBe(fallback.users);
  }, 60_000);
});
