import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheKey, stableJson, type CacheKeyParts } from './cache.ts';
import { diskCache } from './disk-cache.ts';

const base: CacheKeyParts = { purpose: 'analyze', taxonomyJson: '{"events":[]}', input: { a: 1, b: 2 }, provider: 'anthropic', model: 'm', promptVersion: '1' };

describe('cacheKey', () => {
  it('is stable under object key order', () => {
    expect(cacheKey({ ...base, input: { b: 2, a: 1 } })).toBe(cacheKey(base));
    expect(stableJson({ b: [{ d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[{"c":2,"d":1}]}');
  });

  it('changes when any part changes', () => {
    const keys = new Set([
      cacheKey(base),
      cacheKey({ ...base, purpose: 'draft' }),
      cacheKey({ ...base, taxonomyJson: '{"events":[1]}' }),
      cacheKey({ ...base, input: { a: 1, b: 3 } }),
      cacheKey({ ...base, provider: 'openai' }),
      cacheKey({ ...base, model: 'm2' }),
      cacheKey({ ...base, promptVersion: '2' }),
    ]);
    expect(keys.size).toBe(7);
    expect(cacheKey(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not confuse field boundaries', () => {
    expect(cacheKey({ ...base, purpose: 'ab', taxonomyJson: 'c' })).not.toBe(cacheKey({ ...base, purpose: 'a', taxonomyJson: 'bc' }));
  });
});

describe('diskCache', () => {
  let dir = '';
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('round-trips values and leaves no temporary files', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ai-cache-'));
    const cache = diskCache(join(dir, 'nested'));
    const key = cacheKey(base);
    expect(await cache.get(key)).toBeUndefined();
    await cache.set(key, { rules: [1, 2] });
    expect(await cache.get(key)).toEqual({ rules: [1, 2] });
    expect(await readdir(join(dir, 'nested'))).toEqual([`${key}.json`]);
  });

  it('treats a corrupt entry as a miss and refuses keys that are not digests', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ai-cache-'));
    const cache = diskCache(dir);
    const key = cacheKey(base);
    await writeFile(join(dir, `${key}.json`), '{"half":');
    expect(await cache.get(key)).toBeUndefined();
    await expect(cache.set('../escape', 1)).rejects.toThrow(/SHA-256/);
  });
});
