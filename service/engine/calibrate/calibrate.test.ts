import { describe, expect, it } from 'vitest';
import { createInsightsAccumulator } from '../../insights/index.ts';
import { gameRules, gameTaxonomy } from '../fixtures/game.ts';
import { compileModel } from '../model/compile.ts';
import { buildRoster } from '../model/roster.ts';
import { insightsConfigOf } from '../run/generate-run.ts';
import { simulateShard } from '../simulate/shard.ts';
import { parseDate, weekdayOf } from '../time/calendar.ts';
import { calibrate } from './index.ts';
import { expectedActivity, fitRetention } from './retention.ts';
import { pilotRetention } from './retention-pilot.ts';

describe('retention fitting', () => {
  it('solves day-1, half-life and floor factors so the expected curve meets D1/D7/D30', () => {
    const fitted = fitRetention(gameRules().segments, { d1: 0.35, d7: 0.15, d30: 0.06 });
    const r = expectedActivity(fitted, 30);
    expect(r[1]).toBeCloseTo(0.35, 3);
    expect(r[7]).toBeCloseTo(0.15, 3);
    expect(r[30]).toBeCloseTo(0.06, 3);
    // Segments keep their order: the whale segment stays more active than the casual one.
    expect(fitted[1]!.activity.day1).toBeGreaterThan(fitted[0]!.activity.day1);
  });
});

