import { describe, expect, it } from 'vitest';
import { collectYoungGarbage } from './young-gc.ts';

describe('collectYoungGarbage', () => {
  it('returns the memory of dead buffers at once, which V8 alone would keep for tens of MB', async () => {
    const before = process.memoryUsage().arrayBuffers;
    let kept = 0;
    for (let i = 0; i < 96; i++) kept += Buffer.allocUnsafe(256 * 1024).length;
    expect(kept).toBe(24 * 1024 * 1024);
    const dead = process.memoryUsage().arrayBuffers - before;
    // The buffers are unreachable, but nothing has collected them yet.
    expect(dead).toBeGreaterThan(16 * 1024 * 1024);
    collectYoungGarbage();
    // V8 frees the dead buffers' memory on a background thread right after the scavenge; on a
    // busy machine that thread may need a moment to run.
    for (let i = 0; i < 100 && process.memoryUsage().arrayBuffers - before >= 4 * 1024 * 1024; i++) await new Promise((r) => setTimeout(r, 10));
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(4 * 1024 * 1024);
  });
});
