/**
 * Retention as the run will read it. The expected curve (retention.ts) is the activity model by
 * age alone, but a run's days also follow the calendar: the weekday profile and the timeline
 * (a sale, a comeback event) scale each day's activity, and D30 of a 35-day run is read on five
 * particular days. This pilot draws only the activity of many new users, day by day, exactly as
 * the simulator decides it (no sessions, no events: a few milliseconds), and reads D1/D7/D30 the
 * way the insights do: every cohort with n days left in the range, pooled by size.
 */
import type { CompiledModel } from '../model/compile.ts';
import { Rng } from '../random/prng.ts';
import { decideActive } from '../simulate/activity.ts';
import type { RetentionTargets } from './retention.ts';

const OFFSETS = [1, 7, 30] as const;

export function pilotRetention(model: Pick<CompiledModel, 'segments' | 'segmentTable' | 'activityFactor' | 'acquisitionFactor'>, days: number, seed: number, usersPerDay: number): RetentionTargets {
  const size = [0, 0, 0];
  const back = [0, 0, 0];
  for (let c = 0; c + 1 < days; c++) {
    const n = Math.round(usersPerDay * model.acquisitionFactor(c));
    for (let i = 0; i < n; i++) {
      const rng = new Rng(seed, c, i);
      const user = { segment: model.segmentTable.pick(rng), rng, installDay: c, churned: false };
      const last = Math.min(days - 1, c + 30);
      for (let k = 0; k < OFFSETS.length; k++) if (c + OFFSETS[k]! < days) size[k]!++;
      for (let d = c; d <= last; d++) {
        const active = decideActive(model, user, d);
        if (!active) continue;
        for (let k = 0; k < OFFSETS.length; k++) if (d === c + OFFSETS[k]!) back[k]!++;
      }
    }
  }
  const out: RetentionTargets = {};
  if (size[0]! > 0) out.d1 = back[0]! / size[0]!;
  if (size[1]! > 0) out.d7 = back[1]! / size[1]!;
  if (size[2]! > 0) out.d30 = back[2]! / size[2]!;
  return out;
}
