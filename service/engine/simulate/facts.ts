/**
 * Per-user facts for the insights, kept as one compact byte stream while the user lives and
 * expanded into `UserFacts` only when the user's simulated life is over. A run holds every user's
 * facts until its last day, so their size per user sets much of the engine's memory: variable-
 * length integers (about 3 bytes per event) in a chain of small blocks of a shard-wide arena,
 * instead of an object per session or a typed array per user (each of those costs a couple of
 * hundred bytes of headers, and a growable array wastes a third of itself on average).
 *
 * Layout, per active day in order: day delta, weekday, event count, then per event its index and
 * the zigzag delta of its UTC second from the previous event; then session count, then per session
 * local hour, duration in seconds and event count.
 */
import type { SessionFact, UserFacts } from '../../insights/facts.ts';
import type { DayPlan } from './plan-day.ts';

const BLOCK = 32;
/** Bytes of data per block; the last four hold the index of the next block. */
const BLOCK_DATA = BLOCK - 4;
const PAGE_BLOCKS = 1 << 15;

/** Fixed-size blocks in 1 MiB pages: growing never copies, and a block index fits a u32. */
export class FactsArena {
  private readonly pages: Uint8Array[] = [];
  private blocks = 0;

  allocate(): number {
    const id = this.blocks++;
    if ((id & (PAGE_BLOCKS - 1)) === 0) this.pages.push(new Uint8Array(PAGE_BLOCKS * BLOCK));
    return id;
  }

  page(id: number): Uint8Array {
    return this.pages[id >>> 15]!;
  }
}

export class FactsCollector {
  private head = -1;
  private tail = -1;
  /** Bytes used in the tail block. */
  private fill = BLOCK_DATA;
  private lastDay = 0;
  private lastSecond = 0;
  private eventCount = 0;
  private sessionCount = 0;
  private dayCount = 0;
  revenue = 0;
  payments = 0;

  /** `baseMs` is the UTC instant all event times are counted from (before any possible event). */
  constructor(
    private readonly baseMs: number,
    private readonly arena: FactsArena = new FactsArena(),
  ) {}

  get activeDayCount(): number {
    return this.dayCount;
  }

  private put(v: number): void {
    while (v >= 0x80) {
      this.putByte((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    this.putByte(v);
  }

  private putByte(b: number): void {
    if (this.fill === BLOCK_DATA) {
      const id = this.arena.allocate();
      if (this.tail >= 0) writeNext(this.arena.page(this.tail), ((this.tail & (PAGE_BLOCKS - 1)) * BLOCK) + BLOCK_DATA, id);
      else this.head = id;
      this.tail = id;
      this.fill = 0;
    }
    this.arena.page(this.tail)[(this.tail & (PAGE_BLOCKS - 1)) * BLOCK + this.fill++] = b;
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
    const arena = this.arena;
    let block = this.head;
    let page = block >= 0 ? arena.page(block) : new Uint8Array(0);
    let at = block >= 0 ? (block & (PAGE_BLOCKS - 1)) * BLOCK : 0;
    let used = 0;
    const byte = (): number => {
      if (used === BLOCK_DATA) {
        block = readNext(page, at + BLOCK_DATA);
        page = arena.page(block);
        at = (block & (PAGE_BLOCKS - 1)) * BLOCK;
        used = 0;
      }
      return page[at + used++]!;
    };
    const get = (): number => {
      let v = 0;
      let shift = 0;
      for (;;) {
        const b = byte();
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

function writeNext(page: Uint8Array, at: number, id: number): void {
  page[at] = id & 0xff;
  page[at + 1] = (id >>> 8) & 0xff;
  page[at + 2] = (id >>> 16) & 0xff;
  page[at + 3] = id >>> 24;
}

function readNext(page: Uint8Array, at: number): number {
  return (page[at]! | (page[at + 1]! << 8) | (page[at + 2]! << 16) | (page[at + 3]! << 24)) >>> 0;
}
