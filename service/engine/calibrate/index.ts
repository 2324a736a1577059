/**
 * Calibration: turn stated targets into rates. Retention and DAU are solved exactly from the
 * activity model; funnel step conversion and payer rate depend on gates and session structure,
 * so they are tuned with short plan-only pilot simulations (no records encoded) and adjusted. A
 * small population is piloted as itself (the run's own users and seed), so what the pilot reads
 * is what the run reports; a large one is sampled, sized for its rarest stated step.
 */
import type { Taxonomy } from '../../../taxonomy/model.ts';
import { createPartial, type InsightsPartial } from '../../insights/accumulator.ts';
import { PAYER_RATE_TOLERANCE, TOLERANCE } from '../../insights/finish.ts';
import { compileModel } from '../model/compile.ts';
import { buildRoster, type PopulationPlan } from '../model/roster.ts';
import { readsNewUsers } from '../rules/funnel-population.ts';
import type { Rules } from '../rules/schema.ts';
import { simulateShard } from '../simulate/shard.ts';
import { parseDate, weekdayOf } from '../time/calendar.ts';
import { planPopulation } from './population.ts';
import { expectedActivity, fitRetention, type RetentionTargets } from './retention.ts';
import { pilotRetention } from './retention-pilot.ts';
import { lineMeets, PayerSteps, type Reading } from './line-fit.ts';
import { expectedDauMau } from './stickiness.ts';

export interface CalibrationTargets {
  dau: number;
  d1?: number;
  d7?: number;
  d30?: number;
  payerRate?: number;
  /** Checked, not tuned: see stickinessWarnings. */
  dauMau?: number;
  funnels: { funnel: string; stepConversion: (number | null)[] }[];
}

export interface CalibrationReport {
  population: PopulationPlan;
  /** `dauMau` is null when the range has no day with a full 30-day window behind it. */
  expected: { dau: number; d1: number; d7: number; d30: number; dauMau: number | null };
  pilot: { users: number; iterations: number; payerRate: number | null; funnels: { funnel: string; stepConversion: (number | null)[] }[] };
  /** Targets the tuned rules still miss, each with the reason when the taxonomy makes it unreachable. */
  warnings: string[];
}

// Rare steps (a payment after a checkout) see a few hundred users in a pilot of this size; at
// 3,000 the examples' steps landed within ±3 points 18 times of 23 at 2,000 DAU, at 6,000 20 times.
const PILOT_USERS = 6000;
const PILOT_ROUNDS = 5;
// A population this small is piloted as itself: the run's own users, drawn from the run's seed,
// so each round measures exactly what the run will report. Pilots of other users leave a rare
// step their sampling error (the examples' onboarding steps, reached by a few hundred new users,
// landed 2-4 points off that way at 2,000 DAU). Larger populations are sampled.
const WHOLE_POPULATION_PILOT = 40_000;
// A sampled pilot grows until the rarest stated step is reached by this many users a round (its
// share reads to about ±2 points a round, less once rounds are pooled), within a cost bound: the
// examples' steps all land within ±3 points at 5,000 DAU over 30 days this way, and calibration
// takes about half the time it did at 1,000 users and 24,000 at most.
const STEP_SAMPLE = 600;
const MAX_PILOT_USERS = 16_000;
/** Measured share per unit of rate above which a step is taken to be reached through other rules too. */
const FED_ELSEWHERE = 1.2;

