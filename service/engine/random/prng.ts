/**
 * Seeded randomness. Every user draws from its own sfc32 stream seeded from (run seed, user index,
 * purpose) through splitmix32, so a user's life never depends on which worker simulates it or on
 * how many other users exist. No `Math.random` anywhere in the engine.
 */

function splitmix32(state: number): [number, number] {
  const s = (state + 0x9e3779b9) | 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [s, (z ^ (z >>> 16)) >>> 0];
}

/** Small fast generator (sfc32): 128 bits of state, a few integer ops a draw. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...seeds: number[]) {
    let s = 0x2545f491;
    for (const seed of seeds) {
      // Each part goes through the mixer (its output, not its counter): with the counter alone
      // the parts only XOR together, so another run seed gave mostly the same users' streams at
      // other indexes, and runs with different seeds read almost the same rates. Both halves of
      // large seeds are folded in.
      s = splitmix32(s ^ (seed | 0))[1] | 0;
      s = splitmix32(s ^ Math.floor(seed / 0x100000000))[1] | 0;
    }
    // State is kept as signed 32-bit integers (`| 0`), never as unsigned: V8 stores those in the
    // object itself, while one unsigned value above 2^31 would box every state field of every
    // generator (two per simulated user) as a separate heap number. The draws are the same bits.
    let out: number;
    [s, out] = splitmix32(s);
    this.a = out | 0;
    [s, out] = splitmix32(s);
    this.b = out | 0;
    [s, out] = splitmix32(s);
    this.c = out | 0;
    [, out] = splitmix32(s);
    this.d = out | 0;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Uniform unsigned 32-bit integer. */
  u32(): number {
    const a = this.a, b = this.b, c = this.c, d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.c = (r + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [min, max], inclusive. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal by Box–Muller (one of the pair; simplicity beats the saved draw). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

/** Stream purposes, so two uses of one user's seed never share draws. */
export const STREAM = { life: 1, traits: 2, values: 3 } as const;
