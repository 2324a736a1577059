import fc from 'fast-check';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UserFacts } from './facts.ts';
import { createInsightsAccumulator, writeInsightsReport, type InsightsConfig } from './index.ts';

const DAYS = 40;
const config: InsightsConfig = {
  startDate: '2026-01-01',
  days: DAYS,
  funnels: [{ name: 'buy', steps: ['view', 'cart', 'pay'], windowHours: 24, stepTargets: [null, 0.5, 0.5], newUsers: false }],
  targets: { dau: 3, d1: 0.5, payerRate: 0.3 },
};

function user(installDay: number, activeDays: number[], extra: Partial<UserFacts> = {}): UserFacts {
  const eventNames: string[] = [];
  const eventTimesMs: number[] = [];
  for (const d of activeDays) {
    eventNames.push('view');
    eventTimesMs.push(d * 86_400_000);
  }
  return {
    installDay,
    segment: 'casual',
    country: 'KR',
    platform: 'ios',
    activeDays,
    sessions: activeDays.map((day) => ({ day, localHour: 20, localWeekday: day % 7, durationSec: 300, eventCount: 1 })),
    eventNames,
    eventTimesMs,
    revenue: 0,
    payments: 0,
    ...extra,
  };
}

const userArb = fc
  .record({
    installDay: fc.integer({ min: -20, max: DAYS - 1 }),
    days: fc.uniqueArray(fc.integer({ min: 0, max: DAYS - 1 }), { maxLength: 12 }),
    revenue: fc.oneof(fc.constant(0), fc.double({ min: 0.99, max: 500, noNaN: true })),
    country: fc.constantFrom('KR', 'JP', 'US'),
    funnelSteps: fc.array(fc.constantFrom('view', 'cart', 'pay', 'other'), { maxLength: 6 }),
  })
  .map(({ installDay, days, revenue, country, funnelSteps }) => {
    const active = days.filter((d) => d >= Math.max(0, installDay)).sort((a, b) => a - b);
    if (installDay >= 0 && !active.includes(installDay)) active.unshift(installDay);
    const base = user(installDay, active, { revenue, payments: revenue > 0 ? 1 : 0, country });
    const t0 = (active[0] ?? 0) * 86_400_000;
    return {
      ...base,
      eventNames: [...base.eventNames, ...funnelSteps],
      eventTimesMs: [...base.eventTimesMs.map((t) => Math.min(t, t0)), ...funnelSteps.map((_, i) => t0 + i * 60_000)],
    };
  });

