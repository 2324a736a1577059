/**
 * Insights over a run, computed while it is generated.
 *
 * Each worker thread keeps an accumulator for its users and posts `partial()` (structured-clone
 * safe) to the main thread, which merges them and calls `finish()`.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { addUser, createPartial, mergePartial, type InsightsPartial } from './accumulator.ts';
import type { UserFacts } from './facts.ts';
import { finishInsights } from './finish.ts';
import { renderReportHtml } from './report-html.ts';
import type { Insights, InsightsConfig } from './types.ts';

export type { UserFacts, SessionFact } from './facts.ts';
export type { Insights, InsightsConfig, TargetCheck } from './types.ts';
export type { InsightsPartial } from './accumulator.ts';
export { renderReportHtml } from './report-html.ts';
export { TOLERANCE } from './finish.ts';

export interface InsightsAccumulator {
  addUser(facts: UserFacts): void;
  /** The state so far, to send to another thread and merge there. */
  partial(): InsightsPartial;
  merge(partial: InsightsPartial): void;
  /** `calibrationWarnings`: what calibration expects the run to miss, reported with the targets. */
  finish(calibrationWarnings?: readonly string[]): Insights;
}

export function createInsightsAccumulator(config: InsightsConfig): InsightsAccumulator {
  const state = createPartial(config);
  return {
    addUser: (facts) => addUser(state, facts),
    partial: () => state,
    merge: (partial) => mergePartial(state, partial),
    finish: (calibrationWarnings = []) => finishInsights(state, calibrationWarnings),
  };
}

async function writeAtomically(path: string, content: string): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, content);
  await rename(tmp, path);
}

/** Writes `insights.json` and `report.html` into a run directory. */
export async function writeInsightsReport(runDir: string, insights: Insights, title?: string): Promise<void> {
  await mkdir(runDir, { recursive: true });
  await writeAtomically(join(runDir, 'insights.json'), `${JSON.stringify(insights, null, 2)}\n`);
  await writeAtomically(join(runDir, 'report.html'), renderReportHtml(insights, title));
}
