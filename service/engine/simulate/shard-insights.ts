/**
 * Insights fed while the shard simulates: each planned day goes straight into the shard's
 * insights partial (active day, sessions, events), and what can only be known at the end of a
 * user's life (active days for retention and WAU/MAU, funnel depth, revenue) is kept in typed
 * columns indexed by the user's slot in the shard. Memory grows with users, not with events:
 * a few dozen bytes per user instead of a list of everything they did.
 */
import { addActiveDay, addEvents, addSession, addUserSummary, type InsightsPartial } from '../../insights/accumulator.ts';
import { advanceFunnel } from '../../insights/funnel-depth.ts';
import type { CompiledModel } from '../model/compile.ts';
import type { SimUser } from '../model/user-state.ts';
import type { DayPlan } from './plan-day.ts';

interface FunnelColumns {
  /** Step event indexes (-1: an event the model does not have, never matched). */
  steps: number[];
  windowMs: number;
  /** Offset of this funnel's steps within a user's block of `latestStart`. */
  at: number;
}

export class ShardInsights {
  private readonly funnels: FunnelColumns[];
  private readonly stride: number;
  private readonly words: number;
  private readonly latestStart: Float64Array;
  private readonly depth: Uint8Array;
  private readonly activeBits: Int32Array;
  private readonly revenue: Float64Array;
  private readonly payments: Uint32Array;
  private readonly eventCounts: Float64Array;

  /** `capacity`: how many users the shard will hold (slots 0…capacity-1). */
  constructor(
    private readonly model: CompiledModel,
    readonly partial: InsightsPartial,
    capacity: number,
  ) {
    let at = 0;
    this.funnels = partial.config.funnels.map((f) => {
      const steps = f.steps.map((name) => model.eventIndex.get(name) ?? -1);
      const columns = { steps, windowMs: f.windowHours * 3_600_000, at };
      at += steps.length;
      return columns;
    });
    this.stride = at;
    this.words = Math.ceil(partial.config.days / 31);
    this.latestStart = new Float64Array(capacity * this.stride).fill(Number.NEGATIVE_INFINITY);
    this.depth = new Uint8Array(capacity * this.funnels.length);
    this.activeBits = new Int32Array(capacity * this.words);
    this.revenue = new Float64Array(capacity);
    this.payments = new Uint32Array(capacity);
    this.eventCounts = new Float64Array(model.events.length);
  }

  /** One planned day (inside the range) of the user in `slot`, exactly as it will be written. */
  addDay(slot: number, plan: DayPlan, weekday: number): void {
    const p = this.partial;
    const a = plan.arena;
    const sessions = plan.sessions;
    addActiveDay(p, plan.day, sessions);
    this.activeBits[slot * this.words + ((plan.day / 31) | 0)]! |= 1 << plan.day % 31;
    const from = plan.first;
    const to = from + plan.count;
    // Events of a session are contiguous in the plan, in session order.
    let e = from;
    for (let s = 0; s < sessions; s++) {
      let count = 0;
      while (e < to && a.session[e] === s) {
        count++;
        e++;
      }
      const start = a.sessionStart[plan.firstSession + s]!;
      addSession(p, Math.floor((start - plan.dayLocalMs) / 3_600_000), weekday, Math.round((a.sessionEnd[plan.firstSession + s]! - start) / 1000), count);
    }
    const events = this.model.events;
    const off = plan.offsetMin * 60_000;
    for (let i = from; i < to; i++) {
      const ev = a.events[i]!;
      this.eventCounts[ev]!++;
      if (events[ev]!.payment) this.payments[slot]!++;
      // Funnels see whole UTC seconds, as TE's funnel analysis does.
      const t = Math.floor((a.times[i]! - off) / 1000) * 1000;
      for (let f = 0; f < this.funnels.length; f++) {
        const funnel = this.funnels[f]!;
        const d = slot * this.funnels.length + f;
        if (this.depth[d] === funnel.steps.length) continue;
        this.depth[d] = advanceFunnel(this.latestStart, slot * this.stride + funnel.at, funnel.steps, ev, t, funnel.windowMs, this.depth[d]!);
      }
    }
  }

  addRevenue(slot: number, amount: number): void {
    this.revenue[slot]! += amount;
  }

  /** Adds what is known of the user only at the end; returns whether they were ever active in the range. */
  finishUser(u: SimUser): boolean {
    const slot = u.slot;
    const activeDays: number[] = [];
    for (let d = 0; d < this.partial.config.days; d++) if (this.activeBits[slot * this.words + ((d / 31) | 0)]! & (1 << d % 31)) activeDays.push(d);
    if (activeDays.length === 0) return false;
    addUserSummary(this.partial, {
      installDay: u.installDay,
      activeDays,
      funnelDepths: this.funnels.map((_, f) => this.depth[slot * this.funnels.length + f]!),
      revenue: Math.round(this.revenue[slot]! * 100) / 100,
      payments: this.payments[slot]!,
      segment: u.names.segment,
      country: u.names.country,
      platform: u.names.platform,
    });
    return true;
  }

  /** Adds the shard's event counts by name; call once, after the last day. */
  finishEvents(): void {
    this.eventCounts.forEach((count, ev) => count > 0 && addEvents(this.partial, this.model.eventNames[ev]!, count));
  }
}
