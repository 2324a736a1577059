/**
 * Simulates one shard of users day by day. Each day: plan every live user's day, then write the
 * planned events in time order by a k-way merge of the users' streams (a heap keyed by UTC time
 * and user index), never by sorting the day. Memory holds the live users and one day's plans.
 */
import type { InsightsPartial } from '../../insights/accumulator.ts';
import type { CompiledModel } from '../model/compile.ts';
import { createUser, type FakerDraw } from '../model/create-user.ts';
import { rosterSize, type Roster } from '../model/roster.ts';
import type { SimUser } from '../model/user-state.ts';
import type { ByteWriter } from '../output/byte-writer.ts';
import { DAY_MS, weekdayOf, ZoneDays } from '../time/calendar.ts';
import { emitNext } from './emit.ts';
import { ShardInsights } from './shard-insights.ts';
import { planDay, type DayPlan } from './plan-day.ts';

export interface ShardOptions {
  model: CompiledModel;
  seed: number;
  /** UTC ms of the first day's date (its local midnight read as UTC). */
  startMs: number;
  days: number;
  roster: Roster;
  shard: number;
  shards: number;
  /** Null: plan only (calibration pilots), nothing is encoded. */
  writer: ByteWriter | null;
  faker: FakerDraw | null;
  /** Fed with the shard's users as they are simulated (see ShardInsights). */
  insights?: InsightsPartial;
  /** Awaited after each written chunk and each day: back-pressure and cancellation live there. */
  pause?: () => Promise<void> | void;
  onDayDone?: (day: number) => Promise<void> | void;
}

/**
 * A binary min-heap of the day's plans by (next event's UTC ms, user index), kept in typed arrays
 * so the per-record sift compares numbers, not properties of objects scattered on the heap.
 */
class PlanHeap {
  private keys = new Float64Array(1024);
  private users = new Float64Array(1024);
  private slots = new Int32Array(1024);
  size = 0;

  constructor(private readonly plans: DayPlan[]) {}

  /** Builds the heap over `plans`, each keyed by its first event. */
  build(): void {
    const n = this.plans.length;
    if (n > this.keys.length) {
      const cap = Math.max(n, this.keys.length * 2);
      this.keys = new Float64Array(cap);
      this.users = new Float64Array(cap);
      this.slots = new Int32Array(cap);
    }
    for (let i = 0; i < n; i++) {
      const p = this.plans[i]!;
      this.keys[i] = p.times[0]! - p.offsetMin * 60_000;
      this.users[i] = p.user.index;
      this.slots[i] = i;
    }
    this.size = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  top(): DayPlan {
    return this.plans[this.slots[0]!]!;
  }

  /** The top plan moved on to its next event (`key` updated): restore the order. */
  updateTop(key: number): void {
    this.keys[0] = key;
    this.siftDown(0);
  }

  popTop(): void {
    const last = --this.size;
    if (last > 0) {
      this.keys[0] = this.keys[last]!;
      this.users[0] = this.users[last]!;
      this.slots[0] = this.slots[last]!;
      this.siftDown(0);
    }
  }

  private siftDown(i: number): void {
    const keys = this.keys;
    const users = this.users;
    const slots = this.slots;
    const n = this.size;
    const k = keys[i]!;
    const u = users[i]!;
    const s = slots[i]!;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && (keys[c + 1]! < keys[c]! || (keys[c + 1] === keys[c] && users[c + 1]! < users[c]!))) c++;
      const ck = keys[c]!;
      if (ck > k || (ck === k && users[c]! > u)) break;
      keys[i] = ck;
      users[i] = users[c]!;
      slots[i] = slots[c]!;
      i = c;
    }
    keys[i] = k;
    users[i] = u;
    slots[i] = s;
  }
}

/** Simulates the shard; returns how many of its users were active inside the range. */
export async function simulateShard(o: ShardOptions): Promise<{ activeUsers: number }> {
  const { model, roster, days } = o;
  const zones = model.countries.map((c) => new ZoneDays(c.zone, o.startMs, roster.firstDay, days - 1));
  const users: SimUser[] = [];
  const total = rosterSize(roster);
  const capacity = total > o.shard ? Math.floor((total - 1 - o.shard) / o.shards) + 1 : 0;
  const insights = o.insights ? new ShardInsights(model, o.insights, capacity) : null;
  let index = 0;
  for (let d = roster.firstDay; d < days; d++) {
    const count = roster.counts[d - roster.firstDay]!;
    for (let k = 0; k < count; k++, index++) {
      if (index % o.shards !== o.shard) continue;
      const u = createUser(model, o.seed, index, d, o.faker);
      u.slot = users.length;
      users.push(u);
    }
    // History was planned without writing: the identity it reached is where writing starts.
    if (d === 0) for (const u of users) u.emitRegistered = u.registered;
    const dayLocalMs = o.startMs + d * DAY_MS;
    const weekday = weekdayOf(dayLocalMs);
    const plans: DayPlan[] = [];
    for (const u of users) {
      const plan = planDay(model, u, d, dayLocalMs, zones[u.country]!.offset(d));
      if (!plan || d < 0) continue;
      insights?.addDay(u.slot, plan, weekday);
      plans.push(plan);
    }
    if (d < 0) continue;
    if (!o.writer) {
      await o.onDayDone?.(d);
      continue;
    }
    const heap = new PlanHeap(plans);
    heap.build();
    const w = o.writer;
    let flushes = w.flushes;
    while (heap.size > 0) {
      const top = heap.top();
      emitNext(model, top, w, insights);
      if (top.pos < top.times.length) heap.updateTop(top.times[top.pos]! - top.offsetMin * 60_000);
      else heap.popTop();
      if (w.flushes !== flushes) {
        flushes = w.flushes;
        await o.pause?.();
      }
    }
    w.setDay(d + 1);
    await o.onDayDone?.(d);
    await o.pause?.();
  }
  let activeUsers = 0;
  if (insights) {
    for (const u of users) if (insights.finishUser(u)) activeUsers++;
    insights.finishEvents();
  }
  return { activeUsers };
}
