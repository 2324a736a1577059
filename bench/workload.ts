/**
 * The fixed benchmark workload: a mobile game taxonomy (the engine's reference fixture) with
 * rules that give about 20 track events per active user-day. Changing it changes every figure
 * the benchmark has ever printed, so it lives here, apart from the tests' fixtures.
 */
import type { Taxonomy } from '../taxonomy/model.ts';
import { gameRules, gameTaxonomy } from '../service/engine/fixtures/game.ts';
import type { Rules } from '../service/engine/index.ts';

export const BENCH_PARAMS = { startDate: '2026-01-01', days: 30, dau: 10_000, seed: 20260101 } as const;

export function benchTaxonomy(): Taxonomy {
  const t = gameTaxonomy();
  // Rates, not targets: the benchmark measures generation, not calibration pilots.
  t.funnels = t.funnels.map((f) => ({ ...f, stepConversion: f.steps.map(() => null) }));
  return t;
}

export function benchRules(): Rules {
  return gameRules({ acquisition: { newUserShareOfDau: 0.1, trendPerDay: 0, historyDays: 30 } });
}
