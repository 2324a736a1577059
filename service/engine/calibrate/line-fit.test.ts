import { describe, expect, it } from 'vitest';
import { lineMeets, PayerSteps } from './line-fit.ts';

/** A payer rate partly fed by funnels' payment steps, which the payer scale does not move. */
const fed = (scale: number) => 0.02 + 0.01 * scale;

/** Runs `rounds` rounds of PayerSteps against `respond`, returning the payer rate of each scale tried. */
function rounds(exact: boolean, respond: (scale: number) => number, want: number, n: number): number[] {
  const steps = new PayerSteps();
  let scale = 1;
  const read: number[] = [];
  for (let r = 0; r < n; r++) {
    const have = respond(scale);
    read.push(have);
    scale *= steps.next(want, have, exact);
  }
  return read;
}

describe('lineMeets', () => {
  it('is where the line through two readings reaches the target', () => {
    expect(lineMeets([{ x: 1, y: 0.03 }, { x: 2, y: 0.04 }], 0.035)).toBeCloseTo(1.5, 12);
  });

  it('declines without two readings, at one setting twice, or on a line that does not rise', () => {
    expect(lineMeets([{ x: 1, y: 0.03 }], 0.035)).toBeNull();
    expect(lineMeets([{ x: 1, y: 0.03 }, { x: 1, y: 0.04 }], 0.035)).toBeNull();
    expect(lineMeets([{ x: 1, y: 0.04 }, { x: 2, y: 0.03 }], 0.035)).toBeNull();
  });
});

describe('PayerSteps', () => {
  it('with an exact pilot, lands on a payer rate that other rules also feed in three rounds', () => {
    const read = rounds(true, fed, 0.035, 4);
    expect(Math.abs(read[3]! - 0.035)).toBeLessThan(1e-9);
    // The ratio alone is still short after the same rounds: the line is what lands it.
    const ratio = rounds(false, fed, 0.035, 4);
    expect(Math.abs(ratio[3]! - 0.035)).toBeGreaterThan(0.001);
  });

  it('with a sampled pilot, moves by the ratio only, which noise cannot throw far', () => {
    const steps = new PayerSteps();
    expect(steps.next(0.05, 0.04, false)).toBeCloseTo(1.25, 12);
    // A noisy second reading that would put the line far off moves the scale by the ratio again.
    expect(steps.next(0.05, 0.0401, false)).toBeCloseTo(0.05 / 0.0401, 12);
  });

  it('leaves the shares alone without a target or a reading', () => {
    expect(new PayerSteps().next(undefined, 0.04, true)).toBe(1);
    expect(new PayerSteps().next(0.05, null, true)).toBe(1);
  });
});
