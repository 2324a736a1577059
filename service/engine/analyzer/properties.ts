/**
 * Property rules for the whole taxonomy: a generator per property from its name (unless the
 * taxonomy already gives allowed values), then per-event rules for values that belong together:
 * an item's name, price and category follow its id; amount = price × quantity; the item viewed is
 * the one added to cart and paid for; an order id is carried from checkout to payment; an event's
 * level is the user's level.
 */
import type { PropertyDef, PropertyType, Taxonomy } from '../../../taxonomy/model.ts';
import type { RulesInput, ValueGenerator } from '../rules/schema.ts';
import { indexTaxonomy, type TaxonomyIndex } from '../rules/check/index-taxonomy.ts';
import { CATALOGS, localPrice } from './catalog.ts';
import { AMOUNT, catalogIds, generatorForName, ITEM_CATEGORY, ITEM_ID, ITEM_NAME, LEVEL_BEFORE, LEVEL_NOW, PRICE, QUANTITY, USER_LEVEL, type NamingContext } from './property-names.ts';

type PropertyRuleInput = NonNullable<RulesInput['properties']>[number];

const NAME_OK = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;
/**
 * Event properties that describe the user rather than the occurrence: a user signs in, registers
 * and pays the same way each time, so these are drawn once per user like common properties.
 */
const SAME_PER_USER = /(^|_)(login|log_in|signin|sign_in|register|registration|signup|sign_up|auth|pay|payment)_(method|type|provider)$/;
/** An event's outcome, and the values that say it went well or badly. */
const OUTCOME = /^(result|outcome|match_result|battle_result|game_result|pvp_result|status)$|_(result|outcome)$/;
const WIN = /^(win|won|victory|success|succeeded|clear|cleared|pass|passed)$/i;
const LOSS = /^(lose|lost|loss|defeat|defeated|fail|failed|failure)$/i;
/** A number that goes up or down with the outcome (rank points, rating, trophies). */
const SIGNED_CHANGE = /(change|delta|diff|difference)$/;
/** How many at once, and what it cost in total. */
const COUNT = /^(pull|draw|roll|spin|summon|gacha)_?(count|num|times)$|^(count|quantity|qty)$/;
const COST = /_(spent|cost|used|paid)$|^(cost|price_paid)$/;
/** Values that describe one occurrence, never carried over from an earlier event. */
const NOT_CARRIED = /(time|date|duration|elapsed|_ms|_sec|seconds|count|index|result|status|reason|error|step|seq|session|request|trace|log_id|event_id|uuid|is_first|success)$/;

export interface PropertyPlanInput {
  taxonomy: Taxonomy;
  naming: NamingContext;
  /** event → events that come just before it (prerequisites, previous funnel step). */
  predecessors: Map<string, string[]>;
  levelUpEvents: string[];
}

