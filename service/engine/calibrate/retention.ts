/**
 * Expected activity by age, computed exactly from the activity model (a two-state chain: in play
 * or churned), so retention targets and the population size can be solved without simulating.
 */
import type { Segment } from '../rules/schema.ts';
import { activityProbability } from '../simulate/activity.ts';

/** r[a]: probability that a user installed on day 0 is active on day a, mixed over segments. */
export function expectedActivity(segments: readonly Segment[], maxAge: number): number[] {
  const total = segments.reduce((s, x) => s + x.share, 0) || 1;
  const r = new Array<number>(maxAge + 1).fill(0);
  for (const seg of segments) {
    const w = seg.share / total;
    const a = seg.activity;
    let alive = 1;
    for (let age = 0; age <= maxAge; age++) {
      const p = Math.min(1, activityProbability(a, age));
      const active = alive * p + (1 - alive) * (age === 0 ? 0 : a.returnPerDay);
      r[age]! += w * active;
      alive = alive * (1 - p * a.churnPerDay) + (1 - alive) * a.returnPerDay;
    }
  }
  return r;
}

export interface RetentionTargets {
  d1?: number;
  d7?: number;
  d30?: number;
}

/**
 * Scales every segment's day-1 probability, half-life and floor by common factors until the
 * expected D1/D7/D30 match the targets (segments keep their relative differences).
 */
export function fitRetention(segments: readonly Segment[], targets: RetentionTargets): Segment[] {
  if (targets.d1 === undefined && targets.d7 === undefined && targets.d30 === undefined) return [...segments];
  let k1 = 1;
  let kh = 1;
  let kf = 1;
  const apply = () =>
    segments.map((s) => {
      const day1 = Math.min(0.98, s.activity.day1 * k1);
      return {
        ...s,
        activity: {
          ...s.activity,
          day1,
          halfLifeDays: Math.min(400, Math.max(0.05, s.activity.halfLifeDays * kh)),
          floor: Math.min(day1, Math.max(0, s.activity.floor * kf)),
        },
      };
    });
  for (let iter = 0; iter < 200; iter++) {
    const r = expectedActivity(apply(), 30);
    let moved = 0;
    if (targets.d1 !== undefined && r[1]! > 0) {
      const f = targets.d1 / r[1]!;
      k1 *= f;
      moved = Math.max(moved, Math.abs(f - 1));
    }
    if (targets.d30 !== undefined && r[30]! > 0) {
      const f = targets.d30 / r[30]!;
      kf *= f;
      if (kf === 0) kf = 0.001;
      moved = Math.max(moved, Math.abs(f - 1));
    }
    if (targets.d7 !== undefined && r[7]! > 0) {
      const f = Math.pow(targets.d7 / r[7]!, 1.5);
      kh *= f;
      moved = Math.max(moved, Math.abs(f - 1));
    }
    if (moved < 1e-4) break;
  }
  return apply();
}
