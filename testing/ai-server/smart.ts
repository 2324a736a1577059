/** The local server's default answers, by the schema name the request asks for. */
import { TaxonomySchema } from '../../taxonomy/model.ts';
import { analyzeOffline } from '../../service/engine/analyzer/offline.ts';
import { readDataBlock } from './data.ts';
import type { AiRequest, SmartHandler } from './script.ts';
import { guessProperty, smartDraft, smartProperties } from './smart-draft.ts';

// The prompt leaves out empty fields to save tokens; put the empty lists back.
function taxonomyFrom(req: AiRequest) {
  const sent = readDataBlock<Record<string, unknown>>(req.user, 'taxonomy_data') ?? {};
  const empty = { product: {}, events: [], eventProperties: [], commonProperties: [], userProperties: [], funnels: [] };
  return TaxonomySchema.parse({ ...empty, ...sent });
}

export const SMART_HANDLERS: Record<string, SmartHandler> = {
  // What a good model would do: rules that use only the taxonomy's names.
  simulation_rules: (req) => analyzeOffline(taxonomyFrom(req)),
  // Large taxonomies: the property part of the offline analyzer's answer for the group sent.
  property_rules: (req) => {
    const { properties, userUpdates, initialUserProperties } = analyzeOffline(taxonomyFrom(req));
    return { properties, userUpdates, initialUserProperties };
  },
  taxonomy_draft: smartDraft,
  event_properties: smartProperties,
  event_property_suggestions: (req) => {
    const event = /for the event "([^"]+)"/.exec(req.user)?.[1] ?? '';
    const names = ['source_screen', 'attempt_count'];
    return { events: [{ name: event, properties: names }], eventProperties: names.map(guessProperty) };
  },
  descriptions: (req) => {
    const rows = readDataBlock<{ kind: string; name: string }[]>(req.user, 'rows_data') ?? [];
    return { rows: rows.map((r) => ({ kind: r.kind, name: r.name, displayName: r.name.replace(/_/g, ' '), description: `What ${r.name.replace(/_/g, ' ')} records.` })) };
  },
  allowed_values: (req) => {
    const property = readDataBlock<{ name: string; type: string }>(req.user, 'property_data');
    const guess = guessProperty(property?.name ?? 'value');
    if (property?.type === 'number') return { allowed: guess.type === 'number' ? guess.allowed : { kind: 'range', min: 0, max: 100, decimals: 0 } };
    return { allowed: guess.allowed ?? { kind: 'list', values: ['a', 'b', 'c'] } };
  },
};
