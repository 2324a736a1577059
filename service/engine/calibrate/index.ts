/**
 * Calibration: turn stated targets into rates. Retention and DAU are solved exactly from the
 * activity model; funnel step conversion and payer rate depend on gates and session structure,
 * so they are tuned with short plan-only pilot simulations (no records encoded) and adjusted.
 */
import type { Taxonomy } from '../../../taxonomy/model.ts';
import { createPartial, type InsightsPartial } from '../../insights/accumulator.ts';
import { compileModel } from '../model/compile.ts';
import { buildRoster, type PopulationPlan } from '../model/roster.ts';
import type { Rules } from '../rules/schema.ts';
import { simulateShard } from '../simulate/shard.ts';
import { parseDate, weekdayOf } from '../time/calendar.ts';
import { planPopulation } from './population.ts';
import { expectedActivity, fitRetention } from './retention.ts';

export interface CalibrationTargets {
  dau: number;
  d1?: number;
  d7?: number;
  d30?: number;
  payerRate?: number;
  funnels: { funnel: string; stepConversion: (number | null)[] }[];
}

export interface CalibrationReport {
  population: PopulationPlan;
  expected: { dau: number; d1: number; d7: number; d30: number };
  pilot: { users: number; iterations: number; payerRate: number | null; funnels: { funnel: string; stepConversion: (number | null)[] }[] };
  /** Targets the tuned rules still miss, each with the reason when the taxonomy makes it unreachable. */
  warnings: string[];
}

const PILOT_USERS = 3000;
const PILOT_ROUNDS = 5;

export async function calibrate(taxonomy: Taxonomy, input: Rules, o: { startDate: string; days: number; seed: number; targets: CalibrationTargets }): Promise<{ rules: Rules; plan: PopulationPlan; report: CalibrationReport }> {
  const t = o.targets;
  let rules: Rules = { ...input, segments: fitRetention(input.segments, t) };
  const startMs = parseDate(o.startDate);
  const weekday = weekdayOf(startMs);
  const { plan, expectedDau } = planPopulation(rules, o.days, t.dau, compileModel(taxonomy, rules, weekday).acquisitionFactor);

  const funnelTargets = t.funnels.filter((f) => rules.funnels.some((r) => r.funnel === f.funnel) && f.stepConversion.some((x) => x !== null));
  let iterations = 0;
  let pilotUsers = 0;
  let payerAchieved: number | null = null;
  let funnelAchieved: { funnel: string; stepConversion: (number | null)[] }[] = [];
  if (t.payerRate !== undefined || funnelTargets.length > 0) {
    const total = (plan.historyPerDay * plan.historyDays + plan.newPerDay * o.days) || 1;
    const scale = Math.min(1, PILOT_USERS / total);
    const pilotPlan = { ...plan, historyPerDay: plan.historyPerDay * scale, newPerDay: plan.newPerDay * scale };
    const inputWeights = new Map(input.events.map((e) => [e.event, e.weight]));
    // The last round only measures, so the report describes the rules actually used.
    for (let round = 0; round <= PILOT_ROUNDS; round++) {
      iterations++;
      const insights = await pilot(taxonomy, rules, pilotPlan, o, startMs, weekday, funnelTargets);
      pilotUsers = insights.activeUsers;
      const measured = measure(insights, funnelTargets);
      payerAchieved = measured.payerRate;
      funnelAchieved = measured.funnels;
      if (round < PILOT_ROUNDS) rules = adjust(inputWeights, rules, t.payerRate, measured, funnelTargets);
    }
  }
  const warnings = funnelWarnings(rules, funnelTargets, funnelAchieved);
  const r = expectedActivity(rules.segments, 30);
  const meanDau = expectedDau.reduce((s, x) => s + x, 0) / Math.max(1, expectedDau.length);
  return {
    rules,
    plan,
    report: {
      population: plan,
      expected: { dau: round(meanDau, 1), d1: round(r[1]!, 4), d7: round(r[7]!, 4), d30: round(r[30]!, 4) },
      pilot: { users: pilotUsers, iterations, payerRate: payerAchieved, funnels: funnelAchieved },
      warnings,
    },
  };
}

