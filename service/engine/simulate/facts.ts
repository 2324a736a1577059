/**
 * Per-user facts for the insights, kept as one compact byte stream while the user lives and
 * expanded into `UserFacts` only when the user's simulated life is over. A run holds every user's
 * facts until its last day, so their size per user sets much of the engine's memory: one growable
 * byte array of variable-length integers (about 3 bytes per event) instead of an object per
 * session or a typed array per field (each of those costs a few hundred bytes of headers).
 *
 * Layout, per active day in order: day delta, weekday, event count, then per event its index and
 * the zigzag delta of its UTC second from the previous event; then session count, then per session
 * local hour, duration in seconds and event count.
 */
import type { SessionFact, UserFacts } from '../../insights/facts.ts';
import type { DayPlan } from './plan-day.ts';

export class FactsCollector {
  private data = new Uint8Array(48);
  private length = 0;
  private lastDay = 0;
  private lastSecond = 0;
  private eventCount = 0;
  private sessionCount = 0;
  private dayCount = 0;
  revenue = 0;
  payments = 0;

  /** `baseMs` is the UTC instant all event times are counted from (before any possible event). */
  constructor(private readonly baseMs: number) {}

  get activeDayCount(): number {
    return this.dayCount;
  }

  private put(v: number): void {
    // Room for the longest varint of a 32-bit value.
    if (this.length + 5 > this.data.length) {
      const next = new Uint8Array(this.data.length * 2);
      next.set(this.data.subarray(0, this.length));
      this.data = next;
    }
    const d = this.data;
    let p = this.length;
    while (v >= 0x80) {
      d[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    d[p++] = v;
    this.length = p;
  }

  /** Records a planned day as written: its track events and its sessions. */
  addDay(plan: DayPlan, weekday: number): void {
    this.put(plan.day - this.lastDay);
    this.lastDay = plan.day;
    this.dayCount++;
    this.put(weekday);
    const n = plan.events.length;
    this.put(n);
    this.eventCount += n;
    const off = plan.offsetMin * 60_000;
    for (let i = 0; i < n; i++) {
      this.put(plan.events[i]!);
      const sec = Math.floor((plan.times[i]! - off - this.baseMs) / 1000);
      const delta = sec - this.lastSecond;
      this.lastSecond = sec;
      this.put(delta >= 0 ? delta * 2 : -delta * 2 - 1);
    }
    const sessions = plan.sessionStart.length;
    this.put(sessions);
    this.sessionCount += sessions;
    // Events of a session are contiguous in the plan, in session order.
    let e = 0;
    for (let s = 0; s < sessions; s++) {
      let count = 0;
      while (e < n && plan.session[e] === s) {
        count++;
        e++;
      }
      this.put(Math.floor((plan.sessionStart[s]! - plan.dayLocalMs) / 3_600_000));
      this.put(Math.round((plan.sessionEnd[s]! - plan.sessionStart[s]!) / 1000));
      this.put(count);
    }
  }

  toFacts(base: { installDay: number; segment: string; country: string; platform: string }, eventNames: readonly string[]): UserFacts {
    const d = this.data;
    let p = 0;
    const get = (): number => {
      let v = 0;
      let shift = 0;
      for (;;) {
        const b = d[p++]!;
        v += (b & 0x7f) * 2 ** shift;
        if (b < 0x80) return v;
        shift += 7;
      }
    };
    const names: string[] = new Array(this.eventCount);
    const times: number[] = new Array(this.eventCount);
    const sessions: SessionFact[] = new Array(this.sessionCount);
    const activeDays: number[] = new Array(this.dayCount);
    let day = 0;
    let second = 0;
    let ei = 0;
    let si = 0;
    for (let k = 0; k < this.dayCount; k++) {
      day += get();
      activeDays[k] = day;
      const weekday = get();
      const n = get();
      for (let i = 0; i < n; i++, ei++) {
        names[ei] = eventNames[get()]!;
        const z = get();
        second += z % 2 === 0 ? z / 2 : -(z + 1) / 2;
        times[ei] = this.baseMs + second * 1000;
      }
      const count = get();
      for (let s = 0; s < count; s++, si++) {
        const localHour = get();
        const durationSec = get();
        sessions[si] = { day, localHour, localWeekday: weekday, durationSec, eventCount: get() };
      }
    }
    return {
      ...base,
      activeDays,
      sessions,
      eventNames: names,
      eventTimesMs: times,
      revenue: Math.round(this.revenue * 100) / 100,
      payments: this.payments,
    };
  }
}
