import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { taxonomy as taxonomyArbitrary } from '../../../testing/taxonomy-arbitrary.ts';
import { TaxonomySchema, type Taxonomy } from '../../../taxonomy/model.ts';
import { realisticTaxonomy } from './realistic-arbitrary.ts';
import { commerce, game } from './test-taxonomies.ts';
import { checkRulesAgainstTaxonomy, ruleErrors } from '../rules/check.ts';
import { RulesSchema, type Rules } from '../rules/schema.ts';
import { analyzeOffline } from './offline.ts';
import { ecommerce } from '../../../examples/ecommerce.ts';
import { mobileGame } from '../../../examples/mobile-game.ts';
import { saas } from '../../../examples/saas.ts';

function errorsOf(t: Taxonomy, rules: Rules) {
  return ruleErrors(checkRulesAgainstTaxonomy(rules, t));
}

const ruleFor = (r: Rules, event: string, property: string) => r.properties.find((p) => p.event === event && p.property === property);

describe('analyzeOffline on a game', () => {
  const rules = analyzeOffline(game);

  it('produces rules that pass the schema and every rules check', () => {
    expect(RulesSchema.safeParse(rules).success).toBe(true);
    expect(errorsOf(game, rules)).toEqual([]);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(analyzeOffline(game))).toBe(JSON.stringify(rules));
  });

  it('uses game presets and passes targets through', () => {
    expect(rules.segments.map((s) => s.name)).toContain('whale');
    expect(rules.targets).toMatchObject({ dau: 5000, d1: 0.35, d7: 0.15, d30: 0.06, payerRate: 0.04 });
    const total = rules.segments.reduce((a, s) => a + s.share, 0);
    const payers = rules.segments.reduce((a, s) => a + s.share * s.payer, 0) / total;
    expect(payers).toBeCloseTo(0.04, 2);
    expect(rules.hourOfDay.indexOf(Math.max(...rules.hourOfDay))).toBeGreaterThanOrEqual(18);
  });

  it('puts the lifecycle in order: install/register/tutorial once, purchase after registering and logging in', () => {
    const ev = (n: string) => rules.events.find((e) => e.event === n)!;
    expect(ev('app_start').placement).toBe('session_start');
    expect(ev('app_end').placement).toBe('session_end');
    expect(ev('register').oncePerUser).toBe(true);
    expect(ev('tutorial_step2').oncePerUser).toBe(true);
    expect(ev('purchase').payment).toBe(true);
    expect(ev('purchase').prerequisites).toContain('login');
    expect(ev('stage_clear').prerequisites).toContain('stage_start');
    expect(rules.identity.registerEvent).toBe('register');
    expect(rules.lifecycle[1]).toMatchObject({ enterOn: 'register' });
    expect(rules.lifecycle[1]!.allowEvents).toContain('purchase');
    expect(rules.lifecycle[0]!.allowEvents).not.toContain('purchase');
  });

  it('turns numeric suffixes into a first-session sequence', () => {
    const tutorial = rules.sequences.find((s) => s.steps.includes('tutorial_step1'))!;
    expect(tutorial.steps).toEqual(['tutorial_step1', 'tutorial_step2', 'tutorial_step3', 'tutorial_complete']);
    expect(tutorial.trigger).toBe('first_session');
  });

  it('keeps values together and ties levels to the user', () => {
    expect(ruleFor(rules, 'purchase', 'item_id')?.value).toEqual({ kind: 'copy', fromEvent: 'shop_view', property: 'item_id' });
    expect(ruleFor(rules, 'shop_view', 'item_name')?.value.kind).toBe('by_value');
    expect(ruleFor(rules, 'level_up', 'level')?.value).toEqual({ kind: 'user_property', property: 'level', add: 1 });
    expect(ruleFor(rules, 'stage_start', 'level')?.value).toEqual({ kind: 'user_property', property: 'level' });
    expect(rules.userUpdates).toContainEqual({ event: 'level_up', property: 'level', method: 'set', value: { kind: 'event_property', property: 'level' } });
    expect(rules.userUpdates).toContainEqual({ event: 'purchase', property: 'total_revenue', method: 'add', value: { kind: 'event_property', property: 'price' } });
    expect(rules.userUpdates).toContainEqual({ event: 'purchase', property: 'purchased_items', method: 'append', value: { kind: 'event_property', property: 'item_id' } });
    expect(rules.userUpdates).toContainEqual({ event: 'register', property: 'register_time', method: 'set_once', value: { kind: 'event_time' } });
    expect(rules.userUpdates).toContainEqual({ event: 'purchase', property: 'pay_count', method: 'add', value: { kind: 'constant', value: 1 } });
    expect(rules.monetization).toEqual({ revenueProperty: 'price', currency: 'KRW' });
  });

  it('reads what a realistic game workbook says its events do to the profile (the mobile game example)', () => {
    const r = analyzeOffline(mobileGame);
    // A level-up reports the level before and after, around the user's own level, and sets it;
    // the level every event carries stays the user's level, even with a stated range of 1-300.
    expect(ruleFor(r, 'level_up', 'level_before')?.value).toEqual({ kind: 'user_property', property: 'current_level' });
    expect(ruleFor(r, 'level_up', 'level_after')?.value).toEqual({ kind: 'user_property', property: 'current_level', add: 1 });
    expect(r.properties.find((p) => p.event === undefined && p.property === 'user_level')?.value).toEqual({ kind: 'user_property', property: 'current_level' });
    expect(r.userUpdates.filter((u) => u.property === 'current_level')).toEqual([{ event: 'level_up', property: 'current_level', method: 'set', value: { kind: 'event_property', property: 'level_after' } }]);
    // A 10-pull adds ten summons; the heroes it brings join the owned list; each stage started is remembered once.
    expect(r.userUpdates.filter((u) => u.property === 'total_summon_count')).toEqual([{ event: 'hero_summon', property: 'total_summon_count', method: 'add', value: { kind: 'event_property', property: 'pull_count' } }]);
    expect(r.userUpdates.filter((u) => u.property === 'owned_heroes')).toEqual([{ event: 'hero_summon', property: 'owned_heroes', method: 'uniq_append', value: { kind: 'event_property', property: 'obtained_heroes' } }]);
    expect(r.userUpdates.filter((u) => u.property === 'recent_stages')).toEqual([{ event: 'stage_start', property: 'recent_stages', method: 'append', value: { kind: 'event_property', property: 'stage_id' } }]);
    // A player signs in the same way every time: one choice per user, with the stated weights.
    const login = r.properties.find((p) => p.property === 'login_method')?.value;
    expect(login?.kind).toBe('formula');
    expect(login?.kind === 'formula' && login.expression).toContain('trait.user_index');
    // The install opens the first session; the tutorial's eight steps come between its start and
    // its end, counted 1…8, and nowhere else.
    expect(r.events.find((e) => e.event === 'app_install')).toMatchObject({ placement: 'session_start', oncePerUser: true });
    const tutorial = r.sequences.find((s) => s.name === 'tutorial')!;
    expect(tutorial.steps).toEqual(['tutorial_start', ...Array.from({ length: 8 }, () => 'tutorial_step'), 'tutorial_complete']);
    expect(tutorial.continueProbability ** (tutorial.steps.length - 1)).toBeCloseTo(0.9, 6);
    expect(r.events.find((e) => e.event === 'tutorial_step')).toMatchObject({ weight: 0, prerequisites: ['tutorial_start'] });
    expect(ruleFor(r, 'tutorial_step', 'step_index')?.value).toEqual({ kind: 'counter', start: 1 });
    // Rank points go up on a win and down on a loss; ten pulls cost ten times one.
    expect(ruleFor(r, 'pvp_match_end', 'rank_point_change')?.value).toEqual({ kind: 'formula', expression: '(pvp_result == "win") ? round(rand(1, 30)) : (pvp_result == "lose") ? -round(rand(1, 30)) : 0' });
    expect(ruleFor(r, 'hero_summon', 'gem_spent')?.value).toEqual({ kind: 'formula', expression: 'pull_count * 300' });
    // A hero has one grade wherever it appears, the grades shared out by their stated weights (R 55, SR 33, SSR 12).
    const grade = ruleFor(r, 'hero_upgrade', 'hero_grade')?.value;
    expect(grade?.kind === 'by_value' && grade.of).toBe('hero_id');
    expect(grade?.kind === 'by_value' && grade.cases.map((c) => c.values[0]!.value)).toEqual(['R', 'R', 'R', 'SR', 'SR', 'SSR']);
    expect(errorsOf(mobileGame, r)).toEqual([]);
  });

  it('puts the steps that fail or undo a purchase after it, and rarely (the shop example)', () => {
    const r = analyzeOffline(ecommerce);
    const rule = (event: string) => r.events.find((e) => e.event === event)!;
    expect(rule('payment_fail').prerequisites).toEqual(['checkout_start']);
    expect(rule('order_cancel').prerequisites).toEqual(['payment_complete']);
    expect(rule('remove_from_cart').prerequisites).toEqual(['add_to_cart']);
    expect(rule('review_write').prerequisites).toEqual(['payment_complete']);
    expect(rule('payment_fail').weight).toBeLessThan(rule('payment_complete').weight);
    expect(rule('order_cancel').weight).toBeLessThan(rule('payment_fail').weight);
    // The order that failed or was cancelled is the one checked out or paid.
    expect(ruleFor(r, 'payment_fail', 'order_id')?.value).toEqual({ kind: 'copy', fromEvent: 'checkout_start', property: 'order_id' });
    expect(ruleFor(r, 'order_cancel', 'order_id')?.value).toEqual({ kind: 'copy', fromEvent: 'payment_complete', property: 'order_id' });
    // A coupon keeps its type, and one that names it gets it.
    const type = ruleFor(r, 'coupon_download', 'coupon_type')?.value;
    expect(type?.kind === 'by_value' && type.cases.find((c) => c.when === 'FREESHIP')?.values).toEqual([{ value: 'free_shipping', weight: 1 }]);
    expect(errorsOf(ecommerce, r)).toEqual([]);
  });

  it('keeps business software behind the sign-up, and trials, cancellations, set-ups and support calls rare (the SaaS example)', () => {
    const r = analyzeOffline(saas);
    const rule = (event: string) => r.events.find((e) => e.event === event)!;
    const guest = r.lifecycle.find((s) => s.name === 'guest')!.allowEvents;
    expect(guest).toContain('signup');
    expect(guest).toContain('pricing_page_view');
    for (const inside of ['task_create', 'project_create', 'dashboard_view', 'integration_connect', 'subscription_cancel', 'trial_start']) expect(guest, inside).not.toContain(inside);
    expect(rule('trial_start').oncePerUser).toBe(true);
    expect(rule('subscription_cancel').prerequisites).toEqual(['subscription_start']);
    for (const rare of ['subscription_cancel', 'workspace_create', 'support_ticket_create', 'trial_start']) expect(rule(rare).weight, rare).toBeLessThan(rule('task_create').weight / 10);
    expect(rule('pricing_page_view').weight).toBeLessThan(rule('dashboard_view').weight / 10);
    // The profile takes what the events report: the company size given at sign-up, the plan and
    // seats a subscription starts with (drawn at the trial and carried to checkout and payment).
    expect(r.userUpdates).toContainEqual({ event: 'signup', property: 'company_size', method: 'set_once', value: { kind: 'event_property', property: 'company_size' } });
    expect(r.userUpdates).toContainEqual({ event: 'subscription_start', property: 'plan', method: 'set', value: { kind: 'event_property', property: 'plan' } });
    expect(ruleFor(r, 'signup', 'company_size')?.value.kind).toBe('weighted');
    expect(ruleFor(r, 'trial_start', 'plan')?.value).toEqual({ kind: 'weighted', values: [{ value: 'team', weight: 70 }, { value: 'business', weight: 25 }, { value: 'enterprise', weight: 5 }] });
    expect(ruleFor(r, 'subscription_start', 'plan')?.value).toEqual({ kind: 'copy', fromEvent: 'checkout_start', property: 'plan' });
    expect(errorsOf(saas, r)).toEqual([]);
    const game = analyzeOffline(mobileGame);
    // Joining a guild sets it; every other event reports the user's guild.
    expect(game.userUpdates.filter((u) => u.property === 'guild_id')).toEqual([{ event: 'guild_join', property: 'guild_id', method: 'set', value: { kind: 'event_property', property: 'guild_id' } }]);
    expect(ruleFor(game, 'guild_join', 'guild_id')?.value.kind).toBe('weighted');
    expect(game.properties.find((p) => p.event === undefined && p.property === 'guild_id')?.value).toEqual({ kind: 'user_property', property: 'guild_id' });
    // A shop lets guests browse and fill a cart before signing up.
    const shop = analyzeOffline(ecommerce).lifecycle.find((s) => s.name === 'guest')!.allowEvents;
    expect(shop).toEqual(expect.arrayContaining(['product_view', 'add_to_cart', 'search']));
  });

  it('gives a product one category and one price wherever it appears, inside the ranges the workbook states', () => {
    const r = analyzeOffline(ecommerce);
    const category = ruleFor(r, 'product_view', 'category')?.value;
    const price = ruleFor(r, 'product_view', 'price')?.value;
    expect(category?.kind).toBe('by_value');
    expect(price?.kind).toBe('by_value');
    if (category?.kind !== 'by_value' || price?.kind !== 'by_value') return;
    expect(category.of).toBe('product_id');
    expect(category.cases[0]!.when).toBe('product_1001');
    const allowedCategories = ecommerce.eventProperties.find((p) => p.name === 'category')!.allowed!;
    const names = allowedCategories.kind === 'list' ? allowedCategories.values : allowedCategories.kind === 'weighted' ? allowedCategories.values.map((v) => v.value) : [];
    for (const c of category.cases) expect(names).toContain(c.values[0]!.value);
    const prices = price.cases.map((c) => c.values[0]!.value as number);
    for (const p of prices) {
      expect(p).toBeGreaterThanOrEqual(5);
      expect(p).toBeLessThanOrEqual(400);
      expect(Math.round(p * 100) / 100).toBe(p);
    }
    expect(new Set(prices).size).toBeGreaterThan(prices.length / 2);
  });

  it('reads countries, funnels and the scenario', () => {
    expect(rules.countries.map((c) => c.country)).toEqual(['KR', 'JP']);
    expect(rules.channels.map((c) => c.name)).toContain('kakao');
    expect(rules.funnels[0]).toMatchObject({ funnel: 'first purchase', steps: ['shop_view', 'purchase'], stepConversion: [1, 0.2] });
    expect(rules.targets.funnels).toEqual([{ funnel: 'first purchase', stepConversion: [null, 0.2] }]);
    const sale = rules.timeline.find((m) => m.name.startsWith('sale'))!;
    expect(sale.fromDay).toBe(9);
    expect(sale.events).toContainEqual({ event: 'purchase', multiplier: 2.5 });
    const outage = rules.timeline.find((m) => m.name.startsWith('outage'))!;
    expect([outage.fromDay, outage.toDay]).toEqual([19, 19]);
    expect(outage.activity).toBeLessThan(1);
    expect(rules.releases).toContainEqual({ version: '3.0.0', day: 14, rolloutDays: 7 });
  });
});

