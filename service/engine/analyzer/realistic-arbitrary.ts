/**
 * Random taxonomies built from the names real products use (app_start, tutorial_step1, add_to_cart,
 * price, order_id, level …) with random types and allowed values, so property tests reach the
 * analyzer's name rules, including names whose type contradicts what the name suggests.
 * Test support only; product code never imports it.
 */
import fc from 'fast-check';
import { PLATFORMS, TaxonomySchema, type Taxonomy } from '../../../taxonomy/model.ts';

const EVENTS = [
  'app_start', 'app_end', 'install', 'register', 'sign_up', 'login', 'logout', 'tutorial_step1', 'tutorial_step2', 'tutorial_step3',
  'tutorial_start', 'tutorial_complete', 'onboarding_1', 'onboarding_2', 'view_item', 'product_view', 'search', 'add_to_cart',
  'checkout', 'payment', 'purchase', 'order_complete', 'level_up', 'stage_start', 'stage_clear', 'stage_fail', 'quest_accept',
  'quest_complete', 'battle', 'gacha', 'share', 'invite_friend', 'subscribe', 'deposit', 'watch_video', 'error', 'page_view',
];
const PROPERTIES = [
  'price', 'amount', 'quantity', 'item_id', 'item_name', 'product_id', 'product_name', 'category', 'order_id', 'currency',
  'payment_method', 'method', 'level', 'new_level', 'stage', 'duration', 'result', 'score', 'gold', 'is_win', 'keyword',
  'country', 'channel', 'user_id', 'session_id', 'reason', 'page', 'coupon', 'rate', 'paid_at', 'vip', 'reward',
  'reward.gold', 'reward.item',
];
const USER_PROPERTIES = ['level', 'total_revenue', 'total_spent', 'pay_count', 'login_count', 'register_time', 'last_login_time', 'first_pay_time', 'purchased_items', 'gold', 'nickname', 'is_payer', 'vip_level', 'country'];
const TYPES = ['number', 'string', 'boolean', 'time', 'list', 'object'] as const;
const INDUSTRIES = ['game', 'ecommerce', 'saas', 'media', 'finance', '', '모바일 게임', 'shop'];

/** Types skewed toward what the name suggests, but any type can occur. */
const typeOf = fc.constantFrom(...TYPES, 'number', 'string', 'string');

export const realisticTaxonomy: fc.Arbitrary<Taxonomy> = fc
  .record({
    events: fc.uniqueArray(fc.constantFrom(...EVENTS), { minLength: 1, maxLength: 14 }),
    props: fc.uniqueArray(fc.record({ name: fc.constantFrom(...PROPERTIES), type: typeOf, common: fc.boolean() }), { selector: (p) => p.name, maxLength: 14 }),
    users: fc.uniqueArray(fc.record({ name: fc.constantFrom(...USER_PROPERTIES), type: typeOf, update: fc.constantFrom('set', 'set_once', 'add', 'append', 'uniq_append') }), { selector: (p) => p.name, maxLength: 8 }),
    picks: fc.array(fc.array(fc.nat(40), { maxLength: 6 }), { minLength: 14, maxLength: 14 }),
    industry: fc.constantFrom(...INDUSTRIES),
    platforms: fc.uniqueArray(fc.constantFrom(...PLATFORMS)),
    countries: fc.uniqueArray(fc.constantFrom('KR', 'JP', 'US', 'CN', 'DE', 'BR', 'ZZ'), { maxLength: 3 }),
    funnel: fc.array(fc.nat(40), { minLength: 2, maxLength: 4 }),
    conversion: fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }), { maxLength: 4 }),
    scenario: fc.constantFrom('', 'Big sale on day 3', 'outage on day 2, then update 9.1 on day 4', '3일차에 업데이트', 'campaign week 1'),
    allowedOn: fc.nat(20),
  })
  .map((r) => {
    const eventProps = r.props.filter((p) => !p.common);
    const props = r.props.map((p) => ({
      name: p.name,
      type: p.name.includes('.') && p.type === 'object' ? 'number' : p.type,
      ...(p.name === PROPERTIES[r.allowedOn] && p.type === 'string' ? { allowed: { kind: 'list', values: ['a', 'b', 'c'] } } : {}),
    }));
    const events = r.events.map((name, i) => ({
      name,
      properties: [...new Set((r.picks[i] ?? []).map((k) => eventProps[k % Math.max(1, eventProps.length)]?.name).filter((n): n is string => !!n))],
    }));
    const steps = [...new Set(r.funnel.map((k) => r.events[k % r.events.length]!))];
    return TaxonomySchema.parse({
      product: {
        industry: r.industry, platforms: r.platforms, scenario: r.scenario, days: 7,
        countries: r.countries.map((country) => ({ country, share: 1 })),
      },
      events,
      eventProperties: props.filter((_, i) => !r.props[i]!.common),
      commonProperties: props.filter((_, i) => r.props[i]!.common),
      userProperties: r.users,
      funnels: steps.length >= 2 ? [{ name: 'main', steps, stepConversion: steps.map((_, i) => (i === 0 ? null : (r.conversion[i] ?? null))) }] : [],
    });
  });