export function planProperties(input: PropertyPlanInput): PropertyRuleInput[] {
  const { taxonomy: t, naming } = input;
  const index = indexTaxonomy(t);
  const rules = new Map<string, PropertyRuleInput>();
  const put = (r: PropertyRuleInput) => rules.set(`${r.event ?? ''}|${r.property}`, r);
  const defs = new Map<string, { type: PropertyType; allowed: boolean }>();
  const itemDefs = new Map<string, PropertyDef>();
  for (const p of [...t.commonProperties, ...t.eventProperties]) {
    if (defs.has(p.name)) continue;
    defs.set(p.name, { type: p.type, allowed: p.allowed !== undefined });
    itemDefs.set(p.name, p);
  }
  const usable = (name: string) => !name.startsWith('#') && name.split('.').every((part) => NAME_OK.test(part)) && defs.has(name);
  const eventNames = [...new Set(t.events.map((e) => e.name))].filter((n) => NAME_OK.test(n));
  const base = (name: string) => (name.split('.').pop() ?? name).toLowerCase();

  const commonNames = new Set(t.commonProperties.map((p) => p.name));
  const userLevel = [...index.userPropertyTypes].find(([n, type]) => USER_LEVEL.test(n.toLowerCase()) && type === 'number')?.[0];
  // 1. One generator per property: the user's own value when a user property says the same thing,
  //    a per-user constant for common properties and the user's sign-in or payment method (they
  //    describe the user, not the event), else the name.
  for (const [name, def] of defs) {
    if (!usable(name) || def.type === 'object' || def.type === 'object_group') continue;
    if (!eventNames.some((e) => index.carried(e).has(name))) continue;
    const mirrored = userMirror(name, def.type, index, userLevel);
    const common = commonNames.has(name) || SAME_PER_USER.test(name.toLowerCase());
    const gen = mirrored
      ? { kind: 'user_property' as const, property: mirrored }
      : common && def.allowed
        ? perUserChoice(itemDefs.get(name)!)
        : def.allowed
          ? undefined
          : common && def.type === 'boolean'
            ? perUserFlag(name)
            : generatorForName(name, def.type, naming);
    if (gen) put({ property: name, value: gen });
  }

  for (const event of eventNames) {
    const order = generationOrder(event, t, index);
    const before = (a: string, b: string) => order.indexOf(a) >= 0 && order.indexOf(a) < order.indexOf(b);
    const carried = [...index.carried(event)].filter(usable);
    const find = (re: RegExp, type: PropertyType) => carried.find((p) => !p.includes('.') && re.test(base(p)) && defs.get(p)!.type === type && !defs.get(p)!.allowed);
    const itemId = carried.find((p) => !p.includes('.') && ITEM_ID.test(base(p)) && defs.get(p)!.type === 'string');

    // 2. An item's name, price and category follow its id on the same event.
    if (itemId) {
      const catalog = CATALOGS[naming.industry];
      // The user's own product ids when the taxonomy lists them; each gets a catalogue entry.
      const ids = allowedStrings(itemDefs.get(itemId)) ?? catalogIds(itemId, catalog.length);
      const follow = (prop: string | undefined, valueOf: (i: number) => string | number) => {
        if (!prop || !before(itemId, prop)) return;
        put({ property: prop, event, value: { kind: 'by_value', of: itemId, cases: ids.map((id, i) => ({ when: id, values: [{ value: valueOf(i % catalog.length), weight: 1 }] })) } });
      };
      // A name, price or category the taxonomy already constrains still follows the id, within
      // what it allows: a product has one category and one price wherever it appears.
      const attribute = (re: RegExp, type: PropertyType) => carried.find((p) => !p.includes('.') && re.test(base(p)) && defs.get(p)!.type === type);
      const name = attribute(ITEM_NAME, 'string');
      const price = attribute(PRICE, 'number');
      const category = attribute(ITEM_CATEGORY, 'string');
      const names = allowedStrings(itemDefs.get(name ?? ''));
      const categories = allowedStrings(itemDefs.get(category ?? ''));
      const priceRange = itemDefs.get(price ?? '')?.allowed;
      follow(name, (i) => (names ? names[i % names.length]! : catalog[i]!.name));
      if (!priceRange || priceRange.kind === 'range') {
        follow(price, (i) => (priceRange?.kind === 'range' ? withinRange(catalog, i, priceRange) : localPrice(catalog[i]!.usd, naming.perUsd)));
      }
      follow(category, (i) => (categories ? (categories.find((c) => c.toLowerCase() === catalog[i]!.category.toLowerCase()) ?? categories[i % categories.length]!) : catalog[i]!.category));
    }

    // 2b. Any other listed entity keeps its attributes wherever it appears: a hero's grade, a
    //     coupon's type. Each id gets one value, handed out in proportion to the stated weights.
    for (const idProp of carried) {
      const m = /^(.+)_(id|code)$/.exec(base(idProp));
      const ids = m && idProp !== itemId && !idProp.includes('.') ? allowedStrings(itemDefs.get(idProp)) : undefined;
      if (!m || !ids) continue;
      const attributes = carried.filter((p) => !p.includes('.') && new RegExp(`^${m[1]}_(type|grade|rarity|tier|class|kind|category)$`).test(base(p)) && before(idProp, p));
      for (const attr of attributes) {
        const shares = weightedStrings(itemDefs.get(attr));
        if (!shares) continue;
        // An id that names its value (FREESHIP, free_shipping) gets that one.
        const valueOf = (id: string, i: number) => shares.find((e) => sameWord(id, e.value))?.value ?? atQuantile(shares, (i + 0.5) / ids.length);
        put({ property: attr, event, value: { kind: 'by_value', of: idProp, cases: ids.map((id, i) => ({ when: id, values: [{ value: valueOf(id, i), weight: 1 }] })) } });
      }
    }

    // 3. amount = price × quantity when both come first.
    const amount = find(AMOUNT, 'number');
    const price = carried.find((p) => !p.includes('.') && PRICE.test(base(p)) && defs.get(p)!.type === 'number');
    const quantity = carried.find((p) => !p.includes('.') && QUANTITY.test(base(p)) && defs.get(p)!.type === 'number');
    if (amount && price && quantity && before(price, amount) && before(quantity, amount)) {
      const decimals = naming.perUsd >= 20 ? 0 : 2;
      put({ property: amount, event, value: { kind: 'formula', expression: `round(${price} * ${quantity}, ${decimals})` } });
    } else if (amount && price && before(price, amount)) {
      put({ property: amount, event, value: { kind: 'formula', expression: price } });
    }

    // 3b. What follows from an outcome or a count on the same event: points change up on a win and
    //     down on a loss; a cost is so much per unit of the count (ten pulls cost ten times one).
    const outcome = carried.find((p) => !p.includes('.') && OUTCOME.test(base(p)) && defs.get(p)!.type === 'string');
    const outcomes = allowedStrings(itemDefs.get(outcome ?? ''));
    const wins = outcomes?.filter((v) => WIN.test(v)) ?? [];
    const losses = outcomes?.filter((v) => LOSS.test(v)) ?? [];
    const delta = carried.find((p) => !p.includes('.') && SIGNED_CHANGE.test(base(p)) && defs.get(p)!.type === 'number');
    const deltaRange = itemDefs.get(delta ?? '')?.allowed;
    if (outcome && delta && wins.length > 0 && losses.length > 0 && deltaRange?.kind === 'range' && deltaRange.min < 0 && deltaRange.max > 0 && before(outcome, delta)) {
      const is = (values: string[]) => values.map((v) => `${outcome} == ${JSON.stringify(v)}`).join(' || ');
      const up = `round(rand(1, ${deltaRange.max}))`;
      const down = `-round(rand(1, ${-deltaRange.min}))`;
      put({ property: delta, event, value: { kind: 'formula', expression: `(${is(wins)}) ? ${up} : (${is(losses)}) ? ${down} : 0` } });
    }
    const count = carried.find((p) => !p.includes('.') && COUNT.test(base(p)) && defs.get(p)!.type === 'number');
    const cost = carried.find((p) => !p.includes('.') && COST.test(base(p)) && defs.get(p)!.type === 'number');
    const most = count ? largestAllowed(itemDefs.get(count)) : undefined;
    const costRange = itemDefs.get(cost ?? '')?.allowed;
    if (count && cost && most && most > 1 && before(count, cost) && (!costRange || costRange.kind === 'range')) {
      // The price of one unit: the stated maximum spread over the largest count, else a round 100.
      const unit = costRange?.kind === 'range' ? Math.max(1, niceRound(costRange.max / most)) : 100;
      put({ property: cost, event, value: { kind: 'formula', expression: `${count} * ${unit}` } });
    }

    // 4. An event's level is the user's level; a level-up reports the new one, and the one before.
    //    A stated range (1-300, say) is the level's domain, not a distribution to draw from.
    //    The event's own property (level_after) is the one it reports, before a common one it carries.
    const levelOf = (re: RegExp) => {
      const fits = (p: string) => !p.includes('.') && re.test(base(p)) && defs.get(p)!.type === 'number';
      return carried.find((p) => fits(p) && !commonNames.has(p)) ?? carried.find(fits);
    };
    const level = levelOf(LEVEL_NOW);
    const levelBefore = levelOf(LEVEL_BEFORE);
    if (level && userLevel) {
      put({ property: level, event, value: { kind: 'user_property', property: userLevel, ...(input.levelUpEvents.includes(event) ? { add: 1 } : {}) } });
    }
    if (levelBefore && userLevel) put({ property: levelBefore, event, value: { kind: 'user_property', property: userLevel } });

    // 5. Values carried from the event just before: the item viewed is the item bought.
    const common = new Set(t.commonProperties.map((p) => p.name));
    for (const from of input.predecessors.get(event) ?? []) {
      const fromCarried = index.carried(from);
      for (const p of carried) {
        const def = defs.get(p)!;
        if (common.has(p) || !fromCarried.has(p) || def.type === 'object' || def.type === 'object_group' || def.type === 'time') continue;
        if (NOT_CARRIED.test(base(p)) || LEVEL_NOW.test(base(p)) || LEVEL_BEFORE.test(base(p)) || rules.get(`${event}|${p}`)?.value.kind === 'copy') continue;
        put({ property: p, event, value: { kind: 'copy', fromEvent: from, property: p } });
      }
    }
  }
  return [...rules.values()];
}