describe('analyzeOffline on a shop', () => {
  const rules = analyzeOffline(commerce);

  it('passes every rules check', () => {
    expect(errorsOf(commerce, rules)).toEqual([]);
  });

  it('chains the purchase path and carries values along it', () => {
    const ev = (n: string) => rules.events.find((e) => e.event === n)!;
    expect(ev('add_to_cart').prerequisites).toContain('view_item');
    expect(ev('checkout').prerequisites).toContain('add_to_cart');
    expect(ev('payment').prerequisites).toContain('checkout');
    expect(ruleFor(rules, 'payment', 'order_id')?.value).toEqual({ kind: 'copy', fromEvent: 'checkout', property: 'order_id' });
    expect(ruleFor(rules, 'add_to_cart', 'price')?.value).toEqual({ kind: 'copy', fromEvent: 'view_item', property: 'price' });
    expect(ruleFor(rules, 'checkout', 'amount')?.value).toEqual({ kind: 'formula', expression: 'round(price * quantity, 0)' });
    expect(rules.userUpdates).toContainEqual({ event: 'payment', property: 'total_spent', method: 'add', value: { kind: 'event_property', property: 'amount' } });
  });

  it('defaults a Korean workbook to a Korean audience and reads a day range', () => {
    expect(rules.countries[0]!.country).toBe('KR');
    expect(rules.monetization.currency).toBe('KRW');
    const sale = rules.timeline.find((m) => m.name.startsWith('sale'))!;
    expect([sale.fromDay, sale.toDay]).toEqual([19, 21]);
    expect(rules.platforms.map((p) => p.platform)).toEqual(['web', 'android', 'ios']);
  });
});

