/**
 * Does a value generator fit the property it fills? TE locks a property's type on the first value it
 * sees, so a rule that would give a number property a string is an error, not a nuisance.
 */
import type { PropertyType } from '../../../../taxonomy/model.ts';
import { compileFormula, ExprError } from '../../expr/index.ts';
import type { Rules, ValueGenerator } from '../schema.ts';
import { USER_TRAITS } from '../user-traits.ts';
import { hint, type IssueList } from './issues.ts';
import type { TaxonomyIndex } from './index-taxonomy.ts';

type Produced = PropertyType | 'unknown';

export interface Site {
  /** JSON path of the generator. */
  path: string;
  /** Human label: `property "price" on event "purchase"`. */
  label: string;
  /** Name of the property being filled. */
  property: string;
  /** Type of the property being filled (undefined when the property itself is unknown). */
  type: PropertyType | undefined;
  /** Events whose formula names apply (the rule's event, or every event carrying the property). */
  events: readonly string[];
}

const TIME_TEXT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{3})?$/;

export function valueFits(value: unknown, type: PropertyType): boolean {
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'time':
      return typeof value === 'string' && TIME_TEXT.test(value);
    case 'list':
      return typeof value === 'string';
    default:
      return false;
  }
}

function describeType(type: PropertyType): string {
  if (type === 'time') return 'a time ("yyyy-MM-dd HH:mm:ss")';
  if (type === 'list') return 'a list (give string elements)';
  return `a ${type}`;
}

export function checkGenerator(g: ValueGenerator, site: Site, rules: Rules, index: TaxonomyIndex, issues: IssueList): void {
  const { path, label, type } = site;
  if (type === 'object' || type === 'object_group') {
    issues.error(path, 'value.object_parent', `${label} is ${type === 'object' ? 'an object' : 'an object group'}; give rules for its children ("parent.child" properties) instead of the parent.`);
    return;
  }
  const produced = producedType(g, site, rules, index, issues);
  if (!type || produced === 'unknown' || produced === null) return;
  const ok = produced === type || (type === 'list' && produced === 'string') || (type === 'time' && produced === 'time');
  if (!ok) {
    issues.error(path, 'value.type_mismatch', `${label} is ${describeType(type)}, but this "${g.kind}" generator produces a ${produced}. TE locks a property's type, so use a generator that produces ${describeType(type)}.`);
  }
}

/** The type a generator yields, after reporting problems inside it; null when already reported. */
function producedType(g: ValueGenerator, site: Site, rules: Rules, index: TaxonomyIndex, issues: IssueList): Produced | null {
  const { path, label, type } = site;
  const literals = (values: readonly unknown[], at: (i: number) => string): Produced | null => {
    if (!type) return 'unknown';
    let bad = false;
    values.forEach((v, i) => {
      if (!valueFits(v, type)) {
        bad = true;
        issues.error(at(i), 'value.type_mismatch', `${label} is ${describeType(type)}, but the value ${JSON.stringify(v)} is not. TE locks a property's type on the first value it sees.`);
      }
    });
    return bad ? null : type;
  };
  switch (g.kind) {
    case 'range':
      if (g.min > g.max) issues.error(`${path}.min`, 'range.inverted', `min ${g.min} is greater than max ${g.max}; swap them.`);
      return 'number';
    case 'segment_range': {
      const segments = rules.segments.map((s) => s.name);
      g.ranges.forEach((r, i) => {
        if (!segments.includes(r.segment)) issues.error(`${path}.ranges[${i}].segment`, 'segment.unknown', `Segment "${r.segment}" is not one of the rules' segments.${hint(r.segment, segments)}`);
        if (r.min > r.max) issues.error(`${path}.ranges[${i}].min`, 'range.inverted', `min ${r.min} is greater than max ${r.max}; swap them.`);
      });
      return 'number';
    }
    case 'list':
      return literals(g.values, (i) => `${path}.values[${i}]`);
    case 'weighted':
      checkWeights(g.values.map((v) => v.weight), `${path}.values`, issues);
      return literals(g.values.map((v) => v.value), (i) => `${path}.values[${i}].value`);
    case 'by_value': {
      checkByValueSource(g.of, site, index, issues);
      let result: Produced | null = type ?? 'unknown';
      g.cases.forEach((c, i) => {
        if (literals(c.values.map((v) => v.value), (j) => `${path}.cases[${i}].values[${j}].value`) === null) result = null;
      });
      if (g.otherwise && literals(g.otherwise.map((v) => v.value), (j) => `${path}.otherwise[${j}].value`) === null) result = null;
      return result;
    }
    case 'formula':
      return formulaType(g.expression, site, index, issues);
    case 'copy': {
      if (!index.eventSet.has(g.fromEvent)) {
        issues.error(`${path}.fromEvent`, 'event.unknown', `Event "${g.fromEvent}" is not in the taxonomy.${hint(g.fromEvent, index.events)}`);
        return null;
      }
      const prop = g.property ?? site.property;
      if (!index.carried(g.fromEvent).has(prop)) {
        issues.error(`${path}.property`, 'copy.not_carried', `Event "${g.fromEvent}" does not carry property "${prop}", so there is nothing to copy; name a property of "${g.fromEvent}" or copy from an event that has it.`);
        return null;
      }
      return index.propertyTypes.get(prop) ?? 'unknown';
    }
    case 'user_property': {
      const t = index.userPropertyTypes.get(g.property);
      if (!t) {
        issues.error(`${path}.property`, 'user_property.unknown', `User property "${g.property}" is not in the taxonomy's User Properties sheet.${hint(g.property, [...index.userPropertyTypes.keys()])}`);
        return null;
      }
      if (g.add !== undefined && t !== 'number') {
        issues.error(`${path}.add`, 'value.type_mismatch', `"add" needs a number user property, but "${g.property}" is a ${t}; remove "add".`);
        return null;
      }
      return t;
    }
    case 'trait':
      return g.trait === 'user_index' ? 'number' : g.trait === 'install_time' ? 'time' : 'string';
    case 'id':
    case 'faker':
      return 'string';
    case 'time':
      return 'time';
    case 'counter':
      return 'number';
  }
}

