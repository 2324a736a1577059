/**
 * How many users to create so the mean DAU over the range equals the target: new users arrive at
 * the stated share of DAU, and the existing base (installed over `historyDays` before the range)
 * is sized to make up the rest, using the expected activity by age.
 */
import type { PopulationPlan } from '../model/roster.ts';
import type { Rules } from '../rules/schema.ts';
import { expectedActivity } from './retention.ts';

export function planPopulation(rules: Rules, days: number, dau: number, acquisitionFactor: (day: number) => number): { plan: PopulationPlan; expectedDau: number[] } {
  const H = rules.acquisition.historyDays;
  const trend = rules.acquisition.trendPerDay;
  const r = expectedActivity(rules.segments, H + days);
  const unit = (c: number) => Math.pow(1 + trend, c) * acquisitionFactor(c);
  const histPart = new Array<number>(days).fill(0);
  const newPart = new Array<number>(days).fill(0);
  for (let d = 0; d < days; d++) {
    for (let c = -H; c < 0; c++) histPart[d]! += unit(c) * r[d - c]!;
    for (let c = 0; c <= d; c++) newPart[d]! += unit(c) * r[d - c]!;
  }
  const sum = (a: number[]) => a.reduce((s, x) => s + x, 0);
  let newPerDay = dau * rules.acquisition.newUserShareOfDau;
  let historyPerDay = 0;
  const A = sum(histPart);
  const B = sum(newPart);
  if (A > 0) historyPerDay = Math.max(0, (dau * days - newPerDay * B) / A);
  else if (B > 0) newPerDay = (dau * days) / B;
  if (historyPerDay === 0 && B > 0) newPerDay = (dau * days) / B;
  const expectedDau = histPart.map((h, d) => h * historyPerDay + newPart[d]! * newPerDay);
  return { plan: { historyPerDay, newPerDay, historyDays: H, trendPerDay: trend }, expectedDau };
}
