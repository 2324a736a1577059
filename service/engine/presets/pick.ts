/**
 * Deterministic choices. Every helper takes the caller's PRNG (uniform in [0, 1)) so the simulator's
 * per-user streams decide everything; nothing here keeps state or reads the clock.
 */
export type Rng = () => number;

/** One item by relative weight; items with weight ≤ 0 are never picked unless all are. */
export function pickWeighted<T>(items: readonly T[], weightOf: (item: T) => number, rng: Rng): T {
  if (items.length === 0) throw new RangeError('pickWeighted needs at least one item');
  let total = 0;
  for (const item of items) total += Math.max(0, weightOf(item));
  if (total <= 0) return items[Math.min(items.length - 1, Math.floor(rng() * items.length))]!;
  let r = rng() * total;
  for (const item of items) {
    r -= Math.max(0, weightOf(item));
    if (r < 0) return item;
  }
  // Floating-point leftovers land on the last positively weighted item.
  for (let i = items.length - 1; i >= 0; i--) if (weightOf(items[i]!) > 0) return items[i]!;
  return items[items.length - 1]!;
}

/** `{ value, share }` lists are the common shape of preset tables. */
export function pickShare<T>(items: readonly { value: T; share: number }[], rng: Rng): T {
  return pickWeighted(items, (i) => i.share, rng).value;
}

export function pickUniform<T>(items: readonly T[], rng: Rng): T {
  if (items.length === 0) throw new RangeError('pickUniform needs at least one item');
  return items[Math.min(items.length - 1, Math.floor(rng() * items.length))]!;
}