export async function calibrate(taxonomy: Taxonomy, input: Rules, o: { startDate: string; days: number; seed: number; targets: CalibrationTargets }): Promise<{ rules: Rules; plan: PopulationPlan; report: CalibrationReport }> {
  const t = o.targets;
  const startMs = parseDate(o.startDate);
  const weekday = weekdayOf(startMs);
  const retention = fitToCalendar(taxonomy, input, t, o.days, weekday, o.seed);
  let rules: Rules = retention.rules;
  const calendar = compileModel(taxonomy, rules, weekday);
  const { plan, expectedDau } = planPopulation(rules, o.days, t.dau, calendar);
  // Funnel and payer tuning below leave activity alone, so stickiness is known from here on.
  const dauMau = expectedDauMau(rules.segments, plan, o.days, calendar);

  const funnelTargets = t.funnels.filter((f) => rules.funnels.some((r) => r.funnel === f.funnel) && f.stepConversion.some((x) => x !== null));
  let iterations = 0;
  let pilotUsers = 0;
  let payerAchieved: number | null = null;
  let funnelAchieved: Measured['funnels'] = [];
  const total = (plan.historyPerDay * plan.historyDays + plan.newPerDay * o.days) || 1;
  // A whole-population pilot reads the run itself: its shares carry no sampling error.
  const whole = total <= WHOLE_POPULATION_PILOT;
  if (t.payerRate !== undefined || funnelTargets.length > 0) {
    const pilotPlan = (users: number) => {
      const scale = Math.min(1, users / total);
      return { ...plan, historyPerDay: plan.historyPerDay * scale, newPerDay: plan.newPerDay * scale };
    };
    const pooled = new StepPool();
    // A sampled pilot draws other users each round, so pooling the rounds averages their sampling
    // noise away; its last round only measures, with more users, so the report (and its warnings)
    // describes the rules actually used without the noise of a small sample.
    let users = whole ? total : PILOT_USERS;
    const payer = new PayerSteps();
    for (let round = 0; round <= PILOT_ROUNDS; round++) {
      iterations++;
      const seed = whole ? o.seed : (o.seed ^ 0x5eed) + round;
      const size = whole || round < PILOT_ROUNDS ? users : Math.min(total, users * 3, MAX_PILOT_USERS * 2);
      const insights = await pilot(taxonomy, rules, pilotPlan(size), { ...o, seed }, startMs, weekday, funnelTargets);
      pilotUsers = insights.activeUsers;
      const measured = measure(insights, funnelTargets);
      payerAchieved = measured.payerRate;
      funnelAchieved = measured.funnels;
      if (round === 0 && !whole) users = sampledPilotUsers(measured, funnelTargets, total);
      // The whole population read the run itself: once it is on target, these rules are final.
      if (whole && onTarget(measured, funnelTargets, t.payerRate)) break;
      if (round < PILOT_ROUNDS) {
        pooled.add(rules, measured);
        rules = adjust(rules, payer.next(t.payerRate, measured.payerRate, whole), pooled, funnelTargets, whole);
      }
    }
  }
  const warnings = [...stickinessWarnings(t, dauMau), ...payerWarnings(rules, t, payerAchieved, whole ? Infinity : pilotUsers), ...funnelWarnings(rules, funnelTargets, funnelAchieved, whole)];
  const r = expectedActivity(rules.segments, 30);
  const read = retention.read;
  const meanDau = expectedDau.reduce((s, x) => s + x, 0) / Math.max(1, expectedDau.length);
  return {
    rules,
    plan,
    report: {
      population: plan,
      expected: { dau: round(meanDau, 1), d1: round(read.d1 ?? r[1]!, 4), d7: round(read.d7 ?? r[7]!, 4), d30: round(read.d30 ?? r[30]!, 4), dauMau: dauMau === null ? null : round(dauMau, 4) },
      pilot: { users: pilotUsers, iterations, payerRate: payerAchieved, funnels: funnelAchieved.map(({ funnel, stepConversion }) => ({ funnel, stepConversion })) },
      warnings,
    },
  };
}

/** Margins inside the tolerances at which an exact pilot stops early (its reading is the run's). */
const SETTLED_POINTS = 0.01;
const SETTLED_PAYER = 0.03;

/** Each stated step conversion (after the first step) of the targeted funnels, with its measurement. */
function* statedSteps(m: Measured, targets: CalibrationTargets['funnels']): Generator<{ want: number; have: number | null; before: number }> {
  for (let i = 0; i < targets.length; i++) {
    const got = m.funnels[i]!;
    const stated = targets[i]!.stepConversion;
    for (let k = 1; k < stated.length; k++) {
      const want = stated[k];
      if (want !== null && want !== undefined) yield { want, have: got.stepConversion[k] ?? null, before: got.reached[k - 1] ?? 0 };
    }
  }
}

function onTarget(m: Measured, targets: CalibrationTargets['funnels'], payerRate: number | undefined): boolean {
  if (payerRate !== undefined && (m.payerRate === null || Math.abs(m.payerRate - payerRate) > SETTLED_PAYER * payerRate)) return false;
  for (const { want, have } of statedSteps(m, targets)) if (have === null || Math.abs(have - want) > SETTLED_POINTS) return false;
  return true;
}

