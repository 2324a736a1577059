/**
 * DAU/MAU (stickiness) as a run reads it, computed exactly from the activity model: the mean over
 * the range's days with a full 30-day window behind them of expected DAU over expected MAU.
 *
 * Retention fixes how many of a cohort are active on days 1, 7 and 30, not how those actives are
 * spread over users: the same D30 is many users dropping by now and then, or few users who stayed
 * and come most days. So a stated DAU/MAU is checked against this before the run (see
 * stickinessWarnings in index.ts), and the segments' shape is left to the rules' author.
 */
import type { PopulationPlan } from '../model/roster.ts';
import type { Segment } from '../rules/schema.ts';
import { activityProbability } from '../simulate/activity.ts';
import type { Calendar } from './population.ts';

/** Days in a MAU window, the day itself included. */
const WINDOW = 30;

export function expectedDauMau(segments: readonly Segment[], plan: PopulationPlan, days: number, calendar: Calendar): number | null {
  if (days < WINDOW) return null;
  const dau = new Float64Array(days);
  const mau = new Float64Array(days);
  const total = segments.reduce((s, x) => s + x.share, 0) || 1;
  // Per cohort and day: probability alive at the start of the day, and log of "not active" while
  // alive, prefix-summed so a window's product is one subtraction (certain days are counted apart).
  const alive = new Float64Array(days + 1);
  const logIdle = new Float64Array(days + 1);
  const certain = new Int32Array(days + 1);
  for (const seg of segments) {
    const w = seg.share / total;
    const a = seg.activity;
    for (let c = -plan.historyDays; c < days; c++) {
      const n = w * (c < 0 ? plan.historyPerDay : plan.newPerDay) * Math.pow(1 + plan.trendPerDay, c) * calendar.acquisitionFactor(c);
      if (n <= 0) continue;
      // Walk the cohort from its install day to the first day of the range.
      let live = 1 - a.churnPerDay;
      for (let d = c + 1; d < 0; d++) {
        const p = Math.min(1, activityProbability(a, d - c) * calendar.activityFactor(d));
        live = live * (1 - p * a.churnPerDay) + (1 - live) * a.returnPerDay;
      }
      const from = Math.max(0, c);
      for (let d = from; d < days; d++) {
        const i = d - from;
        alive[i] = d === c ? 1 : live;
        if (d === c) {
          dau[d]! += n;
          logIdle[i + 1] = logIdle[i]!;
          certain[i + 1] = certain[i]! + 1;
          live = 1 - a.churnPerDay;
          continue;
        }
        const p = Math.min(1, activityProbability(a, d - c) * calendar.activityFactor(d));
        dau[d]! += n * (live * p + (1 - live) * a.returnPerDay);
        logIdle[i + 1] = logIdle[i]! + (p < 1 ? Math.log1p(-p) : 0);
        certain[i + 1] = certain[i]! + (p < 1 ? 0 : 1);
        live = live * (1 - p * a.churnPerDay) + (1 - live) * a.returnPerDay;
      }
      for (let d = Math.max(from, WINDOW - 1); d < days; d++) {
        const s = d - (WINDOW - 1);
        if (s <= c) {
          mau[d]! += n;
          continue;
        }
        const i = s - from;
        const j = d - from + 1;
        // Idle through the window: alive and never active, or churned and never back.
        const idleAlive = certain[j]! - certain[i]! > 0 ? 0 : Math.exp(logIdle[j]! - logIdle[i]!);
        const idle = alive[i]! * idleAlive + (1 - alive[i]!) * Math.pow(1 - a.returnPerDay, WINDOW);
        mau[d]! += n * (1 - idle);
      }
    }
  }
  let sum = 0;
  let count = 0;
  for (let d = WINDOW - 1; d < days; d++) {
    if (mau[d]! <= 0) continue;
    sum += dau[d]! / mau[d]!;
    count++;
  }
  return count > 0 ? sum / count : null;
}
