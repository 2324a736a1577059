/**
 * Who exists: how many users install on each day, from `-historyDays` (the existing user base)
 * to the last simulated day. User indexes follow install day, so they are the same whatever the
 * number of workers; a worker takes the indexes `i % shards === shard`.
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

/** Whether user `index` belongs to `shard` of `shards` (the one partition rule). */
export function inShard(index: number, shard: number, shards: number): boolean {
  return index % shards === shard;
}

/** How many of the roster's users belong to `shard` of `shards`. */
export function shardSize(r: Roster, shard: number, shards: number): number {
  const total = rosterSize(r);
  return total > shard ? Math.floor((total - 1 - shard) / shards) + 1 : 0;
}

export function rosterSize(r: Roster): number {
  return r.counts.reduce((a, b) => a + b, 0);
}
