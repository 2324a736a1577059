/**
 * Simulates one worker's shard of users day by day. The shard is a set of parts (see roster.ts);
 * each day, part by part: plan every live user's day, then write the planned events in time order
 * by a k-way merge of the users' streams (a heap keyed by UTC time and user index), never by
 * sorting. Memory holds the live users and one part-day's plans.
 */
import type { InsightsPartial } from '../../insights/accumulator.ts';
import type { CompiledModel } from '../model/compile.ts';
import { createUser, type FakerDraw } from '../model/create-user.ts';
import { partOf, partsOfShard, shardSize, type Roster } from '../model/roster.ts';
import type { SimUser } from '../model/user-state.ts';
import type { ByteWriter } from '../output/byte-writer.ts';
import { DAY_MS, weekdayOf, ZoneDays } from '../time/calendar.ts';
import { emitNext } from './emit.ts';
import { FunnelFates } from './funnel-fates.ts';
import { ShardInsights } from './shard-insights.ts';
import { DayArena } from './day-arena.ts';
import { planDay, type DayPlan } from './plan-day.ts';

export interface ShardOptions {
  model: CompiledModel;
  seed: number;
  /** UTC ms of the first day's date (its local midnight read as UTC). */
  startMs: number;
  days: number;
  roster: Roster;
  /** How many parts users are split into (1 when nothing is written: the order is moot). */
  parts: number;
  shard: number;
  shards: number;
  /** Null: plan only (calibration pilots), nothing is encoded. */
  writer: ByteWriter | null;
  faker: FakerDraw | null;
  /** Fed with the shard's users as they are simulated (see ShardInsights). */
  insights?: InsightsPartial;
  /** Awaited after each written chunk and each part: back-pressure and cancellation live there. */
  pause?: () => Promise<void> | void;
  /** After a part's last chunk of a day has been handed to the writer's consumer. */
  onPartDone?: (day: number, part: number) => Promise<void> | void;
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
  private plans: DayPlan[] = [];
  size = 0;

  /** Takes the day's plans, each keyed by its first event; the arrays are kept for the next day. */
  build(plans: DayPlan[]): void {
    const n = plans.length;
    if (n > this.keys.length) {
      const cap = Math.max(n, this.keys.length * 2);
      this.keys = new Float64Array(cap);
      this.users = new Float64Array(cap);
      this.slots = new Int32Array(cap);
    }
    this.plans = plans;
    for (let i = 0; i < n; i++) {
      const p = plans[i]!;
      this.keys[i] = utcOf(p, 0);
      this.users[i] = p.user.index;
      this.slots[i] = i;
    }
    this.size = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  top(): DayPlan {
    return this.plans[this.slots[0]!]!;
  }

  /** The top plan has written its next event: re-key it by the one after, or drop it when done. */
  advance(): void {
    const top = this.top();
    if (top.pos < top.count) {
      this.keys[0] = utcOf(top, top.pos);
      this.siftDown(0);
      return;
    }
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

/** UTC ms of a plan's i-th event. */
function utcOf(plan: DayPlan, i: number): number {
  return plan.arena.times[plan.first + i]! - plan.offsetMin * 60_000;
}

/** Simulates the shard; returns how many of its users were active inside the range. */
export async function simulateShard(o: ShardOptions): Promise<{ activeUsers: number }> {
  const { model, roster, days, parts } = o;
  const zones = model.countries.map((c) => new ZoneDays(c.zone, o.startMs, roster.firstDay, days - 1));
  const own = partsOfShard(parts, o.shard, o.shards);
  // Each owned part's users, in index order; -1: a part another worker owns.
  const localOf = new Int32Array(parts).fill(-1);
  own.forEach((p, k) => (localOf[p] = k));
  const partUsers: SimUser[][] = own.map(() => []);
  const users: SimUser[] = [];
  const capacity = shardSize(roster, parts, o.shard, o.shards);
  const insights = o.insights ? new ShardInsights(model, o.insights, capacity) : null;
  const fates = model.funnels.length > 0 ? new FunnelFates(model, capacity) : null;
  const heap = new PlanHeap();
  const arena = new DayArena();
  const plans: DayPlan[] = [];
  let index = 0;
  for (let d = roster.firstDay; d < days; d++) {
    const count = roster.counts[d - roster.firstDay]!;
    for (let k = 0; k < count; k++, index++) {
      const local = localOf[partOf(index, parts)]!;
      if (local < 0) continue;
      const u = createUser(model, o.seed, index, d, o.faker);
      u.slot = users.length;
      users.push(u);
      partUsers[local]!.push(u);
    }
    // History was planned without writing: the identity it reached is where writing starts.
    if (d === 0) {
      for (const u of users) u.emitRegistered = u.registered;
      fates?.reset();
    }
    const dayLocalMs = o.startMs + d * DAY_MS;
    const weekday = weekdayOf(dayLocalMs);
    for (let k = 0; k < own.length; k++) {
      // The previous part's plans have all been written (or, before the range, were never kept).
      arena.reset();
      plans.length = 0;
      for (const u of partUsers[k]!) {
        const plan = planDay(model, arena, u, d, dayLocalMs, zones[u.country]!.offset(d), fates);
        if (!plan || d < 0) continue;
        insights?.addDay(u.slot, plan, weekday);
        plans.push(plan);
      }
      if (d < 0 || !o.writer) continue;
      heap.build(plans);
      const w = o.writer;
      w.setPart(d, own[k]!);
      let flushes = w.flushes;
      while (heap.size > 0) {
        emitNext(model, heap.top(), w, insights);
        heap.advance();
        if (w.flushes !== flushes) {
          flushes = w.flushes;
          await o.pause?.();
        }
      }
      w.flush();
      await o.onPartDone?.(d, own[k]!);
      await o.pause?.();
    }
    if (d >= 0) await o.onDayDone?.(d);
  }
  let activeUsers = 0;
  if (insights) {
    for (const u of users) if (insights.finishUser(u)) activeUsers++;
    insights.finishEvents();
  }
  return { activeUsers };
}
