/**
 * Starting user properties for users installed before the range: a user who has played for weeks
 * is not level 1 with empty totals on their first event inside the range. Levels grow with the
 * square root of age (each level takes longer), counts and totals in proportion to age; users
 * installed inside the range keep the plain starting value.
 */
import type { Generator } from './values.ts';

const LEVEL = /level|rank|tier|stage|grade/i;
const TOTAL = /total|count|created|completed|spent|amount|value|balance|sum|num_/i;
/** Age at which a count or total reaches its full drawn value. */
const FULL_AGE_DAYS = 60;

export function ageAware(property: string, gen: Generator, max: number | undefined): Generator {
  if (LEVEL.test(property)) {
    return (ctx) => {
      const v = gen(ctx);
      const age = ctx.day - ctx.user.installDay;
      if (typeof v !== 'number' || ctx.user.installDay >= 0 || age <= 0) return v;
      const grown = v + Math.floor(Math.sqrt(age) * (0.5 + ctx.rng.next()) * 1.5);
      return max === undefined ? grown : Math.min(max, grown);
    };
  }
  if (TOTAL.test(property)) {
    return (ctx) => {
      const v = gen(ctx);
      if (typeof v !== 'number') return v;
      const age = ctx.day - ctx.user.installDay;
      // New users start from nothing; older users have built up a share of the drawn total.
      const share = ctx.user.installDay >= 0 ? 0 : Math.min(1, age / FULL_AGE_DAYS);
      return Number.isInteger(v) ? Math.round(v * share) : Math.round(v * share * 100) / 100;
    };
  }
  return gen;
}
