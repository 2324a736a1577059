import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Rng } from '../random/prng.ts';
import { GZIP_BLOCK_BYTES, GzipBlocks } from './gzip-blocks.ts';

/** Records of random lengths (10 B to 40 KB), as one buffer and each record's end offset. */
function records(rng: Rng, count: number): { bytes: Buffer; ends: number[] } {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`{"n":${i},"pad":"${'x'.repeat(rng.int(rng.next() < 0.02 ? 40_000 : 400))}"}\n`);
  const ends: number[] = [];
  let at = 0;
  for (const l of lines) ends.push((at += l.length));
  return { bytes: Buffer.from(lines.join('')), ends };
}

/** Feeds the records in chunks cut at random record boundaries, with `cut()` after `partEnds`. */
function compress(all: { bytes: Buffer; ends: number[] }, rng: Rng, partEnds: Set<number>): { members: Buffer[]; counts: number[] } {
  const members: Buffer[] = [];
  const counts: number[] = [];
  const blocks = new GzipBlocks((m, n) => {
    members.push(Buffer.from(m));
    counts.push(n);
  });
  let i = 0;
  while (i < all.ends.length) {
    let j = Math.min(all.ends.length, i + 1 + rng.int(300));
    for (let k = i; k < j; k++) if (partEnds.has(k)) j = k + 1;
    const from = i === 0 ? 0 : all.ends[i - 1]!;
    blocks.add(all.bytes.subarray(from, all.ends[j - 1]), Uint32Array.from(all.ends.slice(i, j), (e) => e - from));
    if (partEnds.has(j - 1)) blocks.cut();
    i = j;
  }
  blocks.cut();
  return { members, counts };
}

describe('GzipBlocks', () => {
  const all = records(new Rng(3), 12_000);
  const partEnds = new Set([2_999, 3_000, 7_500]);

  it('cuts members at record boundaries once past 1 MiB and at each part end, whatever the chunks', () => {
    const a = compress(all, new Rng(1), partEnds);
    const b = compress(all, new Rng(2), partEnds);
    expect(Buffer.concat(a.members).equals(Buffer.concat(b.members))).toBe(true);
    expect(a.counts).toEqual(b.counts);
    expect(a.members.length).toBeGreaterThan(partEnds.size + 1);
    // Each member decompresses to exactly its records; only a part's last block is under 1 MiB.
    let record = 0;
    for (let m = 0; m < a.members.length; m++) {
      const from = record === 0 ? 0 : all.ends[record - 1]!;
      record += a.counts[m]!;
      const text = gunzipSync(a.members[m]!);
      expect(text.equals(all.bytes.subarray(from, all.ends[record - 1]))).toBe(true);
      const closesPart = partEnds.has(record - 1) || record === all.ends.length;
      if (!closesPart) expect(text.length).toBeGreaterThanOrEqual(GZIP_BLOCK_BYTES);
    }
    expect(record).toBe(all.ends.length);
    expect(gunzipSync(Buffer.concat(a.members)).equals(all.bytes)).toBe(true);
  });

  it('makes no member of nothing', () => {
    const members: Uint8Array[] = [];
    const blocks = new GzipBlocks((m) => members.push(m));
    blocks.cut();
    blocks.add(new Uint8Array(0), new Uint32Array(0));
    blocks.cut();
    expect(members).toEqual([]);
  });
});
