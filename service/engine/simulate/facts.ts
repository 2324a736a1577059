/**
 * Per-user facts for the insights, kept compact while the user lives (typed arrays, event indexes,
 * whole seconds, sessions as packed numbers) and expanded into `UserFacts` only when the user's
 * simulated life is over, so memory grows with users, not with events or sessions.
 */
import type { SessionFact, UserFacts } from '../../insights/facts.ts';

class GrowU32 {
  data: Uint32Array;
  length = 0;
  constructor(initial: number) {
    this.data = new Uint32Array(initial);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

export class FactsCollector {
  /** Event index (high 12 bits are never needed: taxonomies stay under 4096 events) and seconds. */
  private readonly events = new GrowU32(8);
  private readonly seconds = new GrowU32(8);
  private readonly days = new GrowU32(2);
  /** Per session: day << 16 | hour << 8 | weekday, then duration in seconds, then event count. */
  private readonly sessionHead = new GrowU32(2);
  private readonly sessionDuration = new GrowU32(2);
  private readonly sessionEvents = new GrowU32(2);
  revenue = 0;
  payments = 0;

  /** `baseMs` is the UTC instant all event times are counted from (before any possible event). */
  constructor(private readonly baseMs: number) {}

  event(eventIndex: number, utcMs: number): void {
    this.events.push(eventIndex);
    this.seconds.push(Math.floor((utcMs - this.baseMs) / 1000));
  }

  activeDay(day: number): void {
    this.days.push(day);
  }

  session(s: SessionFact): void {
    this.sessionHead.push((s.day << 16) | (s.localHour << 8) | s.localWeekday);
    this.sessionDuration.push(s.durationSec);
    this.sessionEvents.push(s.eventCount);
  }

  get activeDayCount(): number {
    return this.days.length;
  }

  toFacts(base: { installDay: number; segment: string; country: string; platform: string }, eventNames: readonly string[]): UserFacts {
    const n = this.events.length;
    const names: string[] = new Array(n);
    const times: number[] = new Array(n);
    for (let i = 0; i < n; i++) {
      names[i] = eventNames[this.events.data[i]!]!;
      times[i] = this.baseMs + this.seconds.data[i]! * 1000;
    }
    const sessions: SessionFact[] = [];
    for (let i = 0; i < this.sessionHead.length; i++) {
      const h = this.sessionHead.data[i]!;
      sessions.push({ day: h >>> 16, localHour: (h >>> 8) & 0xff, localWeekday: h & 0xff, durationSec: this.sessionDuration.data[i]!, eventCount: this.sessionEvents.data[i]! });
    }
    return {
      ...base,
      activeDays: Array.from(this.days.data.subarray(0, this.days.length)),
      sessions,
      eventNames: names,
      eventTimesMs: times,
      revenue: Math.round(this.revenue * 100) / 100,
      payments: this.payments,
    };
  }
}
