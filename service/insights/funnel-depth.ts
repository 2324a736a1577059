/**
 * How far a user got through a funnel: the largest k such that the user did steps 0…k-1 in order,
 * all within `windowMs` of the step-0 event that started the attempt. Returns 0 when step 0 never
 * happened.
 *
 * One pass, O(events × steps): for every step we keep the latest start time of any attempt that has
 * reached it. A later start is always at least as good (it leaves more of the window), so keeping only
 * the latest per step loses no attempt. Steps are visited from the last to the first so that one event
 * cannot count twice when a funnel repeats an event name.
 */
export function funnelDepth(
  names: readonly string[],
  timesMs: readonly number[],
  steps: readonly string[],
  windowMs: number,
): number {
  const k = steps.length;
  if (k === 0) return 0;
  const latestStart = new Array<number>(k).fill(Number.NEGATIVE_INFINITY);
  let depth = 0;
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const t = timesMs[i]!;
    for (let j = k - 1; j >= 1; j--) {
      if (steps[j] !== name) continue;
      const start = latestStart[j - 1]!;
      if (start !== Number.NEGATIVE_INFINITY && t - start <= windowMs && start > latestStart[j]!) {
        latestStart[j] = start;
        if (j + 1 > depth) depth = j + 1;
      }
    }
    if (steps[0] === name) {
      latestStart[0] = t;
      if (depth === 0) depth = 1;
    }
    if (depth === k) return k;
  }
  return depth;
}
