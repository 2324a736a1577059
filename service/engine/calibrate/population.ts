/**
 * How many users to create so the mean DAU over the range equals the target: new users arrive at
 * the stated share of DAU, and the existing base (installed over `historyDays` before the range)
 * is sized to make up the rest, using the expected activity by age and each day's calendar factor
 * (weekday profile, timeline), which scales every day but a user's first.
 */
import type { PopulationPlan } from '../model/roster.ts';
import type { Rules } from '../rules/schema.ts';
import { expectedActivity } from './retention.ts';

export interface Calendar {
  acquisitionFactor: (day: number) => number;
  activityFactor: (day: number) => number;
}

export function planPopulation(rules: Rules, days: number, dau: number, calendar: Calendar): { plan: PopulationPlan; expectedDau: number[] } {
  const { acquisitionFactor, activityFactor } = calendar;
  const H = rules.acquisition.historyDays;
  const trend = rules.acquisition.trendPerDay;
  const r = expectedActivity(rules.segments, H + days);
  const unit = (c: number) => Math.pow(1 + trend, c) * acquisitionFactor(c);
  const histPart = new Array<number>(days).fill(0);
  const newPart = new Array<number>(days).fill(0);
  for (let d = 0; d < days; d++) {
    const f = activityFactor(d);
    for (let c = -H; c < 0; c++) histPart[d]! += unit(c) * r[d - c]! * f;
    for (let c = 0; c <= d; c++) newPart[d]! += unit(c) * r[d - c]! * (c === d ? 1 : f);
  }
  const sum = (a: number[]) => a.reduce((s, x) => s + x, 0);
  let newPerDay = dau * rules.acquisition.newUserShareOfDau;
  let historyPerDay = 0;
  const A = sum(histPart);
  const B = sum(newPart);
  if (A > 0) historyPerDay = Math.max(0, (dau * days - newPerDay * B) / A);
  else if (B > 0) newPerDay = (dau * days) / B;
  if (historyPerDay === 0 && B > 0) newPerDay = (dau * days) / B;
  if (trend === 0 && A > 0) {
    // Without a stated trend the product is in steady state: choose both rates so DAU is as flat
    // as possible around the target from the first day (least squares), when both stay positive.
    const [h, n] = flatRates(histPart, newPart, dau);
    if (h > 0 && n > 0) {
      historyPerDay = h;
      newPerDay = n;
    }
  }
  // The weekday profile and the timeline make a flat DAU impossible; the least-squares fit then
  // lands below the target on average, so both rates are scaled to put the mean back on it.
  const total = histPart.reduce((s, h, d) => s + h * historyPerDay + newPart[d]! * newPerDay, 0);
  if (total > 0) {
    historyPerDay *= (dau * days) / total;
    newPerDay *= (dau * days) / total;
  }
  const expectedDau = histPart.map((h, d) => h * historyPerDay + newPart[d]! * newPerDay);
  return { plan: { historyPerDay, newPerDay, historyDays: H, trendPerDay: trend }, expectedDau };
}

function flatRates(a: number[], b: number[], target: number): [number, number] {
  let aa = 0, ab = 0, bb = 0, at = 0, bt = 0;
  for (let i = 0; i < a.length; i++) {
    aa += a[i]! * a[i]!;
    ab += a[i]! * b[i]!;
    bb += b[i]! * b[i]!;
    at += a[i]! * target;
    bt += b[i]! * target;
  }
  const det = aa * bb - ab * ab;
  if (Math.abs(det) < 1e-9) return [0, 0];
  return [(at * bb - bt * ab) / det, (aa * bt - ab * at) / det];
}
