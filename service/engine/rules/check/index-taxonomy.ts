/**
 * The taxonomy seen from the rules: which events exist, which properties each event carries, and
 * every property's type. Mirrors how the simulator resolves names (common properties ride on every
 * event; listing an object property brings its `parent.child` rows along).
 */
import type { PropertyType, Taxonomy, UpdateMethod } from '../../../../taxonomy/model.ts';
import { USER_TRAITS } from '../user-traits.ts';

export interface TaxonomyIndex {
  events: string[];
  eventSet: ReadonlySet<string>;
  /** Event and common properties (top level and dotted children) → type. */
  propertyTypes: ReadonlyMap<string, PropertyType>;
  userPropertyTypes: ReadonlyMap<string, PropertyType>;
  userPropertyUpdates: ReadonlyMap<string, UpdateMethod>;
  /** Properties an event carries, including common properties and object children. */
  carried: (event: string) => ReadonlySet<string>;
  /** Names a formula on this event may read: its top-level properties, user.X, trait.X, day. */
  formulaNames: (event: string) => ReadonlyMap<string, 'number' | 'string' | 'boolean' | 'unknown'>;
  funnels: string[];
  /**
   * Top-level properties of an event in the order the simulator fills them (common first, then the
   * event's own list); a formula can only read values filled before its own.
   */
  generationOrder: (event: string) => readonly string[];
}

const TRAIT_TYPES: Record<string, 'number' | 'string'> = { user_index: 'number' };

export function indexTaxonomy(t: Taxonomy): TaxonomyIndex {
  const propertyTypes = new Map<string, PropertyType>();
  for (const p of [...t.commonProperties, ...t.eventProperties]) if (!propertyTypes.has(p.name)) propertyTypes.set(p.name, p.type);
  const userPropertyTypes = new Map(t.userProperties.map((p) => [p.name, p.type]));
  const userPropertyUpdates = new Map(t.userProperties.map((p) => [p.name, p.update]));
  const common = t.commonProperties.map((p) => p.name);
  const byEvent = new Map(t.events.map((e) => [e.name, e]));
  const allProps = [...propertyTypes.keys()];

  const carriedCache = new Map<string, Set<string>>();
  const carried = (event: string): Set<string> => {
    let set = carriedCache.get(event);
    if (set) return set;
    set = new Set<string>();
    const listed = [...common, ...(byEvent.get(event)?.properties ?? [])];
    for (const name of listed) {
      set.add(name);
      for (const child of allProps) if (child.startsWith(`${name}.`)) set.add(child);
    }
    carriedCache.set(event, set);
    return set;
  };

  const formulaNames = (event: string) => {
    const names = new Map<string, 'number' | 'string' | 'boolean' | 'unknown'>();
    for (const p of carried(event)) {
      if (p.includes('.') || p.startsWith('#')) continue;
      names.set(p, scalarType(propertyTypes.get(p)));
    }
    for (const [p, type] of userPropertyTypes) names.set(`user.${p}`, scalarType(type));
    for (const trait of USER_TRAITS) names.set(`trait.${trait}`, TRAIT_TYPES[trait] ?? (trait === 'install_time' ? 'string' : 'string'));
    names.set('day', 'number');
    return names;
  };

  return {
    events: t.events.map((e) => e.name),
    eventSet: new Set(t.events.map((e) => e.name)),
    propertyTypes,
    userPropertyTypes,
    userPropertyUpdates,
    carried,
    formulaNames,
    generationOrder: (event) => {
      const out: string[] = [];
      for (const n of [...common, ...(byEvent.get(event)?.properties ?? [])]) {
        const top = n.includes('.') ? n.slice(0, n.indexOf('.')) : n;
        if (!out.includes(top)) out.push(top);
      }
      return out;
    },
    funnels: t.funnels.map((f) => f.name),
  };
}

function scalarType(type: PropertyType | undefined): 'number' | 'string' | 'boolean' | 'unknown' {
  if (type === 'number') return 'number';
  if (type === 'boolean') return 'boolean';
  if (type === 'string' || type === 'time') return 'string';
  return 'unknown';
}
