/**
 * Streaming insights: fed day by day as the simulator plans each user's days (active day,
 * sessions, events) and once per user at the end (`addUserSummary`), in any order, by any number
 * of worker threads; `addUser` adds a whole user from their facts at once. Every field of the partial state is a sum, a count or a list that is sorted at the end,
 * so merging partials in any grouping gives exactly the same insights (and the same bytes in
 * insights.json) whatever the number of workers.
 */
import type { UserFacts } from './facts.ts';
import { funnelDepth } from './funnel-depth.ts';
import { addToHistogram, createHistogram, geometricEdges, mergeHistogram, type HistogramState } from './histogram.ts';
import type { InsightsConfig } from './types.ts';

/** Retention is tracked for day offsets 0…MAX_OFFSET after a user's first day. */
export const MAX_OFFSET = 30;

export interface InsightsPartial {
  config: InsightsConfig;
  dau: number[];
  newUsers: number[];
  /** Difference arrays: +1 where a user's 7-/30-day coverage starts, −1 after it ends. */
  wauDiff: number[];
  mauDiff: number[];
  cohortSize: number[];
  /** retained[cohortDay * (MAX_OFFSET + 1) + offset] */
  retained: number[];
  /** funnelReached[f][k]: users whose funnel depth was > k. */
  funnelReached: number[][];
  sessionsPerActiveDay: HistogramState;
  sessionLength: HistogramState;
  eventsPerSession: HistogramState;
  localHour: number[];
  weekday: number[];
  eventCounts: Record<string, number>;
  activeUsers: number;
  events: number;
  sessions: number;
  /** Revenue of each payer; summed only after sorting so float rounding never depends on order. */
  payerRevenue: number[];
  payments: number;
  segments: Record<string, number>;
  countries: Record<string, number>;
  platforms: Record<string, number>;
}

export function createPartial(config: InsightsConfig): InsightsPartial {
  const days = config.days;
  const zeros = (n: number) => new Array<number>(n).fill(0);
  return {
    config,
    dau: zeros(days),
    newUsers: zeros(days),
    wauDiff: zeros(days + 1),
    mauDiff: zeros(days + 1),
    cohortSize: zeros(days),
    retained: zeros(days * (MAX_OFFSET + 1)),
    funnelReached: config.funnels.map((f) => zeros(f.steps.length)),
    sessionsPerActiveDay: createHistogram([1, 2, 3, 4, 5, 6, 8, 10, 15, 20]),
    sessionLength: createHistogram(geometricEdges(10, 4 * 3600, 1.25)),
    eventsPerSession: createHistogram(geometricEdges(1, 1000, 1.2)),
    localHour: zeros(24),
    weekday: zeros(7),
    eventCounts: {},
    activeUsers: 0,
    events: 0,
    sessions: 0,
    payerRevenue: [],
    payments: 0,
    segments: {},
    countries: {},
    platforms: {},
  };
}

function bump(map: Record<string, number>, key: string, by = 1): void {
  map[key] = (map[key] ?? 0) + by;
}

/** Adds `[start, start + width)` runs around each active day to a difference array, merging overlaps. */
function addCoverage(diff: number[], activeDays: readonly number[], width: number, days: number): void {
  let runStart = -1;
  let runEnd = -1; // exclusive
  for (const day of activeDays) {
    const end = Math.min(day + width, days);
    if (day <= runEnd) {
      runEnd = Math.max(runEnd, end);
      continue;
    }
    if (runStart >= 0) {
      diff[runStart]!++;
      diff[runEnd]!--;
    }
    runStart = day;
    runEnd = end;
  }
  if (runStart >= 0) {
    diff[runStart]!++;
    diff[runEnd]!--;
  }
}

/** A user active on `day` (inside the range). Each user-day is added once. */
export function addActiveDay(p: InsightsPartial, day: number, sessions: number): void {
  p.dau[day]!++;
  if (sessions > 0) addToHistogram(p.sessionsPerActiveDay, sessions);
}

export function addSession(p: InsightsPartial, localHour: number, localWeekday: number, durationSec: number, eventCount: number): void {
  addToHistogram(p.sessionLength, Math.round(durationSec)); // integer sums merge exactly
  addToHistogram(p.eventsPerSession, eventCount);
  p.localHour[localHour]!++;
  p.weekday[localWeekday]!++;
  p.sessions++;
}

