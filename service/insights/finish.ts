/** Turns merged partial state into the insights a person reads: rates, curves, and achieved vs target. */
import { MAX_OFFSET, type InsightsPartial } from './accumulator.ts';
import { describeHistogram, round } from './histogram.ts';
import type { Insights, TargetCheck } from './types.ts';

/** Tolerances the engine's calibration promises (and the report checks). */
export const TOLERANCE = { points: 0.03, relative: 0.05 } as const;
/** A payer rate is a few percent, so ±3 points would pass almost any: it is held to ±10 % of itself. */
export const PAYER_RATE_TOLERANCE = 0.1;

function addDays(isoDate: string, n: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function prefixSums(diff: readonly number[], days: number): number[] {
  const out: number[] = [];
  let running = 0;
  for (let d = 0; d < days; d++) {
    running += diff[d]!;
    out.push(running);
  }
  return out;
}

const ratio = (num: number, den: number): number => (den > 0 ? round(num / den, 4) : 0);

function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

export function finishInsights(p: InsightsPartial, calibrationWarnings: readonly string[] = []): Insights {
  const { config } = p;
  const { days, startDate } = config;
  const dates = Array.from({ length: days }, (_, i) => addDays(startDate, i));
  const wau = prefixSums(p.wauDiff, days);
  const mau = prefixSums(p.mauDiff, days);
  const daily = dates.map((date, d) => ({ date, dau: p.dau[d]!, wau: wau[d]!, mau: mau[d]!, newUsers: p.newUsers[d]! }));

  // Retention at offset n pools every cohort that has had n days to come back inside the range.
  const offsets = Array.from({ length: MAX_OFFSET }, (_, i) => i + 1);
  const curveSizes = offsets.map((n) => {
    let size = 0;
    for (let c = 0; c + n < days; c++) size += p.cohortSize[c]!;
    return size;
  });
  const curve = offsets.map((n, i) => {
    let back = 0;
    for (let c = 0; c + n < days; c++) back += p.retained[c * (MAX_OFFSET + 1) + n]!;
    return curveSizes[i]! > 0 ? round(back / curveSizes[i]!, 4) : null;
  });
  const cohorts = dates.map((date, c) => ({
    date,
    size: p.cohortSize[c]!,
    retained: offsets.map((n) => (c + n < days && p.cohortSize[c]! > 0 ? round(p.retained[c * (MAX_OFFSET + 1) + n]! / p.cohortSize[c]!, 4) : null)),
  }));

  const funnels = config.funnels.map((f, i) => {
    const reached = p.funnelReached[i]!;
    const first = reached[0] ?? 0;
    return {
      name: f.name,
      windowHours: f.windowHours,
      newUsers: f.newUsers,
      steps: f.steps.map((event, k) => ({
        event,
        users: reached[k]!,
        conversion: k === 0 ? null : ratio(reached[k]!, reached[k - 1]!),
        overall: ratio(reached[k]!, first),
        target: k === 0 ? null : (f.stepTargets[k] ?? null),
      })),
    };
  });

  const revenues = [...p.payerRevenue].sort((a, b) => b - a);
  const revenue = round(revenues.reduce((a, b) => a + b, 0), 2);
  const topShare = (share: number) => {
    if (!revenues.length || revenue <= 0) return 0;
    const n = Math.max(1, Math.ceil(revenues.length * share));
    return ratio(revenues.slice(0, n).reduce((a, b) => a + b, 0), revenue);
  };

  const topEvents = Object.entries(p.eventCounts)
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1))
    .slice(0, 25);

  const avgDau = mean(p.dau);
  // Stickiness over the days that have a full 30-day MAU window behind them. A shorter range has
  // no such day: its MAU counts fewer days than a month, so it is not measurable there (as D30).
  const sticky = daily.filter((x, d) => d >= 29 && x.mau > 0);
  const dauMau = sticky.length ? round(mean(sticky.map((x) => x.dau / x.mau)), 4) : null;
  const achieved = {
    dau: round(avgDau, 1),
    d1: curve[0] ?? null,
    d7: curve[6] ?? null,
    d30: curve[29] ?? null,
    payerRate: ratio(revenues.length, p.activeUsers),
    dauMau,
  };

  const targets: TargetCheck[] = [];
  const check = (metric: TargetCheck['metric'], target: number | undefined, value: number | null, kind: 'points' | 'relative', sample: number | null, tol: number = TOLERANCE[kind]) => {
    if (target === undefined) return;
    const allowed = kind === 'points' ? tol : tol * target;
    const met = value !== null && Math.abs(value - target) <= allowed + 1e-9;
    // A share read from n users strays from what the engine aimed at by about sqrt(p(1-p)/n).
    const stray = sample !== null && sample > 0 ? 2 * Math.sqrt((target * (1 - target)) / sample) : 0;
    const noise = value !== null && !met && Math.abs(value - target) <= allowed + stray + 1e-9;
    targets.push({ metric, target, achieved: value, tolerance: { kind, value: tol }, measured: value !== null, met, sample, noise });
  };
  check('dau', config.targets.dau, achieved.dau, 'relative', null);
  check('d1', config.targets.d1, achieved.d1, 'points', curveSizes[0] ?? null);
  check('d7', config.targets.d7, achieved.d7, 'points', curveSizes[6] ?? null);
  check('d30', config.targets.d30, achieved.d30, 'points', curveSizes[29] ?? null);
  check('payerRate', config.targets.payerRate, achieved.payerRate, 'relative', p.activeUsers, PAYER_RATE_TOLERANCE);
  check('dauMau', config.targets.dauMau, achieved.dauMau, 'points', null);
  for (const f of funnels) {
    f.steps.forEach((s, k) => {
      if (s.target !== null) check(`funnel:${f.name}:${s.event}`, s.target, s.conversion, 'points', k > 0 ? f.steps[k - 1]!.users : null);
    });
  }

  return {
    range: { startDate, days, dates },
    totals: { activeUsers: p.activeUsers, newUsers: p.newUsers.reduce((a, b) => a + b, 0), events: p.events, sessions: p.sessions, payers: revenues.length, revenue },
    daily,
    retention: { offsets, curve, cohorts },
    funnels,
    sessions: {
      perActiveDay: describeHistogram(p.sessionsPerActiveDay),
      lengthSec: describeHistogram(p.sessionLength),
      eventsPerSession: describeHistogram(p.eventsPerSession),
    },
    localHour: [...p.localHour],
    weekday: [...p.weekday],
    topEvents,
    monetization: {
      payerRate: achieved.payerRate,
      revenue,
      arpu: ratio(revenue, p.activeUsers),
      arppu: ratio(revenue, revenues.length),
      top1PctShare: topShare(0.01),
      top10PctShare: topShare(0.1),
    },
    mix: { segments: sortKeys(p.segments), countries: sortKeys(p.countries), platforms: sortKeys(p.platforms) },
    targets,
    calibrationWarnings: [...calibrationWarnings],
  };
}

function sortKeys(map: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
