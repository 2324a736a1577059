/**
 * Per-user facts for the insights, kept compact while the user lives (typed arrays, event indexes,
 * whole seconds) and expanded into `UserFacts` only when the user's simulated life is over.
 */
import type { SessionFact, UserFacts } from '../../insights/facts.ts';

function grow<T extends Uint16Array | Uint32Array>(a: T, make: (n: number) => T): T {
  const next = make(a.length * 2);
  next.set(a);
  return next;
}

export class FactsCollector {
  private events = new Uint16Array(16);
  private seconds = new Uint32Array(16);
  private count = 0;
  readonly activeDays: number[] = [];
  readonly sessions: SessionFact[] = [];
  revenue = 0;
  payments = 0;

  /** `baseMs` is the UTC instant all event times are counted from (before any possible event). */
  constructor(private readonly baseMs: number) {}

  event(eventIndex: number, utcMs: number): void {
    if (this.count === this.events.length) {
      this.events = grow(this.events, (n) => new Uint16Array(n));
      this.seconds = grow(this.seconds, (n) => new Uint32Array(n));
    }
    this.events[this.count] = eventIndex;
    this.seconds[this.count] = Math.floor((utcMs - this.baseMs) / 1000);
    this.count++;
  }

  toFacts(base: { installDay: number; segment: string; country: string; platform: string }, eventNames: readonly string[]): UserFacts {
    const names: string[] = new Array(this.count);
    const times: number[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) {
      names[i] = eventNames[this.events[i]!]!;
      times[i] = this.baseMs + this.seconds[i]! * 1000;
    }
    return {
      ...base,
      activeDays: this.activeDays,
      sessions: this.sessions,
      eventNames: names,
      eventTimesMs: times,
      revenue: Math.round(this.revenue * 100) / 100,
      payments: this.payments,
    };
  }
}
