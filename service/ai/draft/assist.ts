/**
 * Smaller helpers on an existing taxonomy: suggest properties for one event, fill missing display
 * names and descriptions, suggest allowed values for one property. Each returns additions, checked
 * like a draft, for the caller to merge.
 */
import { z } from 'zod';
import {
  AllowedValuesSchema,
  TaxonomyAdditionsSchema,
  type Language,
  type Taxonomy,
  type TaxonomyAdditions,
} from '../../../taxonomy/model.ts';
import { ask } from '../ask.ts';
import type { AiCache } from '../cache.ts';
import { compactTaxonomy } from '../prompts/data-block.ts';
import { allowedValuesPrompt, draftSystem, fillDescriptionsPrompt, suggestPropertiesPrompt } from '../prompts/draft.ts';
import type { AiProvider } from '../provider.ts';
import { UsageLedger } from '../usage.ts';
import { checkAdditions } from './check.ts';
import type { DraftResult } from './draft.ts';

export interface AssistOptions {
  provider: AiProvider;
  cache?: AiCache | undefined;
  signal?: AbortSignal | undefined;
}

export class UnknownNameError extends Error {
  override name = 'UnknownNameError';
}

export async function suggestProperties(taxonomy: Taxonomy, event: string, language: Language, options: AssistOptions): Promise<DraftResult> {
  const target = taxonomy.events.find((e) => e.name === event);
  if (!target) throw new UnknownNameError(`There is no event '${event}' in the taxonomy; check the Events sheet.`);
  const ledger = new UsageLedger();
  const schema = TaxonomyAdditionsSchema.pick({ events: true, eventProperties: true });
  const answer = await ask({
    ...options,
    ledger,
    purpose: 'suggest_properties',
    schemaName: 'event_property_suggestions',
    schema,
    system: draftSystem(language),
    user: (feedback) => suggestPropertiesPrompt(compactTaxonomy(taxonomy), event, feedback),
    tier: 'smart',
  });
  // Only the asked-for event may change, and only by gaining properties.
  const proposed = (answer.events ?? []).find((e) => e.name === event)?.properties ?? [];
  const known = new Set([...taxonomy.eventProperties, ...taxonomy.commonProperties].map((p) => p.name.toLowerCase()));
  const fresh = (answer.eventProperties ?? []).map((p) => p.name).filter((n) => !known.has(n.toLowerCase()));
  const added = [...proposed, ...fresh].filter((n) => !target.properties.includes(n));
  const additions: TaxonomyAdditions = {
    events: [{ name: event, properties: [...target.properties, ...new Set(added)] }],
    eventProperties: answer.eventProperties ?? [],
  };
  const checked = checkAdditions(additions, taxonomy);
  return { ...checked, usage: ledger.summary() };
}

const DescribedRow = z.object({
  kind: z.enum(['event', 'eventProperty', 'commonProperty', 'userProperty']),
  name: z.string(),
  displayName: z.string(),
  description: z.string(),
});
const DescriptionsSchema = z.object({ rows: z.array(DescribedRow) });
type Kind = z.infer<typeof DescribedRow>['kind'];

export async function fillDescriptions(taxonomy: Taxonomy, language: Language, options: AssistOptions): Promise<DraftResult> {
  const lists: [Kind, { name: string; displayName: string; description: string }[]][] = [
    ['event', taxonomy.events],
    ['eventProperty', taxonomy.eventProperties],
    ['commonProperty', taxonomy.commonProperties],
    ['userProperty', taxonomy.userProperties],
  ];
  const wanted = lists.flatMap(([kind, rows]) =>
    rows.filter((r) => !r.displayName.trim() || !r.description.trim()).map((r) => ({ kind, name: r.name, displayName: r.displayName, description: r.description })),
  );
  const ledger = new UsageLedger();
  if (wanted.length === 0) return { additions: {}, dropped: [], usage: ledger.summary() };
  const answer = await ask({
    ...options,
    ledger,
    purpose: 'fill_descriptions',
    schemaName: 'descriptions',
    schema: DescriptionsSchema,
    system: draftSystem(language),
    user: (feedback) => fillDescriptionsPrompt(wanted, feedback),
    tier: 'fast',
  });
  const asked = new Set(wanted.map((w) => `${w.kind}:${w.name}`));
  const rows = answer.rows.filter((r) => asked.has(`${r.kind}:${r.name}`));
  // Only the gaps: a display name or description the user wrote is never replaced.
  const gap = (kind: Kind) =>
    rows
      .filter((r) => r.kind === kind)
      .map((r) => {
        const have = wanted.find((w) => w.kind === kind && w.name === r.name)!;
        return { name: r.name, ...(have.displayName.trim() ? {} : { displayName: r.displayName }), ...(have.description.trim() ? {} : { description: r.description }) };
      });
  const additions: TaxonomyAdditions = {
    events: gap('event'),
    eventProperties: gap('eventProperty'),
    commonProperties: gap('commonProperty'),
    userProperties: gap('userProperty'),
  };
  const checked = checkAdditions(additions, taxonomy);
  return { ...checked, usage: ledger.summary() };
}

const AllowedAnswerSchema = z.object({ allowed: AllowedValuesSchema });

export async function suggestAllowedValues(taxonomy: Taxonomy, property: string, language: Language, options: AssistOptions): Promise<DraftResult> {
  const kinds = [
    ['eventProperties', taxonomy.eventProperties],
    ['commonProperties', taxonomy.commonProperties],
    ['userProperties', taxonomy.userProperties],
  ] as const;
  const found = kinds.map(([kind, rows]) => [kind, rows.find((r) => r.name === property)] as const).find(([, row]) => row);
  if (!found || !found[1]) throw new UnknownNameError(`There is no property '${property}' in the taxonomy; check the property sheets.`);
  const [kind, row] = found;
  const ledger = new UsageLedger();
  const answer = await ask({
    ...options,
    ledger,
    purpose: 'suggest_allowed_values',
    schemaName: 'allowed_values',
    schema: AllowedAnswerSchema,
    system: draftSystem(language),
    user: (feedback) =>
      allowedValuesPrompt(
        { name: row.name, type: row.type, displayName: row.displayName, description: row.description },
        { industry: taxonomy.product.industry, description: taxonomy.product.description },
        feedback,
      ),
    tier: 'fast',
  });
  const checked = checkAdditions({ [kind]: [{ name: row.name, type: row.type, allowed: answer.allowed }] }, taxonomy);
  return { ...checked, usage: ledger.summary() };
}
