import { describe, expect, it } from 'vitest';
import type { CompiledEvent, CompiledFunnel } from '../model/compile.ts';
import { Rng } from '../random/prng.ts';
import { FunnelFates } from './funnel-fates.ts';

// Events 0 (view), 1 (cart), 2 (pay), 3 (other); one funnel view → cart → pay, 1-hour window.
const HOUR = 3_600_000;
const funnel: CompiledFunnel = { steps: [0, 1, 2], entry: 1, conversion: [1, 0.5, 0.2], minutes: () => 1, windowMs: HOUR };
const events = [0, 1, 2, 3].map((index) => ({ index }) as CompiledEvent);
const model = { funnels: [funnel], events };

/** A seed whose first draws fate a user to `depth` steps (conversions 0.5, then 0.2). */
function seedFor(depth: number): number {
  for (let seed = 0; ; seed++) {
    const r = new Rng(seed);
    const a = r.next();
    const b = r.next();
    if ((a >= 0.5 ? 1 : b >= 0.2 ? 2 : 3) === depth) return seed;
  }
}

function fatedTo(fates: FunnelFates, slot: number, depth: number, t: number): void {
  fates.record(slot, 0, t, new Rng(seedFor(depth)));
}

describe('funnel fates', () => {
  it('draws each user’s depth once, from the step conversions', () => {
    const n = 20_000;
    const fates = new FunnelFates(model, n);
    const rng = new Rng(7);
    const reached = [0, 0, 0];
    for (let slot = 0; slot < n; slot++) {
      fates.record(slot, 0, 0, rng);
      // A second step 0 does not draw again: the next step wanted stays the same.
      const next = fates.nextStep(slot, 0, 0);
      fates.record(slot, 0, 1000, rng);
      expect(fates.nextStep(slot, 0, 1000)).toBe(next);
      reached[0]!++;
      if (next === 1) {
        reached[1]!++;
        fates.record(slot, 1, 2000, rng);
        if (fates.nextStep(slot, 0, 2000) === 2) reached[2]!++;
      }
    }
    expect(reached[1]! / reached[0]!).toBeCloseTo(0.5, 1);
    expect(reached[2]! / reached[1]!).toBeCloseTo(0.2, 1);
  });

  it('refuses a step past the fate inside the window only, and never a step 0 or an outside event', () => {
    const fates = new FunnelFates(model, 2);
    fatedTo(fates, 0, 1, 0);
    expect(fates.refuses(0, 1, 10 * 60_000)).toBe(true);
    expect(fates.refuses(0, 1, HOUR + 1000)).toBe(false);
    expect(fates.refuses(0, 0, 1000)).toBe(false);
    expect(fates.refuses(0, 3, 1000)).toBe(false);
    expect(fates.nextStep(0, 0, 1000)).toBe(-1);
  });

  it('asks for the next step while the user is short of the fate and inside the window', () => {
    const fates = new FunnelFates(model, 2);
    fatedTo(fates, 1, 3, 0);
    expect(fates.nextStep(1, 0, 60_000)).toBe(1);
    expect(fates.refuses(1, 1, 60_000)).toBe(false);
    fates.record(1, 1, 60_000, new Rng(1));
    expect(fates.nextStep(1, 0, 120_000)).toBe(2);
    // The attempt's window is counted from its step 0.
    expect(fates.nextStep(1, 0, HOUR + 1000)).toBe(-1);
    fates.record(1, 2, 120_000, new Rng(1));
    expect(fates.nextStep(1, 0, 180_000)).toBe(-1);
  });

  it('keeps users apart: one user’s progress never refuses another’s events', () => {
    const fates = new FunnelFates(model, 3);
    // Slot 1 goes through the whole funnel; its neighbours have done nothing yet.
    fatedTo(fates, 1, 3, 0);
    fates.record(1, 1, 60_000, new Rng(1));
    fates.record(1, 2, 120_000, new Rng(1));
    for (const slot of [0, 2]) for (const ev of [0, 1, 2]) expect(fates.refuses(slot, ev, 180_000)).toBe(false);
    fatedTo(fates, 0, 1, 0);
    expect(fates.refuses(0, 1, 60_000)).toBe(true);
    expect(fates.refuses(2, 1, 60_000)).toBe(false);
  });
});
