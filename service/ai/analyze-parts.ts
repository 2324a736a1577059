/**
 * Large taxonomies in a small, fixed number of calls: one for the structure (segments, lifecycle,
 * event weights, funnels, timeline) over every event without property details, then one per group
 * of events (at most PROPERTY_GROUPS) for property rules and user updates. Each part is checked
 * against the names it was shown; the merged rules are checked against the whole taxonomy.
 */
import type { Taxonomy } from '../../taxonomy/model.ts';
import { checkRulesAgainstTaxonomy, ruleErrors } from '../engine/rules/check.ts';
import { RulesSchema, type Rules } from '../engine/rules/schema.ts';
import { ask } from './ask.ts';
import { compactTaxonomy } from './prompts/data-block.ts';
import { ANALYZE_SYSTEM, analyzeCoreUserPrompt, analyzePropertiesUserPrompt } from './prompts/analyze.ts';
import type { AiProvider } from './provider.ts';
import type { UsageLedger } from './usage.ts';

/** Above this many characters of taxonomy data (about 12k tokens) the analysis runs in parts. */
export const PARTS_THRESHOLD_CHARS = 48_000;
export const PROPERTY_GROUPS = 2;

export function needsParts(t: Taxonomy): boolean {
  return JSON.stringify(compactTaxonomy(t)).length > PARTS_THRESHOLD_CHARS;
}

const PropertyPartSchema = RulesSchema.pick({ properties: true, userUpdates: true, initialUserProperties: true });

interface PartsContext {
  provider: AiProvider;
  ledger: UsageLedger;
  signal?: AbortSignal | undefined;
  attempts: number;
}

export async function analyzeInParts(taxonomy: Taxonomy, ctx: PartsContext): Promise<Rules> {
  const core: Taxonomy = { ...taxonomy, eventProperties: [], commonProperties: [], events: taxonomy.events.map((e) => ({ ...e, properties: [] })) };
  const structure = await ask({
    ...ctx,
    purpose: 'analyze.core',
    schemaName: 'simulation_rules',
    schema: RulesSchema,
    system: ANALYZE_SYSTEM,
    user: (feedback) => analyzeCoreUserPrompt(core, feedback),
    tier: 'smart',
    accept: (rules) => problems(rules, core),
  });
  const base: Rules = { ...structure, properties: [], userUpdates: [], initialUserProperties: [] };
  let rules = base;
  for (const group of eventGroups(taxonomy, PROPERTY_GROUPS)) {
    const part = await ask({
      ...ctx,
      purpose: 'analyze.properties',
      schemaName: 'property_rules',
      schema: PropertyPartSchema,
      system: ANALYZE_SYSTEM,
      user: (feedback) => analyzePropertiesUserPrompt(group, feedback),
      tier: 'smart',
      // Checked on its own (not with earlier groups' rules), against the names this group was shown.
      accept: (p) => problems({ ...base, ...p }, group, /^(properties|userUpdates|initialUserProperties)\b/),
    });
    rules = {
      ...rules,
      properties: [...rules.properties, ...part.properties],
      userUpdates: [...rules.userUpdates, ...part.userUpdates],
      initialUserProperties: [...rules.initialUserProperties, ...part.initialUserProperties],
    };
  }
  return rules;
}

function problems(rules: Rules, t: Taxonomy, only?: RegExp): string | undefined {
  const errors = ruleErrors(checkRulesAgainstTaxonomy(rules, t)).filter((i) => !only || only.test(i.path));
  return errors.length ? errors.slice(0, 30).map((i) => `- ${i.path}: ${i.message}`).join('\n') : undefined;
}

/**
 * Events split into `count` groups of similar size, keeping a category together where it fits,
 * each with the property rows its events use and every user property.
 */
export function eventGroups(t: Taxonomy, count: number): Taxonomy[] {
  const byCategory = new Map<string, Taxonomy['events']>();
  for (const e of t.events) byCategory.set(e.category, [...(byCategory.get(e.category) ?? []), e]);
  const target = Math.ceil(t.events.length / count);
  const groups: Taxonomy['events'][] = [[]];
  for (const events of byCategory.values()) {
    for (const e of events) {
      if (groups.at(-1)!.length >= target && groups.length < count) groups.push([]);
      groups.at(-1)!.push(e);
    }
  }
  return groups.filter((g) => g.length > 0).map((events) => {
    const used = new Set(events.flatMap((e) => e.properties.map((p) => p.split('.')[0]!)));
    const keep = (p: { name: string }) => used.has(p.name.split('.')[0]!);
    return {
      ...t,
      events,
      eventProperties: t.eventProperties.filter(keep),
      commonProperties: t.commonProperties,
      funnels: [],
    };
  });
}