/** Users a sampled pilot round needs for the rarest stated step, read off a round of PILOT_USERS. */
function sampledPilotUsers(m: Measured, targets: CalibrationTargets['funnels'], total: number): number {
  let rarest = Infinity;
  for (const { before } of statedSteps(m, targets)) rarest = Math.min(rarest, before);
  if (!Number.isFinite(rarest)) return PILOT_USERS;
  const wanted = Math.ceil((PILOT_USERS * STEP_SAMPLE) / Math.max(1, rarest));
  return Math.round(Math.min(total, MAX_PILOT_USERS, Math.max(PILOT_USERS, wanted)));
}

/** New users a day in the retention pilot: about 60,000 over the range, so D30 is read to ±0.5 points. */
const RETENTION_PILOT_USERS = 60_000;
const RETENTION_ROUNDS = 4;

/**
 * Fits the segments' activity to the retention targets as the run will read them. The fit solves
 * the activity model by age; the calendar (weekday profile, timeline) then moves what a run reads,
 * so the pilot reads it and the fit is aimed that much the other way, a few rounds.
 */
function fitToCalendar(taxonomy: Taxonomy, input: Rules, t: CalibrationTargets, days: number, weekday: number, seed: number): { rules: Rules; read: RetentionTargets } {
  const keys = (['d1', 'd7', 'd30'] as const).filter((k) => t[k] !== undefined);
  const aim: RetentionTargets = {};
  for (const k of keys) aim[k] = t[k]!;
  let rules: Rules = { ...input, segments: fitRetention(input.segments, aim) };
  let read: RetentionTargets = {};
  if (keys.length === 0 || days < 2) return { rules, read };
  const perDay = Math.ceil(RETENTION_PILOT_USERS / days);
  // The last round only reads, so `read` describes the rules returned.
  for (let round = 0; ; round++) {
    read = pilotRetention(compileModel(taxonomy, rules, weekday), days, seed ^ 0x7e7e, perDay);
    const off = keys.filter((k) => read[k] !== undefined && read[k]! > 0 && Math.abs(t[k]! / read[k]! - 1) > 0.01);
    if (off.length === 0 || round === RETENTION_ROUNDS) break;
    for (const k of off) aim[k] = Math.min(0.98, Math.max(0.0005, (aim[k]! * t[k]!) / read[k]!));
    rules = { ...input, segments: fitRetention(input.segments, aim) };
  }
  return { rules, read };
}

function round(v: number, d: number): number {
  const f = 10 ** d;
  return Math.round(v * f) / f;
}

