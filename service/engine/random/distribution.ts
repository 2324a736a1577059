/** Draws from the rules' distributions. Compiled once into closures so the hot path never switches on kind. */
import type { Distribution } from '../rules/schema.ts';
import type { Rng } from './prng.ts';

export type Sampler = (rng: Rng) => number;

function clamp(v: number, min: number | undefined, max: number | undefined): number {
  if (min !== undefined && v < min) return min;
  if (max !== undefined && v > max) return max;
  return v;
}

export function compileDistribution(d: Distribution): Sampler {
  switch (d.kind) {
    case 'constant': {
      const v = d.value;
      return () => v;
    }
    case 'uniform': {
      const { min, max } = d;
      return (rng) => min + rng.next() * (max - min);
    }
    case 'lognormal': {
      const mu = Math.log(d.median);
      const { sigma, min, max } = d;
      return (rng) => clamp(Math.exp(mu + sigma * rng.normal()), min, max);
    }
    case 'pareto': {
      const { min, alpha, max } = d;
      return (rng) => clamp(min / Math.pow(1 - rng.next(), 1 / alpha), undefined, max);
    }
    case 'poisson': {
      const { mean, min, max } = d;
      if (mean > 30) {
        // Normal approximation: exact Poisson sampling is linear in the mean.
        return (rng) => clamp(Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal())), min, max);
      }
      const limit = Math.exp(-mean);
      return (rng) => {
        let k = 0;
        let p = rng.next();
        while (p > limit) {
          k++;
          p *= rng.next();
        }
        return clamp(k, min, max);
      };
    }
    case 'geometric': {
      // Counts >= 1 with the given mean: P(k) = (1-q) q^(k-1), q = 1 - 1/mean.
      const q = 1 - 1 / d.mean;
      const max = d.max;
      if (q <= 0) return () => 1;
      const logQ = Math.log(q);
      return (rng) => clamp(1 + Math.floor(Math.log(1 - rng.next()) / logQ), undefined, max);
    }
  }
}

/** The expected value, for calibration and sizing (approximate for clamped draws). */
export function meanOf(d: Distribution): number {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'lognormal':
      return d.median * Math.exp((d.sigma * d.sigma) / 2);
    case 'pareto':
      return d.alpha > 1 ? (d.alpha * d.min) / (d.alpha - 1) : (d.max ?? d.min * 10);
    case 'poisson':
      return d.mean;
    case 'geometric':
      return d.mean;
  }
}
