import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { taxonomy as taxonomyArbitrary } from '../../../testing/taxonomy-arbitrary.ts';
import { analyzeOffline } from '../analyzer/offline.ts';
import { TaxonomySchema, type Taxonomy } from '../../../taxonomy/model.ts';
import { checkRulesAgainstTaxonomy, ruleErrors, type RuleIssue } from './check.ts';
import { RulesSchema, type Rules, type RulesInput } from './schema.ts';

const taxonomy: Taxonomy = TaxonomySchema.parse({
  product: { name: 'Shop', industry: 'ecommerce' },
  events: [
    { name: 'app_start', properties: [] },
    { name: 'register', properties: ['method'] },
    { name: 'view_item', properties: ['item_id', 'price'] },
    { name: 'add_to_cart', properties: ['item_id', 'price', 'quantity'] },
    { name: 'purchase', properties: ['order_id', 'item_id', 'price', 'quantity', 'amount', 'cart'] },
  ],
  eventProperties: [
    { name: 'method', type: 'string', allowed: { kind: 'list', values: ['email', 'google'] } },
    { name: 'item_id', type: 'string' },
    { name: 'price', type: 'number' },
    { name: 'quantity', type: 'number' },
    { name: 'amount', type: 'number' },
    { name: 'order_id', type: 'string' },
    { name: 'cart', type: 'object' },
    { name: 'cart.size', type: 'number' },
  ],
  commonProperties: [{ name: 'is_member', type: 'boolean' }],
  userProperties: [
    { name: 'total_revenue', type: 'number', update: 'add' },
    { name: 'register_time', type: 'time', update: 'set_once' },
    { name: 'purchased_items', type: 'list', update: 'append' },
    { name: 'nickname', type: 'string', update: 'set' },
  ],
  funnels: [{ name: 'buy', steps: ['view_item', 'add_to_cart', 'purchase'], stepConversion: [null, 0.3, 0.5] }],
});

const segment = {
  name: 'casual',
  share: 1,
  activity: { day1: 0.4, halfLifeDays: 5, floor: 0.05, churnPerDay: 0.02, returnPerDay: 0.01 },
  sessionsPerDay: { kind: 'geometric', mean: 1.5 },
  sessionMinutes: { kind: 'lognormal', median: 6, sigma: 0.8 },
  gapMinutes: { kind: 'pareto', min: 20, alpha: 1.5 },
  eventsPerSession: { kind: 'poisson', mean: 8 },
  payer: 0.1,
} as const;

const valid: RulesInput = {
  version: 1,
  segments: [segment],
  lifecycle: [
    { name: 'guest', allowEvents: ['app_start', 'register', 'view_item'] },
    { name: 'registered', enterOn: 'register', allowEvents: ['add_to_cart', 'purchase'] },
  ],
  identity: { registerEvent: 'register' },
  events: [
    { event: 'app_start', weight: 1, placement: 'session_start' },
    { event: 'register', weight: 1, oncePerUser: true },
    { event: 'view_item', weight: 5 },
    { event: 'add_to_cart', weight: 2, prerequisites: ['view_item'] },
    { event: 'purchase', weight: 1, prerequisites: ['add_to_cart'], payment: true },
  ],
  funnels: [{ funnel: 'buy', steps: ['view_item', 'add_to_cart', 'purchase'], entryPerSession: 0.3, stepConversion: [1, 0.3, 0.5], minutesToConvert: { kind: 'lognormal', median: 2, sigma: 0.7 } }],
  properties: [
    { property: 'price', value: { kind: 'range', min: 1, max: 99, decimals: 2, skew: 'low' } },
    { property: 'price', event: 'add_to_cart', value: { kind: 'copy', fromEvent: 'view_item', property: 'price' } },
    { property: 'amount', event: 'purchase', value: { kind: 'formula', expression: 'round(price * quantity, 2)' } },
    { property: 'order_id', value: { kind: 'id', prefix: 'ord_', scope: 'event' } },
    { property: 'cart.size', value: { kind: 'range', min: 1, max: 5 } },
    { property: 'method', value: { kind: 'by_value', of: 'country', cases: [{ when: 'KR', values: [{ value: 'kakao', weight: 1 }] }] } },
  ],
  userUpdates: [
    { event: 'purchase', property: 'total_revenue', method: 'add', value: { kind: 'event_property', property: 'amount' } },
    { event: 'purchase', property: 'purchased_items', method: 'append', value: { kind: 'event_property', property: 'item_id' } },
    { event: 'register', property: 'register_time', method: 'set_once', value: { kind: 'event_time' } },
  ],
  initialUserProperties: [{ property: 'nickname', value: { kind: 'faker', method: 'internet.userName' } }],
  monetization: { revenueProperty: 'amount', currency: 'USD' },
  hourOfDay: Array.from({ length: 24 }, () => 1),
  dayOfWeek: [1, 1, 1, 1, 1, 1.2, 1.2],
  acquisition: {},
  countries: [{ country: 'KR', timeZone: 'Asia/Seoul', share: 1 }],
  platforms: [{ platform: 'android', share: 1 }],
  targets: { funnels: [{ funnel: 'buy', stepConversion: [null, 0.3, 0.5] }] },
};

