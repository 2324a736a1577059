/**
 * `mergeAdditions`: applies a draft (from AI or any helper) to the user's taxonomy without ever
 * overwriting what the user wrote. New names (compared case-insensitively, as TE does) become new
 * rows; existing rows only get their empty cells filled and new properties appended to their list.
 * Everything not applied is reported with the reason, so the task pane can show the diff.
 */
import {
  EventDefSchema, FunnelDefSchema, PropertyDefSchema, UserPropertyDefSchema,
  type PropertyDef, type Taxonomy, type TaxonomyAdditions, type UserPropertyDef,
} from './model.ts';

export type MergeSection = 'product' | 'events' | 'eventProperties' | 'commonProperties' | 'userProperties' | 'funnels';

export interface MergeAdded {
  section: MergeSection;
  name: string;
  /** `row`: a new row; `filled`: empty cells of an existing row filled (listed in `fields`). */
  change: 'row' | 'filled';
  fields?: string[];
}
export interface MergeSkipped {
  section: MergeSection;
  name: string;
  field?: string;
  reason: string;
}
export interface MergeResult {
  taxonomy: Taxonomy;
  added: MergeAdded[];
  skipped: MergeSkipped[];
}

const TE_NAME = /^#?[A-Za-z][A-Za-z0-9_]{0,49}(\.[A-Za-z][A-Za-z0-9_]{0,49})?$/;
const isEmpty = (v: unknown) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** Fills the target's empty fields from the proposal; returns the filled names and the kept ones. */
function fillEmpty<T extends object>(target: T, proposal: Partial<T>, fields: readonly (keyof T & string)[]): { filled: string[]; kept: string[] } {
  const filled: string[] = [];
  const kept: string[] = [];
  for (const f of fields) {
    const value = proposal[f];
    if (isEmpty(value)) continue;
    if (isEmpty(target[f])) {
      target[f] = structuredClone(value) as T[typeof f];
      filled.push(f);
    } else if (JSON.stringify(target[f]) !== JSON.stringify(value)) kept.push(f);
  }
  return { filled, kept };
}

export function mergeAdditions(t: Taxonomy, additions: TaxonomyAdditions): MergeResult {
  const taxonomy = structuredClone(t);
  const added: MergeAdded[] = [];
  const skipped: MergeSkipped[] = [];
  const report = (section: MergeSection, name: string, filled: string[], kept: string[]) => {
    if (filled.length > 0) added.push({ section, name, change: 'filled', fields: filled });
    for (const field of kept) skipped.push({ section, name, field, reason: 'your value is kept' });
  };

  if (additions.product) {
    const { targets, ...rest } = additions.product;
    const p = taxonomy.product;
    const fields = ['name', 'industry', 'platforms', 'description', 'countries', 'startDate', 'days', 'targetDau', 'seed', 'scenario'] as const;
    const { filled, kept } = fillEmpty(p, rest, fields);
    const t2 = fillEmpty(p.targets, targets ?? {}, ['d1', 'd7', 'd30', 'payerRate', 'dauMau']);
    report('product', 'product', [...filled, ...t2.filled.map((f) => `targets.${f}`)], [...kept, ...t2.kept.map((f) => `targets.${f}`)]);
  }

  // Property types across all sections, for TE's type lock: a draft may not reuse a name with another type.
  const typeOf = new Map<string, string>();
  for (const p of [...taxonomy.eventProperties, ...taxonomy.commonProperties, ...taxonomy.userProperties]) {
    if (!typeOf.has(p.name.toLowerCase())) typeOf.set(p.name.toLowerCase(), p.type);
  }
  for (const section of ['eventProperties', 'commonProperties', 'userProperties'] as const) {
    const list = taxonomy[section] as (PropertyDef | UserPropertyDef)[];
    const byName = new Map(list.map((p) => [p.name.toLowerCase(), p]));
    for (const proposal of additions[section] ?? []) {
      const key = proposal.name.toLowerCase();
      const existing = byName.get(key);
      if (existing) {
        if (proposal.type !== undefined && proposal.type !== existing.type) {
          skipped.push({ section, name: proposal.name, field: 'type', reason: `your type ${existing.type} is kept` });
        }
        const { filled, kept } = fillEmpty(existing as PropertyDef, proposal as Partial<PropertyDef>, ['displayName', 'description', 'allowed']);
        report(section, existing.name, filled, kept);
        continue;
      }
      if (!TE_NAME.test(proposal.name)) {
        skipped.push({ section, name: proposal.name, reason: 'the name breaks ThinkingEngine\'s name rule' });
        continue;
      }
      if (proposal.type === undefined) {
        skipped.push({ section, name: proposal.name, reason: 'no type was proposed' });
        continue;
      }
      const locked = typeOf.get(key);
      if (locked !== undefined && locked !== proposal.type) {
        skipped.push({ section, name: proposal.name, reason: `the name is already used as ${locked}, and TE locks one type per name` });
        continue;
      }
      const def = (section === 'userProperties' ? UserPropertyDefSchema : PropertyDefSchema).parse(proposal);
      list.push(def);
      byName.set(key, def);
      typeOf.set(key, def.type);
      added.push({ section, name: def.name, change: 'row' });
    }
  }

  const events = new Map(taxonomy.events.map((e) => [e.name.toLowerCase(), e]));
  for (const proposal of additions.events ?? []) {
    const existing = events.get(proposal.name.toLowerCase());
    if (existing) {
      const { filled, kept } = fillEmpty(existing, { ...proposal, properties: undefined }, ['displayName', 'category', 'description']);
      const listed = new Set(existing.properties.map((n) => n.toLowerCase()));
      const appended = (proposal.properties ?? []).filter((n) => !listed.has(n.toLowerCase()) && listed.add(n.toLowerCase()));
      existing.properties.push(...appended);
      report('events', existing.name, appended.length > 0 ? [...filled, 'properties'] : filled, kept);
      continue;
    }
    if (!/^[A-Za-z][A-Za-z0-9_]{0,49}$/.test(proposal.name)) {
      skipped.push({ section: 'events', name: proposal.name, reason: 'the name breaks ThinkingEngine\'s name rule' });
      continue;
    }
    const def = EventDefSchema.parse(proposal);
    taxonomy.events.push(def);
    events.set(def.name.toLowerCase(), def);
    added.push({ section: 'events', name: def.name, change: 'row' });
  }

  const funnels = new Map(taxonomy.funnels.map((f) => [f.name.toLowerCase(), f]));
  for (const proposal of additions.funnels ?? []) {
    const existing = funnels.get(proposal.name.toLowerCase());
    if (existing) {
      const { filled, kept } = fillEmpty(existing, proposal, ['description', 'stepConversion']);
      report('funnels', existing.name, filled, kept);
      if (proposal.steps && JSON.stringify(proposal.steps) !== JSON.stringify(existing.steps)) {
        skipped.push({ section: 'funnels', name: existing.name, field: 'steps', reason: 'your steps are kept' });
      }
      continue;
    }
    if (!proposal.steps || proposal.steps.length === 0) {
      skipped.push({ section: 'funnels', name: proposal.name, reason: 'no steps were proposed' });
      continue;
    }
    const def = FunnelDefSchema.parse(proposal);
    taxonomy.funnels.push(def);
    funnels.set(def.name.toLowerCase(), def);
    added.push({ section: 'funnels', name: def.name, change: 'row' });
  }
  return { taxonomy, added, skipped };
}
