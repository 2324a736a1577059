import { describe, expect, it } from 'vitest';
import { createInsightsAccumulator } from '../../insights/index.ts';
import { gameRules, gameTaxonomy } from '../fixtures/game.ts';
import { compileModel } from '../model/compile.ts';
import { buildRoster } from '../model/roster.ts';
import { insightsConfigOf } from '../run/generate-run.ts';
import { simulateShard } from '../simulate/shard.ts';
import { parseDate, weekdayOf } from '../time/calendar.ts';
import { calibrate, type CalibrationTargets } from './index.ts';
import { expectedDauMau } from './stickiness.ts';

const params = { startDate: '2026-01-01', days: 45, dau: 4000, seed: 5 };

function setup() {
  const taxonomy = gameTaxonomy();
  taxonomy.funnels = [];
  const base = gameRules();
  // A weekday profile and a week-long event in the measured days, so the expectation has to
  // follow the calendar as the run does.
  const rules = { ...base, dayOfWeek: [1, 1, 1, 1, 1.2, 1.6, 1.4], timeline: [{ name: 'comeback', fromDay: 33, toDay: 39, activity: 1.8, acquisition: 1, events: [] }], segments: base.segments.map((s) => ({ ...s, eventsPerSession: { kind: 'constant' as const, value: 0 } })) };
  return { taxonomy, rules };
}

describe('expected DAU/MAU', () => {
  it('is what a run reads: the mean over days with a full 30-day window of DAU over MAU', async () => {
    const { taxonomy, rules: input } = setup();
    const targets: CalibrationTargets = { dau: params.dau, d1: 0.4, d7: 0.2, d30: 0.1, funnels: [] };
    const { rules, plan, report } = await calibrate(taxonomy, input, { ...params, targets });
    const startMs = parseDate(params.startDate);
    const model = compileModel(taxonomy, rules, weekdayOf(startMs));
    const acc = createInsightsAccumulator(insightsConfigOf(taxonomy, rules, params, { ...targets, dauMau: 0.5 }));
    await simulateShard({ model, seed: params.seed, startMs, days: params.days, roster: buildRoster(plan, params.days, model.acquisitionFactor), parts: 1, shard: 0, shards: 1, writer: null, faker: null, insights: acc.partial() });
    const read = acc.finish().targets.find((t) => t.metric === 'dauMau')!.achieved!;
    const expected = expectedDauMau(rules.segments, plan, params.days, model)!;
    expect(report.expected.dauMau).toBeCloseTo(expected, 4);
    // The run's population is finite: its reading carries a little sampling noise.
    expect(Math.abs(read - expected)).toBeLessThan(0.005);
    // Not a constant: other activity gives other stickiness, and the run agrees again.
    const flat = rules.segments.map((s) => ({ ...s, activity: { ...s.activity, floor: s.activity.day1 } }));
    expect(Math.abs(expectedDauMau(flat, plan, params.days, model)! - expected)).toBeGreaterThan(0.1);
  }, 120_000);

  it('is not measurable in a range shorter than the 30-day window', () => {
    const { taxonomy, rules } = setup();
    const model = compileModel(taxonomy, rules, weekdayOf(parseDate(params.startDate)));
    expect(expectedDauMau(rules.segments, { historyPerDay: 100, newPerDay: 50, historyDays: 30, trendPerDay: 0 }, 29, model)).toBeNull();
  });
});

describe('stated DAU/MAU', () => {
  it('is checked against what the rules give, with a warning that says what to change', async () => {
    const { taxonomy, rules } = setup();
    const targets: CalibrationTargets = { dau: 2000, d1: 0.4, d7: 0.2, d30: 0.1, funnels: [] };
    const run = (dauMau?: number) => calibrate(taxonomy, rules, { ...params, targets: dauMau === undefined ? targets : { ...targets, dauMau } });
    const plain = await run();
    const expected = plain.report.expected.dauMau!;
    expect(plain.report.warnings.filter((w) => w.includes('DAU/MAU'))).toEqual([]);
    expect((await run(expected + 0.02)).report.warnings.filter((w) => w.includes('DAU/MAU'))).toEqual([]);
    const high = (await run(Math.min(0.95, expected + 0.2))).report.warnings.find((w) => w.includes('DAU/MAU'));
    expect(high).toContain(`about ${(expected * 100).toFixed(1)} %`);
    expect(high).toMatch(/raise the long-run activity \(floor\) of the engaged segments/);
    const low = (await run(Math.max(0.01, expected - 0.1))).report.warnings.find((w) => w.includes('DAU/MAU'));
    expect(low).toMatch(/lower the long-run activity \(floor\) of the engaged segments/);
    const short = await calibrate(taxonomy, rules, { ...params, days: 20, targets: { ...targets, dauMau: 0.9 } });
    expect(short.report.expected.dauMau).toBeNull();
    expect(short.report.warnings.filter((w) => w.includes('DAU/MAU'))).toEqual([]);
  }, 120_000);
});