/** Makes an arbitrary taxonomy internally consistent, as validateTaxonomy would demand. */
function repair(t: Taxonomy): Taxonomy {
  const seen = new Set<string>();
  const unique = <T extends { name: string }>(list: T[]) => list.filter((x) => (seen.has(x.name.toLowerCase()) ? false : (seen.add(x.name.toLowerCase()), true)));
  const commonProperties = unique(t.commonProperties);
  const eventProperties = unique(t.eventProperties);
  seen.clear();
  const userProperties = unique(t.userProperties);
  const defined = new Set([...commonProperties, ...eventProperties].map((p) => p.name));
  seen.clear();
  const events = unique(t.events).map((e) => ({ ...e, properties: [...new Set(e.properties.filter((p) => defined.has(p)))] }));
  const names = events.map((e) => e.name);
  const funnels = names.length === 0 ? [] : t.funnels.map((f) => ({ ...f, steps: f.steps.map((_, i) => names[i % names.length]!) }));
  return TaxonomySchema.parse({ ...t, events, commonProperties, eventProperties, userProperties, funnels });
}

describe('analyzeOffline on random taxonomies', () => {
  it('never throws and always yields schema-valid rules, even for inconsistent input', () => {
    fc.assert(
      fc.property(taxonomyArbitrary, (t) => {
        expect(RulesSchema.safeParse(analyzeOffline(t)).success).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('passes every rules check for consistent taxonomies', () => {
    fc.assert(
      fc.property(taxonomyArbitrary.map(repair), (t) => {
        expect(errorsOf(t, analyzeOffline(t))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('passes every rules check for taxonomies written with real-world names and any types', () => {
    fc.assert(
      fc.property(realisticTaxonomy, (t) => {
        const rules = analyzeOffline(t);
        expect(errorsOf(t, rules)).toEqual([]);
        expect(checkRulesAgainstTaxonomy(rules, t).filter((i) => i.code === 'value.read_before_set' || i.code === 'sequence.gated')).toEqual([]);
        expect(RulesSchema.safeParse(rules).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
