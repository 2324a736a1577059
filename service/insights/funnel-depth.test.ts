import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { funnelDepth } from './funnel-depth.ts';

const H = 3_600_000;

/** Reference: try every start and greedily take the earliest next step (exhaustive over starts). */
function bruteForce(names: string[], times: number[], steps: string[], windowMs: number): number {
  let best = 0;
  for (let i = 0; i < names.length; i++) {
    if (names[i] !== steps[0]) continue;
    let depth = 1;
    let j = i + 1;
    while (depth < steps.length && j < names.length) {
      if (names[j] === steps[depth] && times[j]! - times[i]! <= windowMs) depth++;
      j++;
    }
    best = Math.max(best, depth);
  }
  return best;
}

describe('funnelDepth', () => {
  it('counts steps done in order within the window', () => {
    expect(funnelDepth(['view', 'cart', 'pay'], [0, H, 2 * H], ['view', 'cart', 'pay'], 24 * H)).toBe(3);
  });
  it('does not count steps done out of order', () => {
    expect(funnelDepth(['cart', 'view', 'pay'], [0, H, 2 * H], ['view', 'cart', 'pay'], 24 * H)).toBe(1);
  });
  it('stops at the window', () => {
    expect(funnelDepth(['view', 'cart', 'pay'], [0, H, 30 * H], ['view', 'cart', 'pay'], 24 * H)).toBe(2);
  });
  it('uses a later start when an earlier one ran out of window', () => {
    expect(funnelDepth(['view', 'view', 'cart'], [0, 30 * H, 31 * H], ['view', 'cart'], 24 * H)).toBe(2);
  });
  it('never counts one event for two steps of the same name', () => {
    expect(funnelDepth(['open'], [0], ['open', 'open'], H)).toBe(1);
    expect(funnelDepth(['open', 'open'], [0, 1], ['open', 'open'], H)).toBe(2);
  });
  it('is 0 without the first step', () => {
    expect(funnelDepth(['cart', 'pay'], [0, 1], ['view', 'cart', 'pay'], H)).toBe(0);
  });
  it('agrees with an exhaustive search on random sequences', () => {
    const letters = ['a', 'b', 'c'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...letters), fc.integer({ min: 0, max: 10 })), { maxLength: 30 }),
        fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 40 }),
        (raw, steps, window) => {
          let t = 0;
          const names = raw.map(([n]) => n);
          const times = raw.map(([, dt]) => (t += dt));
          expect(funnelDepth(names, times, steps, window)).toBe(bruteForce(names, times, steps, window));
        },
      ),
      { numRuns: 500 },
    );
  });
});
