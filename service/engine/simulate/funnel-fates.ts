/**
 * Where each user of a shard stands in each funnel, and how far they are fated to go.
 *
 * Funnel conversion is read per user, as ThinkingEngine's funnel analysis reads it: of the users
 * who reached step k-1 (steps 0…k-1 in order, within the window from step 0), the share who went
 * on to step k. Deciding that per attempt cannot hit a stated share: a user with many step-0
 * occurrences gets many attempts, and step events that also happen at random complete steps
 * nobody decided. So each user's depth is drawn once, at their first step 0 in the range, from
 * the step conversions; the planner then places the next step after its time to convert while
 * the user is short of that depth, and refuses any event that would take them past it.
 *
 * The state mirrors the insights' funnel reading (`advanceFunnel`, whole UTC seconds), so what the
 * planner enforces is what the run reports. It lives in typed columns by the user's slot.
 */
import { advanceFunnel } from '../../insights/funnel-depth.ts';
import type { CompiledFunnel, CompiledModel } from '../model/compile.ts';
import type { Rng } from '../random/prng.ts';

const NONE = Number.NEGATIVE_INFINITY;

export class FunnelFates {
  private readonly funnels: readonly CompiledFunnel[];
  /** Per funnel, the offset of its steps in a user's block of `latestStart`. */
  private readonly at: number[];
  private readonly stride: number;
  /** Per event index, the funnels it is a step of (undefined: none, the common case). */
  private readonly byEvent: (number[] | undefined)[];
  private readonly latestStart: Float64Array;
  private readonly depth: Uint8Array;
  /** 0: not drawn yet (no step 0 in the range so far). */
  private readonly fate: Uint8Array;
  private readonly indexes: number[];

  constructor(model: Pick<CompiledModel, 'funnels' | 'events'>, capacity: number) {
    this.funnels = model.funnels;
    this.indexes = model.funnels.map((_, i) => i);
    this.at = [];
    let at = 0;
    this.byEvent = new Array<number[] | undefined>(model.events.length);
    model.funnels.forEach((f, i) => {
      this.at.push(at);
      at += f.steps.length;
      for (const ev of new Set(f.steps)) (this.byEvent[ev] ??= []).push(i);
    });
    this.stride = at;
    this.latestStart = new Float64Array(capacity * at).fill(NONE);
    this.depth = new Uint8Array(capacity * model.funnels.length);
    this.fate = new Uint8Array(capacity * model.funnels.length);
  }

  /** Forgets everything: progress before the range is not what the range's funnels read. */
  reset(): void {
    this.latestStart.fill(NONE);
    this.depth.fill(0);
    this.fate.fill(0);
  }

  /** Whether doing `ev` at `t` (whole UTC seconds, in ms) would take the user past a fated depth. */
  refuses(slot: number, ev: number, t: number): boolean {
    const fs = this.byEvent[ev];
    if (fs === undefined) return false;
    const n = this.funnels.length;
    for (let i = 0; i < fs.length; i++) {
      const f = fs[i]!;
      const funnel = this.funnels[f]!;
      const fate = this.fate[slot * n + f]!;
      const steps = funnel.steps;
      const base = slot * this.stride + this.at[f]!;
      // Step 0 only starts attempts; steps past the fate are refused (an undrawn fate has no attempt yet).
      for (let k = Math.max(1, fate); k < steps.length; k++) {
        if (steps[k] !== ev) continue;
        const start = this.latestStart[base + k - 1]!;
        if (start !== NONE && t - start <= funnel.windowMs) return true;
      }
    }
    return false;
  }

  /** Records `ev` at `t`; the first step 0 in the range draws the user's depth in that funnel. */
  record(slot: number, ev: number, t: number, rng: Rng): void {
    const fs = this.byEvent[ev];
    if (fs === undefined) return;
    const n = this.funnels.length;
    for (let i = 0; i < fs.length; i++) {
      const f = fs[i]!;
      const funnel = this.funnels[f]!;
      const d = slot * n + f;
      if (this.fate[d] === 0 && funnel.steps[0] === ev) this.fate[d] = drawDepth(funnel, rng, 1);
      const depth = advanceFunnel(this.latestStart, slot * this.stride + this.at[f]!, funnel.steps, ev, t, funnel.windowMs, this.depth[d]!);
      // Another funnel's fated step took the user past this funnel's fate: from where they are,
      // the rest of this funnel converts at its own rates again.
      if (depth > this.fate[d]!) this.fate[d] = drawDepth(funnel, rng, depth);
      this.depth[d] = depth;
    }
  }

  /**
   * The step the user should do next in funnel `f` at `t`, or -1 when they are at their fated depth
   * or the attempt that reached their depth has left the window by `t`.
   */
  nextStep(slot: number, f: number, t: number): number {
    const d = slot * this.funnels.length + f;
    const depth = this.depth[d]!;
    if (depth === 0 || depth >= this.fate[d]!) return -1;
    const start = this.latestStart[slot * this.stride + this.at[f]! + depth - 1]!;
    return t - start <= this.funnels[f]!.windowMs ? depth : -1;
  }

  /** Funnels `ev` is a step of (for following a placed event with the next step). */
  funnelsOf(ev: number): readonly number[] | undefined {
    return this.byEvent[ev];
  }

  /** Every funnel's index, for looking at all of them (a session's start). */
  get all(): readonly number[] {
    return this.indexes;
  }
}

/** How many steps a user at `depth` will reach: each step follows the one before with the step's conversion. */
function drawDepth(funnel: CompiledFunnel, rng: Rng, from: number): number {
  let depth = from;
  while (depth < funnel.steps.length && rng.next() < funnel.conversion[depth]!) depth++;
  return depth;
}
