import { describe, expect, it } from 'vitest';
import { Rng } from './prng.ts';

/** First draws of the streams of users 0…n-1 under one run seed. */
function firstDraws(seed: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => new Rng(seed, i, 1).u32());
}

describe('Rng seeding', () => {
  it('gives the same stream for the same seeds, and another for any other seed', () => {
    expect(new Rng(7, 3, 1).u32()).toBe(new Rng(7, 3, 1).u32());
    expect(new Rng(7, 3, 1).u32()).not.toBe(new Rng(8, 3, 1).u32());
    expect(new Rng(7, 3, 1).u32()).not.toBe(new Rng(7, 3, 2).u32());
  });

  it('gives other run seeds other users, not the same streams at other indexes', () => {
    // Streams shared between two run seeds make their runs read the same rates; independent
    // 32-bit draws of 4,096 users each meet by chance well under once.
    const a = new Set(firstDraws(1, 4096));
    for (const seed of [2, 3, 1 << 20, 2 ** 40 + 1]) {
      const shared = firstDraws(seed, 4096).filter((x) => a.has(x)).length;
      expect(shared, `run seeds 1 and ${seed}`).toBeLessThanOrEqual(2);
    }
  });

  it('draws uniformly across users of one seed', () => {
    const draws = firstDraws(11, 20_000).map((x) => x / 2 ** 32);
    const bins = new Array<number>(10).fill(0);
    for (const x of draws) bins[Math.floor(x * 10)]!++;
    // 2,000 a bin expected; ±5 standard deviations (about 210).
    for (const b of bins) expect(Math.abs(b - 2000)).toBeLessThan(210);
  });
});
