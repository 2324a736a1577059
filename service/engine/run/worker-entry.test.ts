/**
 * Workers load a bundle of the shard worker made at run time; it must be the sources' behaviour
 * exactly, so one shard is run through the bundle and through the tsx fallback and compared.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { calibrate } from '../calibrate/index.ts';
import { gameRules, gameTaxonomy } from '../fixtures/game.ts';
import { insightsConfigOf } from './generate-run.ts';
import type { ShardJob } from './messages.ts';
import { ShardChannel } from './shard-channel.ts';
import { shardWorkerEntry, TSX_BOOTSTRAP } from './worker-entry.ts';

async function shardBytes(job: ShardJob, entry: URL): Promise<{ bytes: Buffer; users: number }> {
  const channel = new ShardChannel(job, { entry });
  const chunks: Buffer[] = [];
  try {
    for (let day = 0; day < job.days; day++) {
      for (let part = 0; part < job.parts; part++) {
        for (let c = await channel.nextChunk(day, part); c; c = await channel.nextChunk(day, part)) {
          if (!('ends' in c)) throw new Error('a plain channel posted a gzip member');
          chunks.push(Buffer.from(c.bytes));
          channel.giveBack(c);
        }
      }
    }
    const done = await channel.finished();
    return { bytes: Buffer.concat(chunks), users: done.users };
  } finally {
    await channel.terminate();
  }
}

describe('shard worker entry', () => {
  it('is a bundle named by its content hash, made once per process', () => {
    const entry = shardWorkerEntry();
    expect(entry.href).not.toBe(TSX_BOOTSTRAP.href);
    expect(basename(fileURLToPath(entry))).toMatch(/^shard-worker-[0-9a-f]{16}\.mjs$/);
    expect(existsSync(entry)).toBe(true);
    expect(shardWorkerEntry()).toBe(entry);
  });

  it('writes the same records through the bundle as through the tsx fallback', async () => {
    const taxonomy = gameTaxonomy();
    const rules = gameRules();
    const params = { startDate: '2026-03-27', days: 2, dau: 80, seed: 3 };
    const targets = { dau: params.dau, funnels: [] };
    const { rules: tuned, plan } = await calibrate(taxonomy, rules, { ...params, targets });
    const job: ShardJob = { taxonomy, rules: tuned, ...params, plan, parts: 4, shard: 0, shards: 1, insights: insightsConfigOf(taxonomy, tuned, params, targets) };
    const bundled = await shardBytes(job, shardWorkerEntry());
    const fallback = await shardBytes(job, TSX_BOOTSTRAP);
    expect(bundled.bytes.length).toBeGreaterThan(10_000);
    expect(bundled.users).toBeGreaterThan(0);
    expect(bundled.bytes.equals(fallback.bytes)).toBe(true);
    expect(bundled.users).toBe(fallback.users);
  }, 60_000);
});