export function addEvents(p: InsightsPartial, name: string, count: number): void {
  p.events += count;
  bump(p.eventCounts, name, count);
}

/** What is left to add about a user once their days, sessions and events have been added. */
export interface UserSummary {
  installDay: number;
  /** Distinct active days, ascending; a user with none is not counted. */
  activeDays: readonly number[];
  /** Per configured funnel, how many of its steps the user reached (see funnelDepth). */
  funnelDepths: readonly number[];
  revenue: number;
  payments: number;
  segment: string;
  country: string;
  platform: string;
}

export function addUserSummary(p: InsightsPartial, u: UserSummary): void {
  const { days } = p.config;
  if (u.activeDays.length === 0) return;
  p.activeUsers++;
  addCoverage(p.wauDiff, u.activeDays, 7, days);
  addCoverage(p.mauDiff, u.activeDays, 30, days);
  if (u.installDay >= 0 && u.installDay < days) {
    const c = u.installDay;
    p.newUsers[c]!++;
    p.cohortSize[c]!++;
    for (const day of u.activeDays) {
      const offset = day - c;
      if (offset >= 0 && offset <= MAX_OFFSET) p.retained[c * (MAX_OFFSET + 1) + offset]!++;
    }
  }
  const isNew = u.installDay >= 0;
  u.funnelDepths.forEach((depth, i) => {
    if (!isNew && p.config.funnels[i]!.newUsers) return;
    const reached = p.funnelReached[i]!;
    for (let k = 0; k < depth; k++) reached[k]!++;
  });
  if (u.payments > 0) {
    p.payerRevenue.push(u.revenue);
    p.payments += u.payments;
  }
  bump(p.segments, u.segment);
  bump(p.countries, u.country);
  bump(p.platforms, u.platform);
}

/** A whole user at once, from their facts: the same additions the simulator makes day by day. */
export function addUser(p: InsightsPartial, u: UserFacts): void {
  if (u.activeDays.length === 0) return;
  const perDay = new Map<number, number>();
  for (const s of u.sessions) {
    perDay.set(s.day, (perDay.get(s.day) ?? 0) + 1);
    addSession(p, s.localHour, s.localWeekday, s.durationSec, s.eventCount);
  }
  for (const day of u.activeDays) addActiveDay(p, day, perDay.get(day) ?? 0);
  for (const name of u.eventNames) addEvents(p, name, 1);
  const funnelDepths = p.config.funnels.map((f) => funnelDepth(u.eventNames, u.eventTimesMs, f.steps, f.windowHours * 3_600_000));
  addUserSummary(p, { ...u, funnelDepths });
}

function addArrays(into: number[], from: readonly number[]): void {
  if (into.length !== from.length) throw new Error('cannot merge insights of different shapes');
  for (let i = 0; i < into.length; i++) into[i]! += from[i]!;
}

function addMaps(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) bump(into, k, v);
}

/** Adds `from` into `into`. Partials must come from the same config. */
export function mergePartial(into: InsightsPartial, from: InsightsPartial): void {
  addArrays(into.dau, from.dau);
  addArrays(into.newUsers, from.newUsers);
  addArrays(into.wauDiff, from.wauDiff);
  addArrays(into.mauDiff, from.mauDiff);
  addArrays(into.cohortSize, from.cohortSize);
  addArrays(into.retained, from.retained);
  into.funnelReached.forEach((r, i) => addArrays(r, from.funnelReached[i] ?? []));
  mergeHistogram(into.sessionsPerActiveDay, from.sessionsPerActiveDay);
  mergeHistogram(into.sessionLength, from.sessionLength);
  mergeHistogram(into.eventsPerSession, from.eventsPerSession);
  addArrays(into.localHour, from.localHour);
  addArrays(into.weekday, from.weekday);
  addMaps(into.eventCounts, from.eventCounts);
  into.activeUsers += from.activeUsers;
  into.events += from.events;
  into.sessions += from.sessions;
  for (const r of from.payerRevenue) into.payerRevenue.push(r);
  into.payments += from.payments;
  addMaps(into.segments, from.segments);
  addMaps(into.countries, from.countries);
  addMaps(into.platforms, from.platforms);
}
