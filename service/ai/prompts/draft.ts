/** Prompts for drafting taxonomy rows: a whole draft, property definitions, descriptions, values. */
import type { Language } from '../../../taxonomy/model.ts';
import { DATA_RULE, dataBlock } from './data-block.ts';

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ko: 'Korean', zh: 'Simplified Chinese', ja: 'Japanese' };

const NAMING = `Naming rules (ThinkingEngine):
- Event and property names: ASCII letters, digits and "_", starting with a letter, at most 50 characters, snake_case (level_up, item_id). Names are case-insensitive: never two names that differ only in case.
- Children of object or object_group properties are separate rows named parent.child.
- Only ThinkingEngine preset properties start with "#" (#os, #device_model …); do not invent "#" names.
- A property name has one type everywhere (the same name on two events is one property).
- Property types: number, string, boolean, time, list (of strings), object, object_group.
- User property update methods: set, set_once, add (numbers only), append and uniq_append (lists only).`;

export function draftSystem(language: Language): string {
  return `You are a ThinkingEngine tracking-plan consultant. You draft event taxonomies (events, event properties, common properties, user properties, funnels and product targets) for demo data.
${NAMING}
Write displayName and description values in ${LANGUAGE_NAMES[language]}; names stay in English snake_case.
Funnels list event names of the draft in order; stepConversion has one entry per step, the first null, the others the expected conversion from the previous step (0..1). Product targets are plausible retention (d1, d7, d30 as fractions) and payer rate for the industry.
When an existing taxonomy is given, propose only what is missing; do not repeat or rename existing rows.
${DATA_RULE}`;
}

export interface DraftPromptInput {
  description: string;
  industry: string;
  platforms: string[];
  maxEvents: number;
  /** Outline: list property names on events but define no event properties yet (large drafts). */
  outline: boolean;
  existing?: unknown;
}

export function draftUserPrompt(input: DraftPromptInput, feedback?: string): string {
  const request = {
    description: input.description,
    industry: input.industry || undefined,
    platforms: input.platforms.length ? input.platforms : undefined,
  };
  const parts = [
    `Draft a taxonomy for this product with at most ${input.maxEvents} events, 3-8 common properties, 5-15 user properties and 2-4 funnels.`,
    input.outline
      ? 'This is the first stage of a large draft: give every event its list of property names, but leave eventProperties empty; they are defined in a later stage.'
      : 'Define every event property you list on an event in eventProperties, with its type and, where it helps, allowed values.',
    dataBlock('product_data', request),
  ];
  if (input.existing) parts.push('Existing taxonomy (add only what is missing):', dataBlock('existing_taxonomy_data', input.existing));
  if (feedback) parts.push(`Your previous answer was rejected:\n${feedback}\nAnswer again, corrected.`);
  return parts.join('\n\n');
}

export function propertiesUserPrompt(
  context: { description: string; events: unknown[]; names: string[] },
  feedback?: string,
): string {
  const parts = [
    `Define these event properties: ${context.names.join(', ')}. Use exactly these names; give each a type, displayName, description and, where it helps, allowed values.`,
    dataBlock('product_data', { description: context.description }),
    'Events that carry them:',
    dataBlock('events_data', context.events),
  ];
  if (feedback) parts.push(`Your previous answer was rejected:\n${feedback}\nAnswer again, corrected.`);
  return parts.join('\n\n');
}

export function suggestPropertiesPrompt(taxonomy: unknown, event: string, feedback?: string): string {
  const parts = [
    `Suggest 3-8 useful event properties for the event "${event}" that it does not have yet. Reuse existing property names where they fit (then give the same type); define new ones in eventProperties, and return the event with the names to add in its properties list.`,
    dataBlock('taxonomy_data', taxonomy),
  ];
  if (feedback) parts.push(`Your previous answer was rejected:\n${feedback}\nAnswer again, corrected.`);
  return parts.join('\n\n');
}

export function fillDescriptionsPrompt(rows: unknown, feedback?: string): string {
  const parts = [
    'Write a displayName and a one-sentence description for each row below that lacks them. Return only those rows, with the same names and kinds; leave everything else out.',
    dataBlock('rows_data', rows),
  ];
  if (feedback) parts.push(`Your previous answer was rejected:\n${feedback}\nAnswer again, corrected.`);
  return parts.join('\n\n');
}

export function allowedValuesPrompt(property: unknown, context: unknown, feedback?: string): string {
  const parts = [
    'Suggest realistic allowed values for this property: a range (min, max, decimals) for numbers, or a list or weighted list of values (5-20) for strings. Match the property type.',
    dataBlock('property_data', property),
    dataBlock('product_data', context),
  ];
  if (feedback) parts.push(`Your previous answer was rejected:\n${feedback}\nAnswer again, corrected.`);
  return parts.join('\n\n');
}
