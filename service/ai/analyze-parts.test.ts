import { afterAll, beforeAll, expect, it } from 'vitest';
import { TaxonomySchema, type Taxonomy } from '../../taxonomy/model.ts';
import { readDataBlock } from '../../testing/ai-server/data.ts';
import { startAiServer, type AiServer } from '../../testing/ai-server/server.ts';
import { SMART_HANDLERS } from '../../testing/ai-server/smart.ts';
import { checkRulesAgainstTaxonomy, ruleErrors } from '../engine/rules/check.ts';
import { analyzeTaxonomy } from './analyze.ts';
import { eventGroups, needsParts } from './analyze-parts.ts';
import { createAnthropicProvider } from './providers/anthropic.ts';

let server: AiServer;
beforeAll(async () => {
  server = await startAiServer({ smart: SMART_HANDLERS });
});
afterAll(() => server.close());

/** A taxonomy too large for one prompt: many events with long descriptions. */
function largeTaxonomy(events: number): Taxonomy {
  const categories = ['progression', 'social', 'economy', 'combat'];
  return TaxonomySchema.parse({
    product: { name: 'Big game', industry: 'game' },
    events: [
      { name: 'register', category: 'onboarding', properties: ['channel'] },
      { name: 'purchase', category: 'monetization', properties: ['amount'] },
      ...Array.from({ length: events }, (_, i) => ({
        name: `action_${i}`,
        category: categories[i % categories.length],
        description: `Action number ${i}: ${'a long description of what the player does here and why it matters. '.repeat(6)}`,
        properties: [`detail_${i}`, 'amount'],
      })),
    ],
    eventProperties: [
      { name: 'channel', type: 'string', allowed: { kind: 'list', values: ['organic', 'ads'] } },
      { name: 'amount', type: 'number', allowed: { kind: 'range', min: 1, max: 100 } },
      ...Array.from({ length: events }, (_, i) => ({ name: `detail_${i}`, type: 'string', description: 'Which variant of the action.' })),
    ],
    commonProperties: [],
    userProperties: [{ name: 'total_spend', type: 'number', update: 'add' }],
    funnels: [{ name: 'pay', steps: ['register', 'purchase'] }],
  });
}

it('splits events into groups of similar size with the properties they use', () => {
  const t = largeTaxonomy(40);
  const groups = eventGroups(t, 2);
  expect(groups).toHaveLength(2);
  expect(groups.flatMap((g) => g.events.map((e) => e.name)).sort()).toEqual(t.events.map((e) => e.name).sort());
  for (const g of groups) {
    const used = new Set(g.events.flatMap((e) => e.properties));
    expect(g.eventProperties.every((p) => used.has(p.name))).toBe(true);
  }
  expect(needsParts(largeTaxonomy(10))).toBe(false);
});

it('analyses a very large taxonomy in three calls and merges them into rules the engine accepts', async () => {
  const t = largeTaxonomy(120);
  expect(needsParts(t)).toBe(true);
  const result = await analyzeTaxonomy({ taxonomy: t, provider: createAnthropicProvider({ apiKey: 'k', baseURL: server.anthropicBaseURL }) });
  expect(result.source).toBe('ai');
  expect(server.requests.map((r) => r.schemaName)).toEqual(['simulation_rules', 'property_rules', 'property_rules']);
  expect(readDataBlock<Taxonomy>(server.requests[0]!.user, 'taxonomy_data')!.eventProperties).toBeUndefined();
  expect(ruleErrors(checkRulesAgainstTaxonomy(result.rules, t))).toEqual([]);
  expect(result.rules.events).toHaveLength(t.events.length);
  expect(result.usage.calls.map((c) => c.purpose)).toEqual(['analyze.core', 'analyze.properties', 'analyze.properties']);
});
