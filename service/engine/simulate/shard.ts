/**
 * Simulates one shard of users day by day. Each day: plan every live user's day, then write the
 * planned events in time order by a k-way merge of the users' streams (a heap keyed by UTC time
 * and user index), never by sorting the day. Memory holds the live users and one day's plans.
 */
import type { UserFacts } from '../../insights/facts.ts';
import type { CompiledModel } from '../model/compile.ts';
import { createUser, type FakerDraw } from '../model/create-user.ts';
import type { Roster } from '../model/roster.ts';
import type { SimUser } from '../model/user-state.ts';
import type { ByteWriter } from '../output/byte-writer.ts';
import { DAY_MS, weekdayOf, ZoneDays } from '../time/calendar.ts';
import { emitNext } from './emit.ts';
import { FactsArena, FactsCollector } from './facts.ts';
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
  onUser?: (facts: UserFacts) => void;
  /** Awaited after each written chunk and each day: back-pressure and cancellation live there. */
  pause?: () => Promise<void> | void;
  onDayDone?: (day: number) => Promise<void> | void;
}

function less(a: DayPlan, b: DayPlan): boolean {
  const ka = a.key;
  const kb = b.key;
  return ka < kb || (ka === kb && a.user.index < b.user.index);
}

function siftDown(heap: DayPlan[], i: number): void {
  const n = heap.length;
  const item = heap[i]!;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && less(heap[c + 1]!, heap[c]!)) c++;
    if (!less(heap[c]!, item)) break;
    heap[i] = heap[c]!;
    i = c;
  }
  heap[i] = item;
}

function recordFacts(model: CompiledModel, plan: DayPlan, facts: FactsCollector, weekday: number): void {
  facts.addDay(plan, weekday);
  for (let i = 0; i < plan.events.length; i++) if (model.events[plan.events[i]!]!.payment) facts.payments++;
}

export async function simulateShard(o: ShardOptions): Promise<void> {
  const { model, roster, days } = o;
  const zones = model.countries.map((c) => new ZoneDays(c.zone, o.startMs, roster.firstDay, days - 1));
  const users: SimUser[] = [];
  const factsBase = o.startMs - 2 * DAY_MS;
  const arena = new FactsArena();
  let index = 0;
  for (let d = roster.firstDay; d < days; d++) {
    const count = roster.counts[d - roster.firstDay]!;
    for (let k = 0; k < count; k++, index++) {
      if (index % o.shards !== o.shard) continue;
      const u = createUser(model, o.seed, index, d, o.faker);
      if (o.onUser) u.facts = new FactsCollector(factsBase, arena);
      users.push(u);
    }
    // History was planned without writing: the identity it reached is where writing starts.
    if (d === 0) for (const u of users) u.emitRegistered = u.registered;
    const dayLocalMs = o.startMs + d * DAY_MS;
    const weekday = weekdayOf(dayLocalMs);
    const heap: DayPlan[] = [];
    for (const u of users) {
      const plan = planDay(model, u, d, dayLocalMs, zones[u.country]!.offset(d));
      if (!plan || d < 0) continue;
      if (u.facts) recordFacts(model, plan, u.facts, weekday);
      plan.key = plan.times[0]! - plan.offsetMin * 60_000;
      heap.push(plan);
    }
    if (d < 0) continue;
    if (!o.writer) {
      await o.onDayDone?.(d);
      continue;
    }
    for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(heap, i);
    const w = o.writer;
    let flushes = w.flushes;
    while (heap.length > 0) {
      const top = heap[0]!;
      emitNext(model, top, w);
      if (top.pos < top.times.length) top.key = top.times[top.pos]! - top.offsetMin * 60_000;
      else {
        const last = heap.pop()!;
        if (heap.length > 0) {
          heap[0] = last;
          siftDown(heap, 0);
        }
        continue;
      }
      siftDown(heap, 0);
      if (w.flushes !== flushes) {
        flushes = w.flushes;
        await o.pause?.();
      }
    }
    w.setDay(d + 1);
    await o.onDayDone?.(d);
    await o.pause?.();
  }
  if (o.onUser) {
    for (const u of users) {
      if (!u.facts) continue;
      o.onUser(u.facts.toFacts({ installDay: u.installDay, segment: u.names.segment, country: u.names.country, platform: u.names.platform }, model.eventNames));
      u.facts = null;
    }
  }
}

