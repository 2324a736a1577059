/**
 * generateRun: validate, calibrate, simulate sharded across worker threads, write each day's
 * parts into its file in order, then write the manifest and the insights. The only entry point the
 * service and the CLI use.
 */
import { mkdir, rm, writeFile, rename } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { canonicalTaxonomyJson } from '../../../taxonomy/index.ts';
import type { Taxonomy } from '../../../taxonomy/model.ts';
import { createInsightsAccumulator, writeInsightsReport, type Insights, type InsightsConfig } from '../../insights/index.ts';
import { calibrate, type CalibrationTargets } from '../calibrate/index.ts';
import { partsFor } from '../model/roster.ts';
import { checkRulesAgainstTaxonomy, ruleErrors } from '../rules/check.ts';
import { readsNewUsers } from '../rules/funnel-population.ts';
import { RulesSchema, type Rules } from '../rules/schema.ts';
import { DAY_MS, formatDate, parseDate } from '../time/calendar.ts';
import { DayFile } from './day-file.ts';
import { sha256, stableJson, type RunFile, type RunManifest } from './manifest.ts';
import { ShardChannel } from './shard-channel.ts';

export const GenerateParamsSchema = z.object({
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use yyyy-MM-dd, e.g. 2026-01-01'),
  days: z.number().int().min(1).max(366),
  dau: z.number().int().min(1).max(5_000_000),
  seed: z.number().int(),
  workers: z.number().int().min(1).max(64).optional(),
  gzip: z.boolean().optional(),
});
export type GenerateParams = z.infer<typeof GenerateParamsSchema>;

export interface GenerateProgress {
  phase: 'calibrating' | 'generating' | 'insights' | 'done';
  /** Days written so far, of `days`. */
  day: number;
  days: number;
  records: number;
  bytes: number;
}

export interface GenerateOptions {
  taxonomy: Taxonomy;
  rules: Rules;
  params: GenerateParams;
  outDir: string;
  signal?: AbortSignal;
  onProgress?: (p: GenerateProgress) => void;
}

export class GenerateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GenerateError';
  }
}

export function targetsOf(t: Taxonomy, rules: Rules, dau: number): CalibrationTargets {
  const pt = t.product.targets;
  const funnels = rules.targets.funnels.length > 0
    ? rules.targets.funnels
    : t.funnels.filter((f) => f.stepConversion.some((x) => x !== null)).map((f) => ({ funnel: f.name, stepConversion: f.stepConversion }));
  const pick = (a: number | undefined, b: number | undefined) => a ?? b;
  // The run's DAU is what the user asked for (the CLI and the service default it from the Product
  // sheet); a DAU copied into the rules by the analyzer must not override it.
  const out: CalibrationTargets = { dau, funnels };
  const d1 = pick(rules.targets.d1, pt.d1);
  const d7 = pick(rules.targets.d7, pt.d7);
  const d30 = pick(rules.targets.d30, pt.d30);
  const payerRate = pick(rules.targets.payerRate, pt.payerRate);
  if (d1 !== undefined) out.d1 = d1;
  if (d7 !== undefined) out.d7 = d7;
  if (d30 !== undefined) out.d30 = d30;
  if (payerRate !== undefined) out.payerRate = payerRate;
  if (pt.dauMau !== undefined) out.dauMau = pt.dauMau;
  return out;
}

/**
 * Workers when the caller does not say: two, or one when gzip needs the second of two cores (this
 * thread compresses as it writes). With gzip on two cores, two workers against one ran between
 * 7 % slower and 9 % faster over five bench pairs, for ~25 MB more memory. The output is the same
 * bytes either way.
 */
export function defaultWorkers(gzip: boolean, cores: number): number {
  return Math.max(1, Math.min(2, gzip ? cores - 1 : cores));
}

export function insightsConfigOf(t: Taxonomy, rules: Pick<Rules, 'events'>, params: GenerateParams, targets: CalibrationTargets): InsightsConfig {
  const tg: InsightsConfig['targets'] = { dau: targets.dau };
  if (targets.d1 !== undefined) tg.d1 = targets.d1;
  if (targets.d7 !== undefined) tg.d7 = targets.d7;
  if (targets.d30 !== undefined) tg.d30 = targets.d30;
  if (targets.payerRate !== undefined) tg.payerRate = targets.payerRate;
  if (targets.dauMau !== undefined) tg.dauMau = targets.dauMau;
  return {
    startDate: params.startDate,
    days: params.days,
    funnels: t.funnels.map((f) => {
      const stated = targets.funnels.find((x) => x.funnel === f.name)?.stepConversion ?? f.stepConversion;
      return { name: f.name, steps: f.steps, windowHours: f.windowHours, stepTargets: f.steps.map((_, i) => (i === 0 ? null : (stated[i] ?? null))), newUsers: readsNewUsers(rules, f.steps) };
    }),
    targets: tg,
  };
}