function round(v: number, d: number): number {
  const f = 10 ** d;
  return Math.round(v * f) / f;
}

/** A pilot simulation (no records written) measured by the same insights a run reports. */
async function pilot(
  taxonomy: Taxonomy,
  rules: Rules,
  plan: PopulationPlan,
  o: { startDate: string; days: number; seed: number },
  startMs: number,
  weekday: number,
  targets: CalibrationTargets['funnels'],
): Promise<InsightsPartial> {
  const model = compileModel(taxonomy, rules, weekday);
  const funnels = targets.map((target) => {
    const rule = rules.funnels.find((f) => f.funnel === target.funnel)!;
    return { name: rule.funnel, steps: rule.steps, windowHours: rule.windowHours, stepTargets: rule.steps.map(() => null) };
  });
  const insights = createPartial({ startDate: o.startDate, days: o.days, funnels, targets: { dau: 0 } });
  await simulateShard({
    model,
    seed: o.seed ^ 0x5eed,
    startMs,
    days: o.days,
    roster: buildRoster(plan, o.days, model.acquisitionFactor),
    shard: 0,
    shards: 1,
    writer: null,
    faker: null,
    insights,
  });
  return insights;
}

interface Measured {
  payerRate: number | null;
  funnels: { funnel: string; stepConversion: (number | null)[] }[];
}

/** Payer rate among active users and step conversions of the targeted funnels (in `targets` order). */
function measure(p: InsightsPartial, targets: CalibrationTargets['funnels']): Measured {
  const funnels = targets.map((target, i) => {
    const reached = p.funnelReached[i]!;
    return { funnel: target.funnel, stepConversion: reached.map((n, k) => (k === 0 ? null : reached[k - 1]! > 0 ? n / reached[k - 1]! : null)) };
  });
  return { payerRate: p.activeUsers > 0 ? p.payerRevenue.length / p.activeUsers : null, funnels };
}

function adjust(input: ReadonlyMap<string, number>, rules: Rules, payerTarget: number | undefined, m: Measured, targets: CalibrationTargets['funnels']): Rules {
  let segments = rules.segments;
  // A payment step converts only payers: without a payer-rate target, share the correction
  // between the step's conversion and the payer shares.
  const paymentEvents = new Set(rules.events.filter((e) => e.payment).map((e) => e.event));
  let payerBoost = 1;
  const weightScale = new Map<string, number>();
  const split = (f: number) => (payerTarget === undefined ? Math.sqrt(f) : f);
  if (payerTarget !== undefined && m.payerRate !== null) {
    const f = m.payerRate > 0 ? payerTarget / m.payerRate : 2;
    segments = segments.map((s) => ({ ...s, payer: Math.min(1, Math.max(0.0005, (s.payer || 0.01) * f)) }));
  }
  const funnels = rules.funnels.map((rule) => {
    const target = targets.find((x) => x.funnel === rule.funnel);
    const got = m.funnels.find((x) => x.funnel === rule.funnel);
    if (!target || !got) return rule;
    const stepConversion = rule.steps.map((_, k) => {
      const cur = rule.stepConversion[k] ?? 0.5;
      const want = target.stepConversion[k];
      const have = got.stepConversion[k];
      if (k === 0 || want === null || want === undefined || have === null || have === undefined) return k === 0 ? 1 : cur;
      const f = have > 0 ? want / have : 2;
      // A step event also drawn at random outside the funnel converts users on its own: when the
      // funnel's own rate cannot go lower, make the event rarer at random (never commoner, which
      // would distort the event mix for one number).
      const step = rule.steps[k]!;
      if (f < 1 && (cur * f < 0.2 || have - want > 0.03)) weightScale.set(step, (weightScale.get(step) ?? 1) * Math.max(0.3, cur * f < 0.2 ? f * f : f));
      if (!paymentEvents.has(rule.steps[k]!)) return Math.min(1, Math.max(0.001, cur * f));
      payerBoost *= f / split(f);
      return Math.min(1, Math.max(0.001, cur * split(f)));
    });
    return { ...rule, stepConversion };
  });
  if (payerTarget === undefined && payerBoost !== 1) segments = segments.map((s) => ({ ...s, payer: Math.min(1, Math.max(0.0005, (s.payer || 0.01) * payerBoost)) }));
  const firstSteps = new Set(rules.funnels.map((f) => f.steps[0]!));
  // Step 0 of another funnel keeps its weight: its rate is the base of that funnel, not a conversion.
  const events = rules.events.map((e) => {
    const scale = weightScale.get(e.event);
    const floor = (input.get(e.event) ?? e.weight) * 0.05;
    return scale === undefined || e.placement !== 'anywhere' || e.weight <= 0 || firstSteps.has(e.event) ? e : { ...e, weight: Math.max(floor, e.weight * scale) };
  });
  return { ...rules, segments, funnels, events };
}