/** A pilot simulation (no records written) of `plan`'s users drawn from `o.seed`, measured by the same insights a run reports. */
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
    return { name: rule.funnel, steps: rule.steps, windowHours: rule.windowHours, stepTargets: rule.steps.map(() => null), newUsers: readsNewUsers(rules, rule.steps) };
  });
  const insights = createPartial({ startDate: o.startDate, days: o.days, funnels, targets: { dau: 0 } });
  await simulateShard({
    model,
    seed: o.seed,
    startMs,
    days: o.days,
    roster: buildRoster(plan, o.days, model.acquisitionFactor),
    parts: 1,
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
  funnels: { funnel: string; stepConversion: (number | null)[]; reached: number[] }[];
}

/**
 * How the measured step conversion relates to the rules' rate, pooled over the pilot rounds. With
 * each user's depth drawn from the rates (see FunnelFates) the measured share is close to the rate
 * times a loss (gates, the range's end), so the loss is estimated as Σ measured·n / Σ rate·n over
 * the rounds, weighting each round by how many users reached the step before. Older rounds count
 * less: the loss moves a little as the other steps' rates change. A rare step's pilot sample is
 * small, so the estimate starts from no loss, worth PRIOR_USERS users, and moves as data comes in.
 */
class StepPool {
  /** Per funnel and step: decayed sums for `yieldOf`, and the last two readings for `secant`. */
  private readonly sums = new Map<string, { measured: number[]; rate: number[]; last: Reading[][] }>();
  private static readonly DECAY = 0.6;
  private static readonly PRIOR_USERS = 200;

  /**
   * The rate at which the line through the last two rounds' readings meets `want`, or null with
   * fewer than two usable readings. For a pilot without sampling noise (the whole population):
   * a step that other funnels also lead to reads about `a + b·rate`, which the ratio in `yieldOf`
   * approaches only slowly, while the line finds it in a round or two.
   */
  secant(funnel: string, k: number, want: number): number | null {
    return lineMeets(this.sums.get(funnel)?.last[k] ?? [], want);
  }

  add(rules: Rules, m: Measured): void {
    for (const got of m.funnels) {
      const rule = rules.funnels.find((f) => f.funnel === got.funnel);
      if (!rule) continue;
      let s = this.sums.get(got.funnel);
      if (!s) this.sums.set(got.funnel, (s = { measured: rule.steps.map(() => 0), rate: rule.steps.map(() => 0), last: rule.steps.map(() => []) }));
      for (let k = 1; k < rule.steps.length; k++) {
        s.measured[k]! *= StepPool.DECAY;
        s.rate[k]! *= StepPool.DECAY;
        const have = got.stepConversion[k];
        const n = got.reached[k - 1] ?? 0;
        if (have === null || have === undefined || n === 0) continue;
        s.measured[k]! += have * n;
        s.rate[k]! += (rule.stepConversion[k] ?? 0.5) * n;
        s.last[k] = [...s.last[k]!.slice(-1), { x: rule.stepConversion[k] ?? 0.5, y: have }];
      }
    }
  }

  /** Measured share per unit of rate for step k of a funnel at rate `rate`, or null before any measurement. */
  yieldOf(funnel: string, k: number, rate: number): number | null {
    const s = this.sums.get(funnel);
    if (!s) return null;
    const prior = StepPool.PRIOR_USERS * rate;
    return s.rate[k]! + prior > 0 ? (s.measured[k]! + prior) / (s.rate[k]! + prior) : null;
  }
}

/** Payer rate among active users and step conversions of the targeted funnels (in `targets` order). */
function measure(p: InsightsPartial, targets: CalibrationTargets['funnels']): Measured {
  const funnels = targets.map((target, i) => {
    const reached = p.funnelReached[i]!;
    return { funnel: target.funnel, stepConversion: reached.map((n, k) => (k === 0 ? null : reached[k - 1]! > 0 ? n / reached[k - 1]! : null)), reached: [...reached] };
  });
  return { payerRate: p.activeUsers > 0 ? p.payerRevenue.length / p.activeUsers : null, funnels };
}

/** The next round's rules: funnel step rates from the pooled readings, payer shares by `payerScale`. */
function adjust(rules: Rules, payerScale: number, pooled: StepPool, targets: CalibrationTargets['funnels'], exact: boolean): Rules {
  let segments = rules.segments;
  // A payment step with a stated conversion keeps its own target; the others scale with the
  // payer shares.
  if (payerScale !== 1) {
    // A segment stated to have no payers keeps none.
    segments = segments.map((s) => ({ ...s, payer: s.payer > 0 ? Math.min(1, Math.max(0.0005, s.payer * payerScale)) : 0 }));
  }
  const payment = new Set(rules.events.filter((e) => e.payment).map((e) => e.event));
  const funnels = rules.funnels.map((rule) => {
    const target = targets.find((x) => x.funnel === rule.funnel);
    const stepConversion = rule.steps.map((step, k) => {
      const cur = rule.stepConversion[k] ?? 0.5;
      if (k === 0) return 1;
      const want = target?.stepConversion[k];
      const y = pooled.yieldOf(rule.funnel, k, cur);
      // A share well above its rate comes partly from elsewhere (another funnel's users going on
      // to the step): the ratio then moves too little, so a noiseless pilot follows the line.
      const fedElsewhere = y !== null && y > FED_ELSEWHERE;
      const line = exact && fedElsewhere && want !== null && want !== undefined ? pooled.secant(rule.funnel, k, want) : null;
      if (line !== null) return Math.min(1, Math.max(0.001, line));
      if (want !== null && want !== undefined && y !== null) return Math.min(1, Math.max(0.001, y > 0 ? want / y : cur * 2));
      return payment.has(step) && payerScale !== 1 ? Math.min(1, Math.max(0.001, cur * payerScale)) : cur;
    });
    return { ...rule, stepConversion };
  });
  return { ...rules, segments, funnels };
}

/** Within `tolerance`, widened by the sampling error of a pilot share read from `n` users (none at Infinity). */
function withinNoise(have: number, want: number, tolerance: number, n: number): boolean {
  return Math.abs(have - want) <= tolerance + 2 * Math.sqrt((want * (1 - want)) / Math.max(1, n));
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/**
 * DAU/MAU is read off the rules, not tuned. Retention fixes how many of a cohort are active on
 * days 1, 7 and 30, not how that activity is spread over users; stickiness is that spread, and
 * moving it means reshaping the segments (who stays and how often they come), which is the
 * rules' author's call. Scaling churn and return, the knobs retention leaves free, moved the
 * examples' DAU/MAU by under 4 points.
 */
function stickinessWarnings(t: CalibrationTargets, expected: number | null): string[] {
  if (t.dauMau === undefined || expected === null || Math.abs(expected - t.dauMau) <= TOLERANCE.points) return [];
  const more = expected < t.dauMau;
  return [
    `DAU/MAU is stated as ${pct(t.dauMau)}, but these rules give about ${pct(expected)} (retention sets how many users come back, not how often). ` +
      (more
        ? 'Stickiness rises when activity is concentrated in fewer, more engaged users: raise the long-run activity (floor) of the engaged segments and lower it for the casual ones, or state a lower DAU/MAU.'
        : 'Stickiness falls when activity is spread over more occasional users: lower the long-run activity (floor) of the engaged segments and raise it for the casual ones, or state a higher DAU/MAU.'),
  ];
}

/** A warning when the payer rate still misses its target, naming the funnels that make payers. */
function payerWarnings(rules: Rules, t: CalibrationTargets, achieved: number | null, users: number): string[] {
  const want = t.payerRate;
  if (want === undefined || achieved === null) return [];
  if (withinNoise(achieved, want, PAYER_RATE_TOLERANCE * want, users)) return [];
  const payment = new Set(rules.events.filter((e) => e.payment).map((e) => e.event));
  const paying = t.funnels.filter((f) => {
    const rule = rules.funnels.find((r) => r.funnel === f.funnel);
    return rule?.steps.some((s, k) => payment.has(s) && f.stepConversion[k] !== null && f.stepConversion[k] !== undefined);
  });
  const why =
    achieved > want && paying.length > 0
      ? `the stated conversions of the payment steps in ${paying.map((f) => `funnel "${f.funnel}"`).join(', ')} make that many users pay. Lower those conversions in the Funnels sheet or raise the payer rate on the Product sheet`
      : 'the segments cannot be made to pay more or less than this with the other rules. Check the segments\' payer shares in the rules';
  return [`payer rate: target ${pct(want)}, the engine reaches about ${pct(achieved)}: ${why}.`];
}

/** One warning per stated step the tuned rules still miss by more than the tolerance, with the reason. */
function funnelWarnings(rules: Rules, targets: CalibrationTargets['funnels'], achieved: Measured['funnels'], exact: boolean): string[] {
  const out: string[] = [];
  for (const target of targets) {
    const rule = rules.funnels.find((f) => f.funnel === target.funnel);
    const got = achieved.find((f) => f.funnel === target.funnel);
    if (!rule || !got) continue;
    rule.steps.forEach((step, k) => {
      const want = target.stepConversion[k];
      const have = got.stepConversion[k];
      if (k === 0 || want === null || want === undefined || have === null || have === undefined) return;
      if (withinNoise(have, want, TOLERANCE.points, exact ? Infinity : (got.reached[k - 1] ?? 0))) return;
      // Missing prerequisites and lifecycle stages are not reasons: the planner does them first.
      let why = 'the other rules (sequences, gates, the end of the range) hold this step back more than its conversion can make up';
      const sharing = rules.funnels.find((f) => f.funnel !== rule.funnel && f.steps.indexOf(step) > 0);
      if (have > want && sharing) why = `"${step}" is also a step of funnel "${sharing.funnel}", whose users go on to it`;
      else if (have > want) why = `users reach "${step}" through other rules (sequences, prerequisites) even at the lowest conversion`;
      out.push(`funnel "${target.funnel}" step ${k + 1} "${step}": target ${pct(want)}, the engine reaches about ${pct(have)}: ${why}. Change the target or the funnel's steps in the Funnels sheet.`);
    });
  }
  return out;
}
