/**
 * Who exists: how many users install on each day, from `-historyDays` (the existing user base)
 * to the last simulated day. User indexes follow install day, so they are the same whatever the
 * number of workers.
 *
 * Users are split into parts, `i % parts`, and each day's file holds the parts one after another,
 * each in time order. The number of parts follows the DAU, never the worker count, so the bytes
 * are the same for any number of workers; a worker owns the parts `p % shards === shard`. A part
 * is what one worker simulates while another's waits to be written, so parts stay small.
 */
export interface Roster {
  firstDay: number;
  /** counts[d - firstDay]: users installing on day d. */
  counts: number[];
}

export interface PopulationPlan {
  /** New users per day before the range (the existing base) and inside it, before trend/timeline factors. */
  historyPerDay: number;
  newPerDay: number;
  historyDays: number;
  trendPerDay: number;
}

export function buildRoster(plan: PopulationPlan, days: number, acquisitionFactor: (day: number) => number): Roster {
  const counts: number[] = [];
  let carry = 0;
  for (let d = -plan.historyDays; d < days; d++) {
    const base = d < 0 ? plan.historyPerDay : plan.newPerDay;
    // Carry the fractional part so totals match the rate without random rounding.
    const exact = base * Math.pow(1 + plan.trendPerDay, d) * acquisitionFactor(d) + carry;
    const n = Math.max(0, Math.floor(exact));
    carry = exact - n;
    counts.push(n);
  }
  return { firstDay: -plan.historyDays, counts };
}

/** About this many DAU per part: a part-day of the bench workload is then ~2.5 MB of records. */
const DAU_PER_PART = 160;
/**
 * A few parts even on a small run, so two workers share it; not more, since every part-day costs
 * messages between threads whatever its size.
 */
const MIN_PARTS = 4;
const MAX_PARTS = 4096;

export function partsFor(dau: number): number {
  return Math.min(MAX_PARTS, Math.max(MIN_PARTS, Math.ceil(dau / DAU_PER_PART)));
}

/** The part user `index` belongs to (the one partition rule). */
export function partOf(index: number, parts: number): number {
  return index % parts;
}

/** The parts worker `shard` of `shards` simulates, ascending. */
export function partsOfShard(parts: number, shard: number, shards: number): number[] {
  const own: number[] = [];
  for (let p = shard; p < parts; p += shards) own.push(p);
  return own;
}

/** How many of the roster's users belong to the parts of worker `shard` of `shards`. */
export function shardSize(r: Roster, parts: number, shard: number, shards: number): number {
  const total = rosterSize(r);
  let n = 0;
  for (const p of partsOfShard(parts, shard, shards)) if (total > p) n += Math.floor((total - 1 - p) / parts) + 1;
  return n;
}

export function rosterSize(r: Roster): number {
  return r.counts.reduce((a, b) => a + b, 0);
}
