/**
 * App versions over time. Each device draws one "upgrade lag" in [0, 1) when the user is created;
 * a release shipped on day R with a rollout of D days reaches that device on day R + lag × D.
 * So early adopters stay early across releases, and the share on the newest version climbs over
 * the rollout like a store's staged rollout does.
 */
export interface Release {
  version: string;
  /** Day index the release ships (0 = first simulated day; negative = before the range). */
  day: number;
  /** Days until nearly every active device has it. */
  rolloutDays: number;
}

/** Newest release that has reached a device with `lag` by `day`; the oldest release if none has. */
export function appVersionOn(releases: readonly Pick<Release, 'version' | 'day' | 'rolloutDays'>[], day: number, lag: number): string {
  return releases[releaseIndexOn(releases, day, lag)]?.version ?? '1.0.0';
}

/** `appVersionOn` as an index into `releases` (the first of equal days wins), or -1 when there are none. */
export function releaseIndexOn(releases: readonly Pick<Release, 'day' | 'rolloutDays'>[], day: number, lag: number): number {
  let best = -1;
  let oldest = -1;
  for (let i = 0; i < releases.length; i++) {
    const r = releases[i]!;
    if (oldest < 0 || r.day < releases[oldest]!.day) oldest = i;
    if (day >= r.day + lag * r.rolloutDays && (best < 0 || r.day > releases[best]!.day)) best = i;
  }
  return best >= 0 ? best : oldest;
}

/**
 * A plausible release train around a date range: two releases before it and one every
 * `everyDays` inside it, bumping the minor version (e.g. 2.3.0, 2.4.0, 2.5.0 …).
 */
export function releaseTrain(days: number, options: { major?: number; firstMinor?: number; everyDays?: number } = {}): Release[] {
  const major = options.major ?? 2;
  const every = Math.max(3, options.everyDays ?? 14);
  const out: Release[] = [];
  let minor = options.firstMinor ?? 3;
  for (let day = -2 * every; day < days; day += every) {
    out.push({ version: `${major}.${minor}.0`, day, rolloutDays: 7 });
    minor++;
  }
  return out;
}
