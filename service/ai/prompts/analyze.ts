/** Prompts for turning a taxonomy into simulation rules. */
import type { Taxonomy } from '../../../taxonomy/model.ts';
import { compactTaxonomy, DATA_RULE, dataBlock } from './data-block.ts';

export const ANALYZE_SYSTEM = `You design realistic behavioural simulations for ThinkingEngine demo data.
Given a product's tracking taxonomy, answer with the simulation rules by calling the provided tool once.

Rules for the answer:
- Use only event, property, user property and funnel names that appear in the taxonomy data, spelled exactly. Never invent names.
- Include every event of the taxonomy in "events" with a sensible relative weight; mark start/end-of-session events, once-per-user events (registration, tutorial), prerequisites and payment events.
- Segments (e.g. casual, core, whale, churn_risk) with activity curves that give plausible retention for the industry; targets in the product data (D1/D7/D30, payer rate, DAU/MAU, funnel conversion) take precedence over your defaults.
- Property rules only where the allowed values in the taxonomy are not enough: consistent values (copy the order id from checkout to payment), formulas over other properties (expressions such as "level * 100"; no code), values that depend on country or segment.
- User property updates consistent with the events (level on level_up, total spend with add on payment) using only the update methods the taxonomy gives each user property.
- Countries, platforms and hour/weekday profiles from the product data, or typical ones for the industry.
- Scenario text becomes "timeline" modifiers. Days are 0-based indexes into the date range: "day 10" in the scenario is day index 9. A sale raises activity, acquisition and purchase events; an outage lowers activity sharply for its days.
${DATA_RULE}`;

export function analyzeUserPrompt(t: Taxonomy, feedback?: string): string {
  const parts = [
    'Design the simulation rules for this taxonomy.',
    dataBlock('taxonomy_data', compactTaxonomy(t)),
  ];
  if (t.product.scenario.trim()) parts.push('The product data contains a scenario; turn it into timeline modifiers.');
  if (feedback) parts.push(feedbackText(feedback));
  return parts.join('\n\n');
}

export function feedbackText(feedback: string): string {
  return `Your previous answer was rejected for these reasons:\n${feedback}\nAnswer again with the complete, corrected result.`;
}

/** Large taxonomies: the first call sees every event but no property details. */
export function analyzeCoreUserPrompt(coreTaxonomy: Taxonomy, feedback?: string): string {
  const parts = [
    'This taxonomy is large, so it is analysed in parts. This part: design the simulation rules from the events, user properties and funnels below. Property details come in a later part: leave "properties", "userUpdates" and "initialUserProperties" empty.',
    dataBlock('taxonomy_data', compactTaxonomy(coreTaxonomy)),
  ];
  if (coreTaxonomy.product.scenario.trim()) parts.push('The product data contains a scenario; turn it into timeline modifiers.');
  if (feedback) parts.push(feedbackText(feedback));
  return parts.join('\n\n');
}

/** Large taxonomies: property rules and user updates for one group of events. */
export function analyzePropertiesUserPrompt(group: Taxonomy, feedback?: string): string {
  const parts = [
    'This taxonomy is large, so it is analysed in parts. This part: for the events below only, give property rules (where allowed values are not enough), user property updates and initial user properties. Use only names in this data.',
    dataBlock('taxonomy_data', compactTaxonomy(group)),
  ];
  if (feedback) parts.push(feedbackText(feedback));
  return parts.join('\n\n');
}
