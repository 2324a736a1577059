/**
 * Taxonomy → simulation rules. One model call for an ordinary taxonomy; the answer is accepted
 * only if it parses as `Rules` and names nothing outside the taxonomy. Up to three attempts with
 * the problems fed back, then the offline analyzer, with a warning that says why.
 */
import { canonicalTaxonomyJson } from '../../taxonomy/canonical-json.ts';
import { TaxonomySchema, type Taxonomy } from '../../taxonomy/model.ts';
import { analyzeOffline } from '../engine/analyzer/offline.ts';
import { checkRulesAgainstTaxonomy, ruleErrors } from '../engine/rules/check.ts';
import { RulesSchema, type Rules } from '../engine/rules/schema.ts';
import { cacheKey, type AiCache } from './cache.ts';
import { answerSchema } from './json-schema.ts';
import { ANALYZE_SYSTEM, analyzeUserPrompt } from './prompts/analyze.ts';
import { PROMPT_VERSION } from './prompts/version.ts';
import { AiError, isAnswerError, type AiProvider } from './provider.ts';
import { UsageLedger, type UsageSummary } from './usage.ts';

export interface AnalyzeOptions {
  taxonomy: Taxonomy;
  /** Absent: offline rules, no calls. */
  provider?: AiProvider | undefined;
  cache?: AiCache | undefined;
  signal?: AbortSignal | undefined;
  /** Model calls before falling back to the offline analyzer. */
  maxAttempts?: number;
}

export type RulesSource = 'ai' | 'cache' | 'offline';

export interface AnalyzeResult {
  rules: Rules;
  source: RulesSource;
  /** Shown to the user: why the rules are offline, what was corrected. */
  warnings: string[];
  usage: UsageSummary;
}

const SCHEMA_NAME = 'simulation_rules';
let rulesJsonSchema: Record<string, unknown> | undefined;

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

  const model = provider.model('smart');
  const key = cacheKey({
    purpose: 'analyze',
    taxonomyJson: canonicalTaxonomyJson(taxonomy),
    input: {},
    provider: provider.kind,
    model,
    promptVersion: PROMPT_VERSION,
  });
  const cached = cache ? acceptRules(await cache.get(key), taxonomy) : undefined;
  if (cached?.ok) return { rules: cached.rules, source: 'cache', warnings: [], usage: ledger.summary() };

  rulesJsonSchema ??= answerSchema(RulesSchema);
  const maxAttempts = options.maxAttempts ?? 3;
  let feedback: string | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    try {
      const answer = await provider.complete({
        system: ANALYZE_SYSTEM,
        user: analyzeUserPrompt(taxonomy, feedback),
        schema: rulesJsonSchema,
        schemaName: SCHEMA_NAME,
        tier: 'smart',
        signal,
      });
      ledger.record('analyze', answer.model, answer.usage);
      const verdict = acceptRules(answer.data, taxonomy);
      if (verdict.ok) {
        await cache?.set(key, verdict.rules);
        return { rules: verdict.rules, source: 'ai', warnings: [], usage: ledger.summary() };
      }
      feedback = verdict.problems;
    } catch (err) {
      if (err instanceof AiError && err.code === 'aborted') throw err;
      if (err instanceof AiError && err.usage) ledger.record('analyze', model, err.usage);
      if (!isAnswerError(err)) {
        const reason = err instanceof Error ? err.message : String(err);
        return offline(`AI analysis failed (${reason}), so the rules come from the offline analyzer.`);
      }
      feedback = err.code === 'truncated' ? '- The answer was cut off at the output limit. Be more concise: fewer property rules, no descriptions.' : `- ${err.message}`;
    }
  }
  return offline(
    `The AI's rules were rejected ${maxAttempts} times, so the rules come from the offline analyzer. Last problems:\n${feedback ?? ''}`,
  );
}

type Verdict = { ok: true; rules: Rules } | { ok: false; problems: string };

/** Schema first, then names: any name outside the taxonomy rejects the whole answer. */
export function acceptRules(data: unknown, taxonomy: Taxonomy): Verdict {
  if (data === undefined) return { ok: false, problems: '- No answer.' };
  const parsed = RulesSchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 20).map((i) => `- ${i.path.join('.') || '(root)'}: ${i.message}`);
    return { ok: false, problems: lines.join('\n') };
  }
  const issues = ruleErrors(checkRulesAgainstTaxonomy(parsed.data, taxonomy));
  if (issues.length > 0) {
    const lines = issues.slice(0, 30).map((i) => `- ${i.path}: ${i.message}`);
    return { ok: false, problems: lines.join('\n') };
  }
  return { ok: true, rules: parsed.data };
}
