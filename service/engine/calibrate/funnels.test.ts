/**
 * Funnel targets on the three example workbooks: every stated step conversion is met within ±3
 * points, or the run says why it cannot be (a warning naming the funnel and the step).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../examples/build-examples.ts';
import { analyzeOffline } from '../analyzer/offline.ts';
import { generateRun } from '../run/generate-run.ts';

describe.each(Object.keys(EXAMPLES))('funnel targets of example %s', (name) => {
  it('meets each stated step within ±3 points or warns about it', async () => {
    const taxonomy = EXAMPLES[name]!;
    const dir = await mkdtemp(join(tmpdir(), 'dds-funnels-'));
    try {
      const run = await generateRun({ taxonomy, rules: analyzeOffline(taxonomy), params: { startDate: '2026-01-01', days: 10, dau: 600, seed: 7, workers: 1 }, outDir: dir });
      const steps = run.insights.targets.filter((t) => t.metric.startsWith('funnel:'));
      expect(steps.length).toBeGreaterThan(0);
      for (const t of steps) {
        const [, funnel, step] = t.metric.split(':');
        const warned = run.calibration.warnings.some((w) => w.startsWith(`funnel "${funnel}"`) && w.includes(`"${step}":`));
        if (warned) continue;
        // ±3 points, widened by the sampling error of a run this small (two standard errors of
        // the step's share among the users who reached the step before).
        const steps = run.insights.funnels.find((f) => f.name === funnel)!.steps;
        const k = steps.findIndex((s, i) => i > 0 && s.event === step);
        const n = steps[k - 1]!.users;
        const noise = 2 * Math.sqrt((t.target * (1 - t.target)) / Math.max(1, n));
        expect(Math.abs(t.achieved! - t.target), `${t.metric}: achieved ${t.achieved}, target ${t.target}, ${n} users`).toBeLessThanOrEqual(0.03 + noise);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