export async function generateRun(o: GenerateOptions): Promise<RunManifest & { insights: Insights }> {
  const paramsResult = GenerateParamsSchema.safeParse(o.params);
  if (!paramsResult.success) {
    const i = paramsResult.error.issues[0]!;
    throw new GenerateError(`parameter ${i.path.join('.') || '(params)'}: ${i.message}`);
  }
  const params = paramsResult.data;
  try {
    parseDate(params.startDate);
  } catch (err) {
    throw new GenerateError(`parameter startDate: ${(err as Error).message}`);
  }
  const rulesResult = RulesSchema.safeParse(o.rules);
  if (!rulesResult.success) {
    const i = rulesResult.error.issues[0]!;
    throw new GenerateError(`rules.${i.path.join('.')}: ${i.message}. Fix the rules (or re-run the analysis) and try again.`);
  }
  const inputRules = rulesResult.data;
  const ruleProblems = ruleErrors(checkRulesAgainstTaxonomy(inputRules, o.taxonomy));
  if (ruleProblems.length > 0) {
    const list = ruleProblems.slice(0, 5).map((i) => `rules.${i.path}: ${i.message}`).join('; ');
    throw new GenerateError(`the rules do not fit the taxonomy (${ruleProblems.length} problem${ruleProblems.length > 1 ? 's' : ''}): ${list}. Re-run the analysis or fix the rules.`);
  }
  const signal = o.signal;
  signal?.throwIfAborted();
  const progress = (p: GenerateProgress) => o.onProgress?.(p);

  progress({ phase: 'calibrating', day: 0, days: params.days, records: 0, bytes: 0 });
  const targets = targetsOf(o.taxonomy, inputRules, params.dau);
  const { rules, plan, report } = await calibrate(o.taxonomy, inputRules, { startDate: params.startDate, days: params.days, seed: params.seed, targets });
  signal?.throwIfAborted();

  const dataDir = join(o.outDir, 'data');
  await mkdir(dataDir, { recursive: true });
  const insightsConfig = insightsConfigOf(o.taxonomy, rules, params, targets);
  const parts = partsFor(params.dau);
  const shards = Math.min(parts, Math.max(1, params.workers ?? defaultWorkers(params.gzip ?? false, availableParallelism())));
  // One worker leaves the main thread a core to compress on; more workers each compress their own
  // parts, so compression grows with them instead of capping the run at one thread's zlib speed.
  // The bytes are the same either way (see gzip-blocks.ts).
  const gzipInWorkers = (params.gzip ?? false) && shards > 1;
  const channels = Array.from({ length: shards }, (_, shard) =>
    new ShardChannel({ taxonomy: o.taxonomy, rules, startDate: params.startDate, days: params.days, seed: params.seed, plan, parts, shard, shards, insights: insightsConfig }, { gzip: gzipInWorkers }),
  );
  const startMs = parseDate(params.startDate);
  progress({ phase: 'generating', day: 0, days: params.days, records: 0, bytes: 0 });
  const files: RunFile[] = [];
  let records = 0;
  let bytes = 0;
  let current: DayFile | null = null;
  const onAbort = () => void Promise.all(channels.map((c) => c.terminate()));
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (let d = 0; d < params.days; d++) {
      signal?.throwIfAborted();
      const date = formatDate(startMs + d * DAY_MS);
      const rel = `data/${date}.jsonl${params.gzip ? '.gz' : ''}`;
      current = new DayFile(join(o.outDir, rel), params.gzip ?? false);
      // The day is its parts in order, each from the worker that owns it (see roster.ts).
      for (let part = 0; part < parts; part++) {
        signal?.throwIfAborted();
        const channel = channels[part % shards]!;
        for (let c = await channel.nextChunk(d, part); c; c = await channel.nextChunk(d, part)) {
          if ('ends' in c) current.append(c.bytes, c.ends);
          else current.appendMember(c.member, c.records);
          channel.giveBack(c);
        }
        current.endPart();
      }
      const size = await current.finish();
      files.push({ path: rel, date, records: current.records, bytes: size });
      records += current.records;
      bytes += size;
      current = null;
      progress({ phase: 'generating', day: d + 1, days: params.days, records, bytes });
    }
    const done = await Promise.all(channels.map((c) => c.finished()));
    progress({ phase: 'insights', day: params.days, days: params.days, records, bytes });
    const acc = createInsightsAccumulator(insightsConfig);
    for (const m of done) acc.merge(m.partial);
    const insights = acc.finish(report.warnings);
    const byType: Record<string, number> = {};
    for (const m of done) for (const [k, v] of Object.entries(m.byType)) byType[k] = (byType[k] ?? 0) + v;
    const manifest: RunManifest = {
      format: 1,
      seed: params.seed,
      params: { startDate: params.startDate, days: params.days, dau: params.dau, seed: params.seed, gzip: params.gzip ?? false },
      taxonomyHash: sha256(canonicalTaxonomyJson(o.taxonomy)),
      rulesHash: sha256(stableJson(inputRules)),
      counts: { records, users: done.reduce((s, m) => s + m.users, 0), byType: Object.fromEntries(Object.entries(byType).sort()) },
      files,
      calibration: report,
    };
    await writeInsightsReport(o.outDir, insights, o.taxonomy.product.name || undefined);
    const tmp = join(o.outDir, 'run.json.tmp');
    await writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(tmp, join(o.outDir, 'run.json'));
    progress({ phase: 'done', day: params.days, days: params.days, records, bytes });
    return { ...manifest, insights };
  } catch (err) {
    (current as DayFile | null)?.abort();
    if (signal?.aborted) {
      await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
      throw signal.reason instanceof Error ? signal.reason : new Error('generation was cancelled');
    }
    throw err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await Promise.all(channels.map((c) => c.terminate()));
  }
}