/**
 * Item `i`'s price inside a stated range, placed where its catalogue price sits among the
 * catalogue's (on a log scale, as prices spread), rounded to the range's decimals.
 */
function withinRange(catalog: readonly { usd: number }[], i: number, range: { min: number; max: number; decimals?: number }): number {
  const logs = catalog.map((c) => Math.log(Math.max(0.01, c.usd)));
  const lo = Math.min(...logs);
  const hi = Math.max(...logs);
  const at = hi > lo ? (logs[i % catalog.length]! - lo) / (hi - lo) : 0.5;
  const value = range.min > 0 ? range.min * Math.pow(range.max / range.min, at) : range.min + (range.max - range.min) * at;
  const f = 10 ** (range.decimals ?? 0);
  return Math.min(range.max, Math.max(range.min, Math.round(value * f) / f));
}

/** A property's allowed strings with their weights (1 each for a plain list). */
function weightedStrings(def: PropertyDef | undefined): { value: string; weight: number }[] | undefined {
  const a = def?.allowed;
  if (!a || a.kind === 'range') return undefined;
  const entries = a.kind === 'list' ? a.values.map((value) => ({ value, weight: 1 })) : a.values.map((v) => ({ value: v.value, weight: Math.max(0, v.weight) }));
  const strings = entries.filter((e): e is { value: string; weight: number } => typeof e.value === 'string');
  return strings.length > 0 && strings.length === entries.length && strings.some((e) => e.weight > 0) ? strings : undefined;
}

