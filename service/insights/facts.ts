/**
 * Everything the insights count about one user, as one value: what `addUser` takes. The simulator
 * feeds the same additions day by day instead (see the engine's ShardInsights), so a run never
 * holds these lists; they serve callers that have whole users at hand.
 *
 * Facts describe what was actually written (after lifecycle gates and the date range were
 * applied), never what the engine intended.
 *
 * Days are indexes into the requested range in the user's local calendar: 0 is the first day,
 * `days - 1` the last. Every day index here lies inside the range.
 */
export interface SessionFact {
  day: number;
  /** Local hour 0..23 at the session's start. */
  localHour: number;
  /** Local weekday at the session's start, 0 = Monday … 6 = Sunday. */
  localWeekday: number;
  durationSec: number;
  /** Track events written in the session. */
  eventCount: number;
}

export interface UserFacts {
  /** Day the user first became active; negative for users installed before the range (existing base). */
  installDay: number;
  segment: string;
  country: string;
  platform: string;
  /** Distinct active days, ascending. */
  activeDays: number[];
  sessions: SessionFact[];
  /** Every track event the user produced, in time order: names and UTC epoch milliseconds, same length. */
  eventNames: string[];
  eventTimesMs: number[];
  /** Total revenue in the product's currency, and the number of payments. */
  revenue: number;
  payments: number;
}
