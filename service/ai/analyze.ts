/**
 * Taxonomy → simulation rules. One model call for an ordinary taxonomy (a fixed few for a very
 * large one); the answer is accepted only if it parses as `Rules` and names nothing outside the
 * taxonomy. Up to three attempts with the problems fed back, then the offline analyzer, with a
 * warning that says why.
 */
import { canonicalTaxonomyJson } from '../../taxonomy/canonical-json.ts';
import { TaxonomySchema, type Taxonomy } from '../../taxonomy/model.ts';
import { analyzeOffline } from '../engine/analyzer/offline.ts';
import { checkRulesAgainstTaxonomy, ruleErrors } from '../engine/rules/check.ts';
import { RulesSchema, type Rules } from '../engine/rules/schema.ts';
import { analyzeInParts, needsParts } from './analyze-parts.ts';
import { AnswerRejectedError, ask } from './ask.ts';
import { cacheKey, type AiCache } from './cache.ts';
import { ANALYZE_SYSTEM, analyzeUserPrompt } from './prompts/analyze.ts';
import { PROMPT_VERSION } from './prompts/version.ts';
import { AiError, type AiProvider } from './provider.ts';
import { UsageLedger, type UsageSummary } from './usage.ts';

export interface AnalyzeOptions {
  taxonomy: Taxonomy;
  /** Absent: offline rules, no calls. */
  provider?: AiProvider | undefined;
  cache?: AiCache | undefined;
  signal?: AbortSignal | undefined;
  /** Model calls per question before falling back to the offline analyzer. */
  maxAttempts?: number;
}

export type RulesSource = 'ai' | 'cache' | 'offline';

export interface AnalyzeResult {
  rules: Rules;
  source: RulesSource;
  /** Shown to the user: why the rules are offline. */
  warnings: string[];
  usage: UsageSummary;
}

export async function analyzeTaxonomy(options: AnalyzeOptions): Promise<AnalyzeResult> {
  const taxonomy = TaxonomySchema.parse(options.taxonomy);
  const { provider, cache, signal } = options;
  const ledger = new UsageLedger();
  const offline = (warning: string): AnalyzeResult => ({
    rules: analyzeOffline(taxonomy),
    source: 'offline',
    warnings: [warning],
    usage: ledger.summary(),
  });
  if (!provider) return offline('No AI provider is configured, so the rules come from the offline analyzer.');

  const key = cacheKey({
    purpose: 'analyze',
    taxonomyJson: canonicalTaxonomyJson(taxonomy),
    input: {},
    provider: provider.kind,
    model: provider.model('smart'),
    promptVersion: PROMPT_VERSION,
  });
  const cached = cache ? await cache.get(key) : undefined;
  if (cached !== undefined && !rulesProblems(cached, taxonomy)) {
    return { rules: RulesSchema.parse(cached), source: 'cache', warnings: [], usage: ledger.summary() };
  }

  const attempts = options.maxAttempts ?? 3;
  try {
    const rules = needsParts(taxonomy)
      ? await analyzeInParts(taxonomy, { provider, ledger, signal, attempts })
      : await ask({
          provider,
          ledger,
          signal,
          attempts,
          purpose: 'analyze',
          schemaName: 'simulation_rules',
          schema: RulesSchema,
          system: ANALYZE_SYSTEM,
          user: (feedback) => analyzeUserPrompt(taxonomy, feedback),
          tier: 'smart',
          accept: (r) => rulesProblems(r, taxonomy),
        });
    // Parts are checked one by one; the whole must hold too.
    const problems = rulesProblems(rules, taxonomy);
    if (problems) return offline(`The AI's rules did not fit together, so the rules come from the offline analyzer. Problems:\n${problems}`);
    await cache?.set(key, rules);
    return { rules, source: 'ai', warnings: [], usage: ledger.summary() };
  } catch (err) {
    if (err instanceof AiError && err.code === 'aborted') throw err;
    if (err instanceof AnswerRejectedError) {
      return offline(`The AI's rules were rejected ${err.attempts} times, so the rules come from the offline analyzer. Last problems:\n${err.problems}`);
    }
    if (err instanceof AiError) return offline(`AI analysis failed (${err.message}), so the rules come from the offline analyzer.`);
    throw err;
  }
}

/** Schema first, then names: any name outside the taxonomy rejects the whole answer. */
export function rulesProblems(data: unknown, taxonomy: Taxonomy): string | undefined {
  const parsed = RulesSchema.safeParse(data);
  if (!parsed.success) return parsed.error.issues.slice(0, 20).map((i) => `- ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
  const issues = ruleErrors(checkRulesAgainstTaxonomy(parsed.data, taxonomy));
  return issues.length ? issues.slice(0, 30).map((i) => `- ${i.path}: ${i.message}`).join('\n') : undefined;
}
