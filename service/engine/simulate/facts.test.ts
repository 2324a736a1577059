import { describe, expect, it } from 'vitest';
import type { SimUser } from '../model/user-state.ts';
import { Rng } from '../random/prng.ts';
import { FactsArena, FactsCollector } from './facts.ts';
import type { DayPlan } from './plan-day.ts';

const DAY = 86_400_000;
const BASE = Date.UTC(2025, 11, 30);

/** A random day plan: sessions in order, each with a few events at increasing local times. */
function randomPlan(rng: Rng, day: number, offsetMin: number): DayPlan {
  const dayLocalMs = BASE + (day + 2) * DAY;
  const plan: DayPlan = { user: {} as SimUser, day, dayLocalMs, offsetMin, times: [], events: [], session: [], sessionStart: [], sessionEnd: [], pos: 0, key: 0 };
  let t = rng.int(3_600_000);
  const sessions = 1 + rng.int(4);
  for (let s = 0; s < sessions; s++) {
    const start = t;
    const n = 1 + rng.int(6);
    for (let i = 0; i < n; i++) {
      t += 1 + rng.int(600_000);
      plan.times.push(dayLocalMs + t);
      plan.events.push(rng.int(300));
      plan.session.push(s);
    }
    plan.sessionStart.push(dayLocalMs + start);
    plan.sessionEnd.push(dayLocalMs + t + rng.int(100_000));
    t += 1 + rng.int(7_200_000);
  }
  return plan;
}

describe('FactsCollector', () => {
  it('gives back exactly the days, events and sessions it was fed', () => {
    const rng = new Rng(7);
    const names = Array.from({ length: 300 }, (_, i) => `e${i}`);
    // Two users sharing one arena, fed in turns, so their block chains interleave.
    const arena = new FactsArena();
    const facts = new FactsCollector(BASE, arena);
    const other = new FactsCollector(BASE, arena);
    const expected = { activeDays: [] as number[], eventNames: [] as string[], eventTimesMs: [] as number[], sessions: [] as unknown[] };
    let day = 0;
    for (let k = 0; k < 40; k++) {
      day += rng.int(3);
      if (k > 0 && day === expected.activeDays.at(-1)) day++;
      // Offsets that change between days (DST, travel) may put a day's first event before the last one's.
      const offsetMin = [-300, 0, 60, 120, 540][rng.int(5)]!;
      const plan = randomPlan(rng, day, offsetMin);
      const weekday = day % 7;
      facts.addDay(plan, weekday);
      other.addDay(randomPlan(rng, day, offsetMin), weekday);
      expected.activeDays.push(day);
      for (let i = 0; i < plan.events.length; i++) {
        expected.eventNames.push(names[plan.events[i]!]!);
        expected.eventTimesMs.push(BASE + Math.floor((plan.times[i]! - offsetMin * 60_000 - BASE) / 1000) * 1000);
      }
      for (let s = 0; s < plan.sessionStart.length; s++) {
        expected.sessions.push({
          day,
          localHour: Math.floor((plan.sessionStart[s]! - plan.dayLocalMs) / 3_600_000),
          localWeekday: weekday,
          durationSec: Math.round((plan.sessionEnd[s]! - plan.sessionStart[s]!) / 1000),
          eventCount: plan.session.filter((x) => x === s).length,
        });
      }
    }
    facts.revenue = 12.345;
    facts.payments = 3;
    const out = facts.toFacts({ installDay: -4, segment: 'core', country: 'US', platform: 'ios' }, names);
    expect(out).toEqual({ installDay: -4, segment: 'core', country: 'US', platform: 'ios', ...expected, revenue: 12.35, payments: 3 });
    expect(facts.activeDayCount).toBe(40);
    expect(other.toFacts({ installDay: 0, segment: 's', country: 'KR', platform: 'ios' }, names).activeDays).toEqual(expected.activeDays);
  });
});