const TOLERANCE = 0.03;

/** Share of users who are payers, from the segments' shares and payer rates. */
function payerShare(rules: Rules): number {
  const total = rules.segments.reduce((s, x) => s + x.share, 0);
  return total > 0 ? rules.segments.reduce((s, x) => s + x.share * x.payer, 0) / total : 0;
}

/** One warning per stated step the tuned rules still miss by more than the tolerance, with the reason. */
function funnelWarnings(rules: Rules, targets: CalibrationTargets['funnels'], achieved: Measured['funnels']): string[] {
  const out: string[] = [];
  const byEvent = new Map(rules.events.map((e) => [e.event, e]));
  const stageOf = (ev: string) => rules.lifecycle.findIndex((s) => s.allowEvents.includes(ev));
  for (const target of targets) {
    const rule = rules.funnels.find((f) => f.funnel === target.funnel);
    const got = achieved.find((f) => f.funnel === target.funnel);
    if (!rule || !got) continue;
    rule.steps.forEach((step, k) => {
      const want = target.stepConversion[k];
      const have = got.stepConversion[k];
      if (k === 0 || want === null || want === undefined || have === null || have === undefined || Math.abs(have - want) <= TOLERANCE) return;
      const ev = byEvent.get(step);
      const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
      let why = 'the other rules (sequences, random events, gates) move this step more than its conversion can correct';
      const previous = byEvent.get(rule.steps[k - 1]!);
      if (have < want && ev?.payment && !previous?.payment) why = `"${step}" is a payment, and only payers pay (about ${pct(payerShare(rules))} of users), so users who reach "${rule.steps[k - 1]}" without being payers never convert; raise the payer rate on the Product sheet`;
      else if (have < want && ev?.oncePerUser && !previous?.oncePerUser) why = `"${step}" happens once per user while "${rule.steps[k - 1]}" repeats, so users who did "${step}" before the range (or earlier in it) count as not converting`;
      else if (have < want && (ev?.prerequisites ?? []).some((p) => !rule.steps.slice(0, k).includes(p))) why = `"${step}" needs ${ev!.prerequisites.filter((p) => !rule.steps.slice(0, k).includes(p)).map((p) => `"${p}"`).join(', ')} first, which the funnel does not include`;
      else if (have < want && stageOf(step) > stageOf(rule.steps[0]!)) why = `"${step}" is only allowed from lifecycle stage "${rules.lifecycle[stageOf(step)]?.name}", which many users doing "${rule.steps[0]}" have not reached`;
      out.push(`funnel "${target.funnel}" step ${k + 1} "${step}": target ${pct(want)}, the engine reaches about ${pct(have)}: ${why}. Change the target or the funnel's steps in the Funnels sheet.`);
    });
  }
  return out;
}
