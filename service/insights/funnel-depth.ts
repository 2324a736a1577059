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
  for (let i = 0; i < names.length && depth < k; i++) depth = advanceFunnel(latestStart, 0, steps, names[i]!, timesMs[i]!, windowMs, depth);
  return depth;
}

/**
 * Feeds one event to a funnel's state, for callers that see a user's events as they happen:
 * `latestStart[at + k]` is the latest start of an attempt that has reached step k (−∞: none).
 * Returns the new depth.
 */
export function advanceFunnel<T>(latestStart: { [i: number]: number }, at: number, steps: readonly T[], event: T, t: number, windowMs: number, depth: number): number {
  for (let j = steps.length - 1; j >= 1; j--) {
    if (steps[j] !== event) continue;
    const start = latestStart[at + j - 1]!;
    if (start !== Number.NEGATIVE_INFINITY && t - start <= windowMs && start > latestStart[at + j]!) {
      latestStart[at + j] = start;
      if (j + 1 > depth) depth = j + 1;
    }
  }
  if (steps[0] === event) {
    latestStart[at] = t;
    if (depth === 0) depth = 1;
  }
  return depth;
}
