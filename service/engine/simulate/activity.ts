/**
 * Whether a user is active on a day: a daily probability that decays with age by segment, gated
 * by churn and return. Nothing tops up a count; DAU and retention emerge from these draws.
 */
import type { CompiledModel, CompiledSegment } from '../model/compile.ts';
import type { SimUser } from '../model/user-state.ts';

export function activityProbability(seg: Pick<CompiledSegment, 'day1' | 'halfLifeDays' | 'floor'>, age: number): number {
  if (age <= 0) return 1;
  return seg.floor + (seg.day1 - seg.floor) * Math.pow(0.5, (age - 1) / seg.halfLifeDays);
}

export function decideActive(model: Pick<CompiledModel, 'segments' | 'activityFactor'>, user: Pick<SimUser, 'segment' | 'rng' | 'installDay' | 'churned'>, day: number): boolean {
  const seg = model.segments[user.segment]!;
  const rng = user.rng;
  if (day === user.installDay) {
    if (rng.next() < seg.churnPerDay) user.churned = true;
    return true;
  }
  if (user.churned) {
    if (rng.next() < seg.returnPerDay) {
      user.churned = false;
      return true;
    }
    return false;
  }
  const p = Math.min(1, activityProbability(seg, day - user.installDay) * model.activityFactor(day));
  if (rng.next() >= p) return false;
  if (rng.next() < seg.churnPerDay) user.churned = true;
  return true;
}
