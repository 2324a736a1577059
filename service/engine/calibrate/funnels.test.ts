/**
 * Funnel targets on the three example workbooks: every stated step conversion is met within ±3
 * points, or the run says why it cannot be (a warning naming the funnel and the step). Runs this
 * small are piloted as themselves, so the pilot's last reading is the run's own.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../examples/build-examples.ts';
import { analyzeOffline } from '../analyzer/offline.ts';
import { generateRun } from '../run/generate-run.ts';

describe.each(Object.keys(EXAMPLES))('funnel targets of example %s', (name) => {
  it('meets each stated step within ±3 points or warns about it, and the payer rate', async () => {
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
        expect(Math.abs(t.achieved! - t.target), `${t.metric}: achieved ${t.achieved}, target ${t.target}`).toBeLessThanOrEqual(0.03);
      }
      // The payer rate, which the funnels' payment steps feed, is met too (each example states one).
      const payer = run.insights.targets.find((t) => t.metric === 'payerRate')!;
      expect(payer, `payer rate ${payer.achieved} against ${payer.target}; warnings: ${run.calibration.warnings.join(' | ')}`).toMatchObject({ met: true });
      for (const p of run.calibration.pilot.funnels) {
        // The report rounds shares to 4 decimals.
        const read = run.insights.funnels.find((f) => f.name === p.funnel)!.steps.map((s) => s.conversion);
        const piloted = p.stepConversion.map((x) => (x === null ? null : Math.round(x * 1e4) / 1e4));
        expect(read, `funnel ${p.funnel}: the pilot read what the run reports`).toEqual(piloted);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