/** Whether two names start with the same word of at least four letters (FREESHIP, free_shipping). */
function sameWord(a: string, b: string): boolean {
  const x = a.toLowerCase().replace(/[^a-z]/g, '');
  const y = b.toLowerCase().replace(/[^a-z]/g, '');
  const n = Math.min(6, x.length, y.length);
  return n >= 4 && x.slice(0, n) === y.slice(0, n);
}

/** The value whose share of the cumulative weight holds `q` (0–1). */
function atQuantile(shares: readonly { value: string; weight: number }[], q: number): string {
  const total = shares.reduce((sum, e) => sum + e.weight, 0);
  let cumulative = 0;
  for (const e of shares) {
    cumulative += e.weight / total;
    if (q < cumulative) return e.value;
  }
  return shares[shares.length - 1]!.value;
}

/** The largest number a property's allowed values or range permit. */
function largestAllowed(def: PropertyDef | undefined): number | undefined {
  const a = def?.allowed;
  if (!a) return undefined;
  if (a.kind === 'range') return a.max;
  const values = (a.kind === 'list' ? a.values : a.values.map((v) => v.value)).filter((v): v is number => typeof v === 'number');
  return values.length > 0 ? Math.max(...values) : undefined;
}

/** 287 → 300, 1234 → 1200: a price a product would set. */
function niceRound(x: number): number {
  const step = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, x))) - 1);
  return Math.round(x / step) * step;
}

