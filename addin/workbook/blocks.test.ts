import { describe, expect, it } from 'vitest';
import { groupForSync, rectangular, splitBlocks } from './blocks.ts';

describe('write blocks', () => {
  it('pads ragged rows to one width', () => {
    expect(rectangular([['a'], ['b', 2, true], []])).toEqual([['a', '', ''], ['b', 2, true], ['', '', '']]);
  });

  it('splits rows so that no block exceeds the budget, keeping order and offsets', () => {
    const rows = Array.from({ length: 100 }, (_, i) => [`row_${i}`, '한'.repeat(50)]);
    const blocks = splitBlocks(rows, 2000);
    expect(blocks.length).toBeGreaterThan(5);
    expect(blocks.flatMap((b) => b.rows)).toEqual(rows);
    for (const b of blocks) {
      expect(b.bytes).toBeLessThanOrEqual(2000);
      expect(new TextEncoder().encode(JSON.stringify(b.rows)).length).toBeLessThanOrEqual(b.bytes);
      expect(b.rows[0]).toBe(rows[b.offset]);
    }
  });

  it('groups small items into as few syncs as the budget allows', () => {
    const groups = groupForSync([{ bytes: 400 }, { bytes: 400 }, { bytes: 400 }, { bytes: 900 }, { bytes: 50 }], 1000);
    expect(groups.map((g) => g.map((x) => x.bytes))).toEqual([[400, 400], [400], [900, 50]]);
  });
});