describe('insights accumulator', () => {
  it('counts DAU, WAU, MAU and new users like a brute-force count', () => {
    fc.assert(
      fc.property(fc.array(userArb, { maxLength: 40 }), (users) => {
        const acc = createInsightsAccumulator(config);
        users.forEach((u) => acc.addUser(u));
        const ins = acc.finish();
        for (let d = 0; d < DAYS; d++) {
          const active = (u: UserFacts, from: number) => u.activeDays.some((a) => a >= from && a <= d);
          expect(ins.daily[d]!.dau).toBe(users.filter((u) => u.activeDays.includes(d)).length);
          expect(ins.daily[d]!.wau).toBe(users.filter((u) => active(u, d - 6)).length);
          expect(ins.daily[d]!.mau).toBe(users.filter((u) => active(u, d - 29)).length);
          expect(ins.daily[d]!.newUsers).toBe(users.filter((u) => u.installDay === d && u.activeDays.length > 0).length);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same insights however users are split across workers and merged', () => {
    fc.assert(
      fc.property(fc.array(userArb, { maxLength: 40 }), fc.integer({ min: 2, max: 4 }), (users, shards) => {
        const whole = createInsightsAccumulator(config);
        users.forEach((u) => whole.addUser(u));
        const parts = Array.from({ length: shards }, () => createInsightsAccumulator(config));
        users.forEach((u, i) => parts[i % shards]!.addUser(u));
        const merged = createInsightsAccumulator(config);
        for (const p of parts.reverse()) merged.merge(structuredClone(p.partial()));
        expect(JSON.stringify(merged.finish())).toBe(JSON.stringify(whole.finish()));
      }),
      { numRuns: 60 },
    );
  });

  it('computes retention per cohort and pooled, only over days inside the range', () => {
    const acc = createInsightsAccumulator(config);
    acc.addUser(user(0, [0, 1, 7]));
    acc.addUser(user(0, [0]));
    acc.addUser(user(DAYS - 1, [DAYS - 1])); // no D1 possible inside the range: not in the denominator
    acc.addUser(user(-5, [0, 1])); // existing user: DAU yes, cohorts no
    const ins = acc.finish();
    expect(ins.retention.cohorts[0]!.size).toBe(2);
    expect(ins.retention.cohorts[0]!.retained[0]).toBe(0.5);
    expect(ins.retention.cohorts[0]!.retained[6]).toBe(0.5);
    expect(ins.retention.curve[0]).toBe(0.5);
    expect(ins.retention.cohorts[DAYS - 1]!.retained[0]).toBeNull();
    expect(ins.daily[1]!.dau).toBe(2);
    expect(ins.totals.newUsers).toBe(3);
  });

  it('reports funnel conversion, payer rate and achieved vs target', () => {
    const acc = createInsightsAccumulator(config);
    const step = (names: string[]) => ({ eventNames: names, eventTimesMs: names.map((_, i) => i * 1000) });
    acc.addUser(user(0, [0], { ...step(['view', 'cart', 'pay']), revenue: 10, payments: 1 }));
    acc.addUser(user(0, [0], step(['view', 'cart'])));
    acc.addUser(user(0, [0], step(['view'])));
    acc.addUser(user(0, [0], step(['view'])));
    const ins = acc.finish();
    const f = ins.funnels[0]!;
    expect(f.steps.map((s) => s.users)).toEqual([4, 2, 1]);
    expect(f.steps.map((s) => s.conversion)).toEqual([null, 0.5, 0.5]);
    expect(ins.monetization.payerRate).toBe(0.25);
    const byMetric = Object.fromEntries(ins.targets.map((t) => [t.metric, t]));
    expect(byMetric['funnel:buy:cart']!.met).toBe(true);
    // A step's conversion is a share of the users who reached the step before it.
    expect(byMetric['funnel:buy:cart']!.sample).toBe(4);
    expect(byMetric['funnel:buy:pay']!.sample).toBe(2);
    expect(byMetric['payerRate']!.met).toBe(false);
    expect(byMetric['payerRate']!.sample).toBe(4);
    expect(byMetric['dau']!.sample).toBeNull();
    expect(byMetric['dau']!.achieved).toBeCloseTo(0.1, 5);
    expect(byMetric['dau']!.met).toBe(false);
  });

  it('reads an onboarding funnel among the users new in the range only', () => {
    const acc = createInsightsAccumulator({ ...config, funnels: [{ ...config.funnels[0]!, newUsers: true }] });
    const step = (names: string[]) => ({ eventNames: names, eventTimesMs: names.map((_, i) => i * 1000) });
    acc.addUser(user(0, [0], step(['view', 'cart', 'pay'])));
    acc.addUser(user(2, [2], step(['view', 'cart'])));
    // Installed before the range: finished onboarding long ago, not counted as dropping off.
    acc.addUser(user(-5, [0], step(['view'])));
    acc.addUser(user(-1, [1], step(['view', 'cart'])));
    const f = acc.finish().funnels[0]!;
    expect(f.newUsers).toBe(true);
    expect(f.steps.map((s) => s.users)).toEqual([2, 2, 1]);
  });

  it('marks a target the range cannot show as not measured rather than missed', () => {
    const acc = createInsightsAccumulator({ ...config, days: 10, targets: { d30: 0.1, d1: 0.5, dauMau: 0.2 } });
    acc.addUser(user(0, [0, 1]));
    const byMetric = Object.fromEntries(acc.finish().targets.map((t) => [t.metric, t]));
    expect(byMetric['d30']).toMatchObject({ achieved: null, measured: false, met: false });
    // Ten days hold no full 30-day MAU window.
    expect(byMetric['dauMau']).toMatchObject({ achieved: null, measured: false, met: false });
    expect(byMetric['d1']).toMatchObject({ achieved: 1, measured: true, met: false });
  });

  it('tells a miss that sampling explains from a real one, by how many users the share is read from', () => {
    // D1 read as 44 % against 50 %: from 100 new users that is noise, from 10,000 it is a miss.
    const read = (users: number) => {
      const acc = createInsightsAccumulator({ ...config, days: 10, funnels: [], targets: { d1: 0.5 } });
      for (let i = 0; i < users; i++) acc.addUser(user(0, i < users * 0.44 ? [0, 1] : [0]));
      return acc.finish().targets.find((t) => t.metric === 'd1')!;
    };
    expect(read(100)).toMatchObject({ achieved: 0.44, met: false, measured: true, sample: 100, noise: true });
    expect(read(10_000)).toMatchObject({ achieved: 0.44, met: false, measured: true, sample: 10_000, noise: false });
    // A reading inside the tolerance is met, never noise.
    const acc = createInsightsAccumulator({ ...config, days: 10, funnels: [], targets: { d1: 0.45 } });
    for (let i = 0; i < 100; i++) acc.addUser(user(0, i < 44 ? [0, 1] : [0]));
    expect(acc.finish().targets[0]).toMatchObject({ met: true, noise: false });
  });

  it('reads DAU/MAU over the days with a full 30-day window behind them', () => {
    const acc = createInsightsAccumulator({ ...config, days: 31, targets: { dauMau: 0.5 } });
    // Days 29 and 30 have full windows; each holds both users, one of them active that day.
    acc.addUser(user(0, [0, 29, 30]));
    acc.addUser(user(0, [2]));
    const dauMau = acc.finish().targets.find((t) => t.metric === 'dauMau')!;
    expect(dauMau).toMatchObject({ achieved: 0.5, measured: true, met: true });
  });

  it('writes insights.json and a self-contained report.html that escapes names', async () => {
    const acc = createInsightsAccumulator({ ...config, funnels: [{ name: '<script>x</script>', steps: ['view'], windowHours: 1, stepTargets: [null], newUsers: false }] });
    acc.addUser(user(0, [0, 1]));
    const dir = await mkdtemp(join(tmpdir(), 'insights-'));
    await writeInsightsReport(dir, acc.finish(), 'Test & run');
    const json = JSON.parse(await readFile(join(dir, 'insights.json'), 'utf8'));
    expect(json.daily[0].dau).toBe(1);
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Test &amp; run');
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/<script|https?:\/\//);
  });
});