describe('calibration acceptance', () => {
  // Targets D1 35 %, D7 15 %, D30 6 %, DAU 5,000 over 45 days and a stated funnel step (25 %,
  // where the rules start from 30 %), measured the way the insights measure them. Plan-only
  // (records are not encoded): activity does not depend on encoding, since planning and property
  // values draw from separate per-user streams.
  it('lands within ±3 points of D1/D7/D30 and the stated funnel step, and ±5 % of DAU', async () => {
    const taxonomy = gameTaxonomy();
    taxonomy.funnels = [{ ...taxonomy.funnels[0]!, stepConversion: [null, 0.25] }];
    const base = gameRules();
    const input = { ...base, segments: base.segments.map((s) => ({ ...s, eventsPerSession: { kind: 'constant' as const, value: 0 } })), acquisition: { ...base.acquisition, historyDays: 60 } };
    const params = { startDate: '2026-01-01', days: 45, dau: 5000, seed: 42 };
    const targets = { dau: 5000, d1: 0.35, d7: 0.15, d30: 0.06, funnels: [{ funnel: 'purchase', stepConversion: [null, 0.25] }] };
    const { rules, plan } = await calibrate(taxonomy, input, { ...params, targets });
    const startMs = parseDate(params.startDate);
    const model = compileModel(taxonomy, rules, weekdayOf(startMs));
    const acc = createInsightsAccumulator(insightsConfigOf(taxonomy, rules, params, targets));
    await simulateShard({ model, seed: params.seed, startMs, days: params.days, roster: buildRoster(plan, params.days, model.acquisitionFactor), parts: 1, shard: 0, shards: 1, writer: null, faker: null, insights: acc.partial() });
    const insights = acc.finish();
    const achieved = Object.fromEntries(insights.targets.map((t) => [t.metric, t.achieved]));
    expect(Math.abs(achieved.d1! - 0.35)).toBeLessThan(0.03);
    expect(Math.abs(achieved.d7! - 0.15)).toBeLessThan(0.03);
    expect(Math.abs(achieved.d30! - 0.06)).toBeLessThan(0.03);
    expect(Math.abs(achieved.dau! / 5000 - 1)).toBeLessThan(0.05);
    expect(Math.abs(achieved['funnel:purchase:purchase']! - 0.25)).toBeLessThan(0.03);
    expect(insights.targets.map((t) => t.metric)).toContain('funnel:purchase:purchase');
    expect(insights.targets.every((t) => t.met)).toBe(true);
    // The first day already has the stated DAU: the existing base is there from the start.
    expect(Math.abs(insights.daily[0]!.dau / 5000 - 1)).toBeLessThan(0.1);
  }, 180_000);

  // A strong weekday profile and a two-week event that lifts activity: the age-only fit reads
  // wrong on this calendar, so calibration aims it by what a pilot of activity draws reads.
  it('aims retention at what the calendar makes of it', async () => {
    const taxonomy = gameTaxonomy();
    taxonomy.funnels = [];
    const base = gameRules({
      funnels: [],
      dayOfWeek: [1.4, 1.3, 1.2, 1.1, 1, 0.5, 0.4],
      timeline: [{ name: 'event', fromDay: 5, toDay: 14, activity: 1.5, acquisition: 1, events: [] }],
    });
    const input = { ...base, segments: base.segments.map((s) => ({ ...s, eventsPerSession: { kind: 'constant' as const, value: 0 } })) };
    const params = { startDate: '2026-01-01', days: 21, dau: 3000, seed: 4 };
    const targets = { dau: 3000, d1: 0.4, d7: 0.2, funnels: [] };
    const startMs = parseDate(params.startDate);
    const ageOnly = pilotRetention(compileModel(taxonomy, { ...input, segments: fitRetention(input.segments, targets) }, weekdayOf(startMs)), params.days, 1, 3000);
    expect(Math.abs(ageOnly.d7! - 0.2)).toBeGreaterThan(0.03);

    const { rules, plan } = await calibrate(taxonomy, input, { ...params, targets });
    const model = compileModel(taxonomy, rules, weekdayOf(startMs));
    // Many more new users than the run would have, so the reading is not sampling noise.
    const roster = buildRoster({ ...plan, historyPerDay: 0, newPerDay: 1500 }, params.days, model.acquisitionFactor);
    const acc = createInsightsAccumulator(insightsConfigOf(taxonomy, rules, params, targets));
    await simulateShard({ model, seed: params.seed, startMs, days: params.days, roster, parts: 1, shard: 0, shards: 1, writer: null, faker: null, insights: acc.partial() });
    const curve = acc.finish().retention.curve;
    expect(Math.abs(curve[0]! - 0.4)).toBeLessThan(0.015);
    expect(Math.abs(curve[6]! - 0.2)).toBeLessThan(0.015);
  }, 120_000);

  // Purchase is a payment: users it converts become payers, so the two targets are tuned
  // separately here (stated together they must agree with each other).
  async function tuned(targets: { dau: number; payerRate?: number; funnels: { funnel: string; stepConversion: (number | null)[] }[] }) {
    const taxonomy = gameTaxonomy();
    const rules = gameRules({ acquisition: { newUserShareOfDau: 0.2, trendPerDay: 0, historyDays: 10 } });
    const params = { startDate: '2026-01-01', days: 10, dau: 300, seed: 9 };
    const out = await calibrate(taxonomy, rules, { ...params, targets });
    const startMs = parseDate(params.startDate);
    const model = compileModel(taxonomy, out.rules, weekdayOf(startMs));
    const acc = createInsightsAccumulator(insightsConfigOf(taxonomy, rules, params, targets));
    await simulateShard({ model, seed: params.seed, startMs, days: params.days, roster: buildRoster(out.plan, params.days, model.acquisitionFactor), parts: 1, shard: 0, shards: 1, writer: null, faker: null, insights: acc.partial() });
    return acc.finish();
  }

  it('tunes the payer rate with pilot simulations', async () => {
    const insights = await tuned({ dau: 300, payerRate: 0.12, funnels: [] });
    // Held to ±10 % of itself, as the report checks it.
    expect(Math.abs(insights.monetization.payerRate - 0.12)).toBeLessThanOrEqual(0.012);
    expect(insights.targets.find((t) => t.metric === 'payerRate')).toMatchObject({ met: true, tolerance: { kind: 'relative', value: 0.1 } });
  }, 120_000);

  it('tunes a payment funnel step by its conversion and the payer share', async () => {
    const insights = await tuned({ dau: 300, funnels: [{ funnel: 'purchase', stepConversion: [null, 0.25] }] });
    const step = insights.funnels.find((f) => f.name === 'purchase')!.steps[1]!;
    expect(Math.abs(step.conversion! - 0.25)).toBeLessThanOrEqual(0.03);
  }, 120_000);

  it('says when the payment steps of a funnel make more payers than the payer-rate target allows', async () => {
    const taxonomy = gameTaxonomy();
    const rules = gameRules({ acquisition: { newUserShareOfDau: 0.2, trendPerDay: 0, historyDays: 10 } });
    const targets = { dau: 300, payerRate: 0.02, funnels: [{ funnel: 'purchase', stepConversion: [null, 0.9] }] };
    const { report } = await calibrate(taxonomy, rules, { startDate: '2026-01-01', days: 10, seed: 9, targets });
    const warning = report.warnings.find((w) => w.startsWith('payer rate: target 2.0 %'));
    expect(warning).toMatch(/the engine reaches about \d+\.\d %: the stated conversions of the payment steps in funnel "purchase" make that many users pay/);
    // The funnel's own target is met: the conflict is reported once, on the payer rate.
    expect(report.warnings.some((w) => w.startsWith('funnel "purchase"'))).toBe(false);
  }, 120_000);
});