/** Valid rules with one change applied. */
function rulesWith(change: (r: RulesInput) => void): Rules {
  const copy = structuredClone(valid);
  change(copy);
  return RulesSchema.parse(copy);
}

function errorsOf(rules: Rules): RuleIssue[] {
  return ruleErrors(checkRulesAgainstTaxonomy(rules, taxonomy));
}

function onlyError(rules: Rules): RuleIssue {
  const errors = errorsOf(rules);
  expect(errors, JSON.stringify(errors, null, 1)).toHaveLength(1);
  return errors[0]!;
}

describe('checkRulesAgainstTaxonomy', () => {
  it('accepts consistent rules without issues', () => {
    expect(checkRulesAgainstTaxonomy(RulesSchema.parse(valid), taxonomy)).toEqual([]);
  });

  it('rejects unknown event names everywhere, with the path and a suggestion', () => {
    const e = onlyError(rulesWith((r) => (r.funnels![0]!.steps[1] = 'add_to_crt')));
    expect(e.path).toBe('funnels[0].steps[1]');
    expect(e.message).toContain('Event "add_to_crt" is not in the taxonomy');
    expect(e.message).toContain('Did you mean "add_to_cart"?');
    expect(onlyError(rulesWith((r) => (r.sequences = [{ name: 's', steps: ['nope'], trigger: 'random', gapSeconds: { kind: 'constant', value: 5 } }]))).path).toBe('sequences[0].steps[0]');
    expect(onlyError(rulesWith((r) => (r.identity.registerEvent = 'signup'))).path).toBe('identity.registerEvent');
    expect(onlyError(rulesWith((r) => (r.timeline = [{ name: 'sale', fromDay: 1, toDay: 2, events: [{ event: 'buy', multiplier: 2 }] }]))).path).toBe('timeline[0].events[0].event');
  });

  it('rejects unknown properties and properties an event does not carry', () => {
    expect(onlyError(rulesWith((r) => (r.properties![0]!.property = 'prise'))).message).toContain('Did you mean "price"?');
    const notCarried = onlyError(rulesWith((r) => r.properties!.push({ property: 'quantity', event: 'view_item', value: { kind: 'range', min: 1, max: 3 } })));
    expect(notCarried.code).toBe('property.not_carried');
    expect(onlyError(rulesWith((r) => r.properties!.push({ property: 'total_revenue', value: { kind: 'range', min: 1, max: 3 } }))).message).toContain('is a user property');
  });

  it('enforces the type lock on values rules give properties', () => {
    const e = onlyError(rulesWith((r) => (r.properties![0]!.value = { kind: 'list', values: [9.99, '19.99'] })));
    expect(e.path).toBe('properties[0].value.values[1]');
    expect(e.message).toContain('is a number');
    expect(onlyError(rulesWith((r) => (r.properties![3]!.value = { kind: 'counter' }))).code).toBe('value.type_mismatch');
    expect(onlyError(rulesWith((r) => (r.properties![5]!.value = { kind: 'weighted', values: [{ value: true, weight: 1 }] }))).path).toBe('properties[5].value.values[0].value');
    expect(onlyError(rulesWith((r) => r.properties!.push({ property: 'cart', value: { kind: 'range', min: 1, max: 2 } }))).code).toBe('value.object_parent');
  });

  it('compiles formulas against the names the event can read', () => {
    const unknown = onlyError(rulesWith((r) => (r.properties![2]!.value = { kind: 'formula', expression: 'price * qty' })));
    expect(unknown.path).toBe('properties[2].value.expression');
    expect(unknown.message).toContain('unknown name "qty"');
    const wrongType = onlyError(rulesWith((r) => (r.properties![2]!.value = { kind: 'formula', expression: 'item_id + "x"' })));
    expect(wrongType.code).toBe('value.type_mismatch');
    expect(errorsOf(rulesWith((r) => (r.properties![2]!.value = { kind: 'formula', expression: 'user.total_revenue + day + (trait.country == "KR" ? 1 : 0)' })))).toEqual([]);
  });

  it('checks user updates: methods, sources and types', () => {
    expect(onlyError(rulesWith((r) => (r.userUpdates![0]!.value = { kind: 'event_property', property: 'item_id' }))).code).toBe('value.type_mismatch');
    expect(onlyError(rulesWith((r) => (r.userUpdates![1]!.property = 'nickname'))).code).toBe('user_update.append_type');
    expect(onlyError(rulesWith((r) => (r.userUpdates![0]!.value = { kind: 'event_property', property: 'quantity_x' }))).path).toBe('userUpdates[0].value.property');
    expect(onlyError(rulesWith((r) => (r.userUpdates![2]!.value = { kind: 'constant', value: 'yesterday' }))).path).toBe('userUpdates[2].value.value');
    expect(onlyError(rulesWith((r) => (r.initialUserProperties![0]!.property = 'nick'))).message).toContain('Did you mean "nickname"?');
  });

  it('finds unreachable stages, prerequisite cycles and prerequisites that never happen', () => {
    expect(onlyError(rulesWith((r) => (r.lifecycle[1]!.enterOn = 'purchase'))).code).toBe('stage.unreachable');
    const cycle = onlyError(rulesWith((r) => r.events[2]!.prerequisites = ['purchase']));
    expect(cycle.code).toBe('prerequisite.cycle');
    const never = errorsOf(rulesWith((r) => (r.events = r.events.filter((e) => e.event !== 'view_item'))));
    expect(never.map((e) => e.code)).toContain('prerequisite.never');
  });

  it('checks funnels, targets, shares, zones and distributions', () => {
    expect(onlyError(rulesWith((r) => (r.funnels![0]!.stepConversion = [1, 0.3]))).path).toBe('funnels[0].stepConversion');
    expect(onlyError(rulesWith((r) => (r.targets!.funnels![0]!.funnel = 'buy2'))).path).toBe('targets.funnels[0].funnel');
    expect(onlyError(rulesWith((r) => (r.segments[0]!.share = 0))).code).toBe('shares.zero');
    expect(onlyError(rulesWith((r) => (r.countries[0]!.timeZone = 'Asia/Seol'))).path).toBe('countries[0].timeZone');
    expect(onlyError(rulesWith((r) => (r.segments[0]!.sessionMinutes = { kind: 'uniform', min: 9, max: 3 }))).path).toBe('segments[0].sessionMinutes.max');
    expect(onlyError(rulesWith((r) => (r.properties![0]!.value = { kind: 'range', min: 50, max: 5 }))).code).toBe('range.inverted');
  });

  it('warns when a value reads a property the event fills later', () => {
    const t = structuredClone(taxonomy);
    t.events[4]!.properties = ['amount', 'order_id', 'item_id', 'price', 'quantity', 'cart'];
    const issues = checkRulesAgainstTaxonomy(RulesSchema.parse(valid), t);
    const late = issues.filter((i) => i.code === 'value.read_before_set');
    expect(late.map((i) => i.path)).toEqual(['properties[2].value.expression', 'properties[2].value.expression']);
    expect(late[0]!.message).toContain('reads "price", which is filled after it');
    expect(late.every((i) => i.severity === 'warning')).toBe(true);
  });

  it('warns when a first-session sequence needs a stage no earlier step enters', () => {
    const seq = { name: 'onboarding', steps: ['view_item', 'add_to_cart'], trigger: 'first_session' as const, gapSeconds: { kind: 'constant' as const, value: 5 } };
    const gated = checkRulesAgainstTaxonomy(rulesWith((r) => (r.sequences = [seq])), taxonomy).filter((i) => i.code === 'sequence.gated');
    expect(gated.map((i) => i.path)).toEqual(['sequences[0].steps[1]']);
    const entered = checkRulesAgainstTaxonomy(rulesWith((r) => (r.sequences = [{ ...seq, steps: ['register', 'add_to_cart'] }])), taxonomy);
    expect(entered.filter((i) => i.code === 'sequence.gated')).toEqual([]);
  });

  it('warns about taxonomy events that no rule generates', () => {
    const issues = checkRulesAgainstTaxonomy(rulesWith((r) => (r.events = r.events.filter((e) => e.event !== 'register'))), taxonomy);
    expect(issues.find((i) => i.code === 'event.missing')?.message).toContain('"register"');
  });
});

describe('checkRulesAgainstTaxonomy on mismatched input (property-based)', () => {
  it('never throws and addresses every issue, whatever rules meet whatever taxonomy', () => {
    fc.assert(
      fc.property(taxonomyArbitrary, taxonomyArbitrary, (a, b) => {
        const rules = analyzeOffline(a);
        for (const issue of [...checkRulesAgainstTaxonomy(rules, b), ...checkRulesAgainstTaxonomy(rules, taxonomy)]) {
          expect(issue.path.length).toBeGreaterThan(0);
          expect(issue.message.length).toBeGreaterThan(10);
          expect(['error', 'warning']).toContain(issue.severity);
        }
      }),
      { numRuns: 100 },
    );
  });
});
