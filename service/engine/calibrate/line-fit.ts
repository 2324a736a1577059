/**
 * Settings found from pilot readings by the line through the last two of them. A share that
 * other rules also feed reads about `a + b·setting`; the ratio to its target then moves the
 * setting too little each round, while the line lands on it in a round or two.
 */

/**
 * The factor on the payer shares for the next round. Payers come from the segments' payer shares
 * and from the funnels' payment steps (a user fated to pay becomes one); the stated payment steps
 * do not scale, so the payer rate reads about `a + b·scale` and the ratio to the target moves the
 * shares too little. A noiseless pilot (the whole population) follows the line through its last
 * two readings instead; a sampled one keeps the ratio, which noise cannot throw far.
 */
export class PayerSteps {
  private scale = 1;
  private last: Reading[] = [];

  next(want: number | undefined, have: number | null, exact: boolean): number {
    if (want === undefined || have === null) return 1;
    this.last = [...this.last.slice(-1), { x: this.scale, y: have }];
    const line = exact ? lineMeets(this.last, want) : null;
    const factor = Math.min(20, Math.max(0.05, line !== null ? line / this.scale : have > 0 ? want / have : 2));
    this.scale *= factor;
    return factor;
  }
}

/** One pilot reading: a setting (a rate, a scale) and the share it gave. */
export interface Reading {
  x: number;
  y: number;
}

/** Where the line through two readings reaches `want`, or null without two readings it can be drawn through rising. */
export function lineMeets(readings: readonly Reading[], want: number): number | null {
  const [a, b] = readings;
  if (!a || !b || Math.abs(b.x - a.x) < 1e-6) return null;
  const slope = (b.y - a.y) / (b.x - a.x);
  return slope > 0 ? b.x + (want - b.y) / slope : null;
}
