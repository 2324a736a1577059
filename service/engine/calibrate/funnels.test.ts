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
        if (!warned) expect(Math.abs(t.achieved! - t.target), `${t.metric}: achieved ${t.achieved}, target ${t.target}`).toBeLessThanOrEqual(0.03);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
