import { describe, expect, it } from 'vitest';
import { addUser, createPartial } from '../../insights/accumulator.ts';
import type { SessionFact, UserFacts } from '../../insights/facts.ts';
import type { InsightsConfig } from '../../insights/types.ts';
import type { CompiledModel } from '../model/compile.ts';
import type { SimUser } from '../model/user-state.ts';
import { Rng } from '../random/prng.ts';
import { DayArena } from './day-arena.ts';
import type { DayPlan } from './plan-day.ts';
import { ShardInsights } from './shard-insights.ts';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);
const DAYS = 40;
const EVENTS = 10;
const PAYMENT = 9;

/** Only what ShardInsights reads from a model: event names and which one is a payment. */
const model = {
  eventNames: Array.from({ length: EVENTS }, (_, i) => `e${i}`),
  eventIndex: new Map(Array.from({ length: EVENTS }, (_, i) => [`e${i}`, i])),
  events: Array.from({ length: EVENTS }, (_, i) => ({ payment: i === PAYMENT })),
} as unknown as CompiledModel;

const config: InsightsConfig = {
  startDate: '2026-01-01',
  days: DAYS,
  funnels: [
    { name: 'short', steps: ['e1', 'e2', 'e3'], windowHours: 1, stepTargets: [null, null, null], newUsers: false },
    // A repeated step and a step the model does not have.
    { name: 'repeat', steps: ['e4', 'e4', 'e5', 'missing'], windowHours: 24, stepTargets: [null, null, null, null], newUsers: true },
  ],
  targets: { dau: 10 },
};

/** A random day plan: sessions in order, each with a few events at increasing local times. */
function randomPlan(rng: Rng, day: number, offsetMin: number): DayPlan {
  const dayLocalMs = START + day * DAY;
  // Other users' plans come first in a day's arena: the plan must be read at its own offsets.
  const arena = new DayArena();
  for (let i = rng.int(50); i > 0; i--) arena.addEvent(dayLocalMs + rng.int(DAY), rng.int(EVENTS), 0);
  for (let i = rng.int(10); i > 0; i--) arena.addSession(dayLocalMs, dayLocalMs + rng.int(DAY));
  const plan: DayPlan = { user: {} as SimUser, day, dayLocalMs, offsetMin, arena, first: arena.count, count: 0, firstSession: arena.sessions, sessions: 0, pos: 0, heads: null, identityRegistered: false, presets: null };
  let t = rng.int(3_600_000);
  const sessions = 1 + rng.int(4);
  for (let s = 0; s < sessions; s++) {
    const start = t;
    const n = 1 + rng.int(8);
    for (let i = 0; i < n; i++) {
      t += 1 + rng.int(900_000);
      arena.addEvent(dayLocalMs + t, rng.int(EVENTS), s);
      plan.count++;
    }
    arena.addSession(dayLocalMs + start, dayLocalMs + t + rng.int(100_000));
    plan.sessions++;
    t += 1 + rng.int(3_600_000);
  }
  return plan;
}

describe('ShardInsights', () => {
  it('adds up, day by day, to exactly what whole users added at once would give', () => {
    const rng = new Rng(5);
    const users = 60;
    const streamed = createPartial(config);
    const shard = new ShardInsights(model, streamed, users);
    const whole = createPartial(config);
    for (let slot = 0; slot < users; slot++) {
      const user = { slot, installDay: rng.int(DAYS + 6) - 6, names: { segment: `s${slot % 3}`, country: 'KR', platform: slot % 2 ? 'ios' : 'android' } } as SimUser;
      const facts: UserFacts = { installDay: user.installDay, segment: user.names.segment, country: 'KR', platform: user.names.platform, activeDays: [], sessions: [], eventNames: [], eventTimesMs: [], revenue: 0, payments: 0 };
      // Some users are never active inside the range.
      for (let day = Math.max(0, user.installDay); day < DAYS && slot % 7 !== 0; day += 1 + rng.int(4)) {
        const offsetMin = [-300, 0, 540][rng.int(3)]!;
        const weekday = day % 7;
        const plan = randomPlan(rng, day, offsetMin);
        shard.addDay(slot, plan, weekday);
        facts.activeDays.push(day);
        const a = plan.arena;
        const events = [...a.events.subarray(plan.first, plan.first + plan.count)];
        const times = [...a.times.subarray(plan.first, plan.first + plan.count)];
        const sessionOf = [...a.session.subarray(plan.first, plan.first + plan.count)];
        events.forEach((ev, i) => {
          facts.eventNames.push(`e${ev}`);
          facts.eventTimesMs.push(Math.floor((times[i]! - offsetMin * 60_000) / 1000) * 1000);
          if (ev === PAYMENT) {
            facts.payments++;
            const amount = 0.99 + rng.int(5000) / 100;
            shard.addRevenue(slot, amount);
            facts.revenue += amount;
          }
        });
        const ends = [...a.sessionEnd.subarray(plan.firstSession, plan.firstSession + plan.sessions)];
        [...a.sessionStart.subarray(plan.firstSession, plan.firstSession + plan.sessions)].forEach((start, s) => {
          const session: SessionFact = { day, localHour: Math.floor((start - plan.dayLocalMs) / 3_600_000), localWeekday: weekday, durationSec: Math.round((ends[s]! - start) / 1000), eventCount: sessionOf.filter((x) => x === s).length };
          facts.sessions.push(session);
        });
      }
      facts.revenue = Math.round(facts.revenue * 100) / 100;
      expect(shard.finishUser(user)).toBe(facts.activeDays.length > 0);
      addUser(whole, facts);
    }
    shard.finishEvents();
    expect(streamed.events).toBeGreaterThan(1000);
    expect(streamed.funnelReached[0]![2]).toBeGreaterThan(0);
    expect(streamed.funnelReached[1]![2]).toBeGreaterThan(0);
    expect(streamed).toEqual(whole);
  });
});