/** Distinct string values a taxonomy allows for a property, in the user's order. */
function allowedStrings(def: PropertyDef | undefined): string[] | undefined {
  const a = def?.allowed;
  if (!a || a.kind === 'range') return undefined;
  const values = a.kind === 'list' ? a.values : a.values.map((v) => v.value);
  const strings = [...new Set(values.filter((v): v is string => typeof v === 'string'))];
  return strings.length > 0 && strings.length === values.length ? strings : undefined;
}

/** The user property an event property mirrors: the same name and type, or a level by another name. */
function userMirror(name: string, type: PropertyType, index: TaxonomyIndex, userLevel: string | undefined): string | undefined {
  if (name.includes('.')) return undefined;
  if (index.userPropertyTypes.get(name) === type && (type === 'number' || type === 'string' || type === 'boolean')) return name;
  if (type === 'number' && userLevel && USER_LEVEL.test(name.toLowerCase())) return userLevel;
  return undefined;
}

/**
 * One of the allowed values, fixed per user and still deterministic: the user's index picks it, with
 * the allowed weights. Used for common properties such as a server, a grade or an A/B group.
 */
function perUserChoice(def: PropertyDef): ValueGenerator | undefined {
  const a = def.allowed;
  if (!a || a.kind === 'range') return undefined;
  const entries = a.kind === 'list' ? a.values.map((value) => ({ value, weight: 1 })) : a.values.map((v) => ({ value: v.value, weight: Math.max(0, v.weight) }));
  const fits = entries.every((e) => (def.type === 'number' ? typeof e.value === 'number' : def.type === 'boolean' ? typeof e.value === 'boolean' : def.type === 'string' && typeof e.value === 'string'));
  const total = entries.reduce((sum, e) => sum + e.weight, 0);
  if (!fits || entries.length === 0 || entries.length > 24 || !(total > 0)) return undefined;
  // Nested ternaries over a per-user bucket 0..999: bucket < t1 ? v1 : bucket < t2 ? v2 : … vn.
  const bucket = '((trait.user_index * 7919) % 1000)';
  let cumulative = 0;
  let expression = JSON.stringify(entries[entries.length - 1]!.value);
  const parts: string[] = [];
  for (const e of entries.slice(0, -1)) {
    cumulative += e.weight;
    parts.push(`${bucket} < ${Math.round((cumulative / total) * 1000)} ? ${JSON.stringify(e.value)} : `);
  }
  expression = parts.join('') + expression;
  return expression.length <= 1500 ? { kind: 'formula', expression } : undefined;
}

/**
 * A flag that describes the user (a common `vip`, `is_member`) must not flip between events: derive
 * it from the user's index, so it is stable per user and still deterministic.
 */
function perUserFlag(name: string): ValueGenerator {
  const percent = /vip|premium|paid|payer|member|subscrib/i.test(name) ? 15 : 30;
  return { kind: 'formula', expression: `(trait.user_index * 7919) % 100 < ${percent}` };
}

/** The order the simulator fills an event's properties: common first, then the event's own list. */
function generationOrder(event: string, t: Taxonomy, index: TaxonomyIndex): string[] {
  const out: string[] = [];
  const add = (n: string) => {
    const top = n.includes('.') ? n.slice(0, n.indexOf('.')) : n;
    if (!out.includes(top)) out.push(top);
  };
  for (const p of t.commonProperties) add(p.name);
  for (const p of t.events.find((e) => e.name === event)?.properties ?? []) add(p);
  return out.filter((n) => index.carried(event).has(n));
}

export type { ValueGenerator };
