/** Taxonomies a product team would write, for the analyzer's tests (never imported by product code). */
import { TaxonomySchema, type Taxonomy } from '../../../taxonomy/model.ts';

export const game: Taxonomy = TaxonomySchema.parse({
  product: {
    name: 'Dragon Quest Idle', industry: 'Mobile game (RPG)', platforms: ['ios', 'android'],
    countries: [{ country: 'KR', share: 0.7 }, { country: 'JP', timeZone: 'Asia/Tokyo', share: 0.3 }],
    days: 30, targetDau: 5000, targets: { d1: 0.35, d7: 0.15, d30: 0.06, payerRate: 0.04 },
    scenario: 'Summer sale on day 10. Server outage on day 20; update 3.0 on day 15',
  },
  events: [
    { name: 'app_start' }, { name: 'app_end' }, { name: 'install' },
    { name: 'register', properties: ['method'] },
    { name: 'login', properties: ['method'] },
    { name: 'tutorial_step1' }, { name: 'tutorial_step2' }, { name: 'tutorial_step3' }, { name: 'tutorial_complete' },
    { name: 'stage_start', properties: ['stage', 'level'] }, { name: 'stage_clear', properties: ['stage', 'level', 'duration', 'is_win'] },
    { name: 'level_up', properties: ['level'] },
    { name: 'shop_view', properties: ['item_id', 'item_name', 'price'] },
    { name: 'purchase', category: 'monetization', properties: ['order_id', 'item_id', 'item_name', 'price', 'currency', 'payment_method'] },
  ],
  eventProperties: [
    { name: 'method', type: 'string' }, { name: 'stage', type: 'number' }, { name: 'level', type: 'number' },
    { name: 'duration', type: 'number' }, { name: 'is_win', type: 'boolean' }, { name: 'item_id', type: 'string' },
    { name: 'item_name', type: 'string' }, { name: 'price', type: 'number' }, { name: 'order_id', type: 'string' },
    { name: 'currency', type: 'string' }, { name: 'payment_method', type: 'string' },
  ],
  commonProperties: [{ name: 'server', type: 'string', allowed: { kind: 'list', values: ['asia-1', 'asia-2'] } }],
  userProperties: [
    { name: 'level', type: 'number', update: 'set' }, { name: 'total_revenue', type: 'number', update: 'add' },
    { name: 'register_time', type: 'time', update: 'set_once' }, { name: 'purchased_items', type: 'list', update: 'append' },
    { name: 'gold', type: 'number', update: 'add' }, { name: 'nickname', type: 'string', update: 'set_once' },
    { name: 'pay_count', type: 'number', update: 'add' },
  ],
  funnels: [{ name: 'first purchase', steps: ['shop_view', 'purchase'], stepConversion: [null, 0.2] }],
});

export const commerce: Taxonomy = TaxonomySchema.parse({
  product: { name: 'Shop', industry: 'ecommerce', platforms: ['web', 'android', 'ios'], language: 'ko', scenario: 'Black Friday sale days 20-22' },
  events: [
    { name: 'app_open' }, { name: 'sign_up' }, { name: 'view_item', properties: ['product_id', 'product_name', 'price', 'category'] },
    { name: 'search', properties: ['keyword'] },
    { name: 'add_to_cart', properties: ['product_id', 'product_name', 'price', 'quantity'] },
    { name: 'checkout', properties: ['order_id', 'product_id', 'price', 'quantity', 'amount'] },
    { name: 'payment', properties: ['order_id', 'amount', 'payment_method'] },
  ],
  eventProperties: [
    { name: 'product_id', type: 'string' }, { name: 'product_name', type: 'string' }, { name: 'price', type: 'number' },
    { name: 'category', type: 'string' }, { name: 'keyword', type: 'string' }, { name: 'quantity', type: 'number' },
    { name: 'order_id', type: 'string' }, { name: 'amount', type: 'number' }, { name: 'payment_method', type: 'string' },
  ],
  commonProperties: [],
  userProperties: [{ name: 'total_spent', type: 'number', update: 'add' }, { name: 'last_purchase_time', type: 'time', update: 'set' }],
  funnels: [{ name: 'buy', steps: ['view_item', 'add_to_cart', 'checkout', 'payment'], stepConversion: [null, 0.3, 0.5, 0.8] }],
});