function checkByValueSource(of: string, site: Site, index: TaxonomyIndex, issues: IssueList): void {
  const trait = of.startsWith('trait.') ? of.slice(6) : of;
  if ((USER_TRAITS as readonly string[]).includes(trait)) return;
  const carriedEverywhere = site.events.length > 0 && site.events.every((e) => index.carried(e).has(of));
  if (carriedEverywhere) {
    for (const e of site.events) warnIfLater([of], e, site, index, issues, `${site.path}.of`);
    return;
  }
  if (site.events.length === 0 && index.propertyTypes.has(of)) return;
  issues.error(
    `${site.path}.of`,
    'by_value.unknown_source',
    `"${of}" is neither a user trait (${USER_TRAITS.join(', ')}) nor a property of ${site.events.length === 1 ? `event "${site.events[0]}"` : 'every event this rule applies to'}.`,
  );
}

function formulaType(expression: string, site: Site, index: TaxonomyIndex, issues: IssueList): Produced | null {
  const events = site.events.length > 0 ? site.events : [''];
  let result: Produced = 'unknown';
  for (const event of events) {
    try {
      const f = compileFormula(expression, { names: index.formulaNames(event), allowTarget: false });
      result = f.type === 'string' && site.type === 'time' ? 'time' : f.type;
      if (event) warnIfLater(f.references, event, site, index, issues, `${site.path}.expression`);
    } catch (e) {
      if (!(e instanceof ExprError)) throw e;
      const where = event ? ` on event "${event}"` : '';
      issues.error(
        `${site.path}.expression`,
        'formula.invalid',
        `Formula for ${site.label}${where}: ${e.message}. A formula may read the event's own properties, user.NAME, trait.NAME and day.`,
      );
      return null;
    }
  }
  return result;
}

/** Values are filled in order, so reading a property filled later sees nothing (0 or the default). */
function warnIfLater(references: readonly string[], event: string, site: Site, index: TaxonomyIndex, issues: IssueList, path: string): void {
  const order = index.generationOrder(event);
  const own = order.indexOf(site.property.includes('.') ? site.property.slice(0, site.property.indexOf('.')) : site.property);
  if (own < 0) return;
  for (const ref of references) {
    const at = order.indexOf(ref);
    if (at > own) {
      issues.warn(
        path,
        'value.read_before_set',
        `On event "${event}", ${site.label} reads "${ref}", which is filled after it, so it sees no value; list "${ref}" before "${site.property}" in the event's properties.`,
      );
    }
  }
}

export function checkWeights(weights: readonly number[], path: string, issues: IssueList): void {
  if (weights.length > 0 && !weights.some((w) => w > 0)) {
    issues.error(path, 'shares.zero', 'Every weight here is 0, so nothing can be picked; give at least one a positive weight.');
  }
}
