/**
 * Product description → taxonomy additions. Small drafts take one call; large ones (or any answer
 * that leaves properties undefined) take a second stage that defines event properties in batches of
 * events. Every item is checked (`checkAdditions`); the caller merges the result with
 * `mergeAdditions`, which never replaces the user's rows.
 */
import { z } from 'zod';
import type { TaxonomyIssue } from '../../../taxonomy/issues.ts';
import { mergeAdditions } from '../../../taxonomy/merge.ts';
import { emptyTaxonomy, TaxonomyAdditionsSchema, type Language, type Platform, type Taxonomy, type TaxonomyAdditions } from '../../../taxonomy/model.ts';
import { validateTaxonomy } from '../../../taxonomy/validate/index.ts';
import { ask } from '../ask.ts';
import type { AiCache } from '../cache.ts';
import { compactTaxonomy } from '../prompts/data-block.ts';
import { draftSystem, draftUserPrompt, propertiesUserPrompt } from '../prompts/draft.ts';
import type { AiProvider } from '../provider.ts';
import { UsageLedger, type UsageSummary } from '../usage.ts';
import { checkAdditions, undefinedPropertyRefs, type DroppedItem } from './check.ts';

export interface DraftRequest {
  description: string;
  industry?: string;
  platforms?: Platform[];
  language: Language;
  existing?: Taxonomy;
  /** Upper bound on proposed events; above OUTLINE_THRESHOLD the draft runs in stages. */
  maxEvents?: number;
}

export interface DraftOptions {
  provider: AiProvider;
  cache?: AiCache | undefined;
  signal?: AbortSignal | undefined;
}

export interface DraftResult {
  additions: TaxonomyAdditions;
  /** Items the model proposed that broke a rule, with the reason. */
  dropped: DroppedItem[];
  /** What validation says about the existing taxonomy with the additions merged in. */
  issues?: TaxonomyIssue[];
  usage: UsageSummary;
}

export const OUTLINE_THRESHOLD = 30;
const PROPERTY_BATCH_EVENTS = 15;

// Run parameters (seed, dates, DAU) are the user's choice, not the model's.
const DraftProductSchema = TaxonomyAdditionsSchema.shape.product
  .unwrap()
  .pick({ name: true, industry: true, platforms: true, description: true, countries: true, targets: true });
export const DraftAnswerSchema = TaxonomyAdditionsSchema.extend({ product: DraftProductSchema.optional() });
const PropertiesAnswerSchema = z.object({ eventProperties: TaxonomyAdditionsSchema.shape.eventProperties.unwrap() });

export async function draftTaxonomy(request: DraftRequest, options: DraftOptions): Promise<DraftResult> {
  const ledger = new UsageLedger();
  const maxEvents = request.maxEvents ?? 25;
  const system = draftSystem(request.language);
  const outline = maxEvents > OUTLINE_THRESHOLD;
  const common = { provider: options.provider, ledger, cache: options.cache, signal: options.signal };

  const first = await ask({
    ...common,
    purpose: 'draft',
    schemaName: 'taxonomy_draft',
    schema: DraftAnswerSchema,
    system,
    user: (feedback) =>
      draftUserPrompt(
        {
          description: request.description,
          industry: request.industry ?? '',
          platforms: request.platforms ?? [],
          maxEvents,
          outline,
          ...(request.existing ? { existing: compactTaxonomy(request.existing) } : {}),
        },
        feedback,
      ),
    tier: 'smart',
    accept: (a) => ((a.events ?? []).length === 0 && !request.existing ? '- The draft has no events.' : undefined),
  });
  let additions: TaxonomyAdditions = { ...first, events: (first.events ?? []).slice(0, maxEvents) };

  // Stage two: define what the events refer to, a batch of events at a time.
  const missing = new Set(undefinedPropertyRefs(additions, request.existing));
  const batches = chunk((additions.events ?? []).filter((e) => e.properties?.some((p) => missing.has(p))), PROPERTY_BATCH_EVENTS);
  for (const events of batches) {
    const names = [...new Set(events.flatMap((e) => (e.properties ?? []).filter((p) => missing.has(p))))];
    const answer = await ask({
      ...common,
      purpose: 'draft.properties',
      schemaName: 'event_properties',
      schema: PropertiesAnswerSchema,
      system,
      user: (feedback) => propertiesUserPrompt({ description: request.description, events, names }, feedback),
      tier: 'smart',
    });
    const wanted = new Set(names.map((n) => n.toLowerCase()));
    const defined = answer.eventProperties.filter((p) => wanted.has(p.name.toLowerCase()));
    additions = { ...additions, eventProperties: [...(additions.eventProperties ?? []), ...defined] };
    for (const p of defined) missing.delete(p.name);
  }

  const checked = checkAdditions(additions, request.existing);
  const merged = mergeAdditions(request.existing ?? emptyTaxonomy(), checked.additions).taxonomy;
  return { additions: checked.additions, dropped: checked.dropped, issues: validateTaxonomy(merged), usage: ledger.summary() };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
