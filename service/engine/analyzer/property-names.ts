/**
 * A value generator for a property from its name and type alone: `*_id`, `price`, `amount`,
 * `quantity`, `level`, `duration`, `country`, `currency` … Returns undefined when the name says
 * nothing, leaving the simulator's type default.
 */
import type { AllowedValues, PropertyType } from '../../../taxonomy/model.ts';
import type { ValueGenerator } from '../rules/schema.ts';
import { CATALOGS, DEFAULT_LOGIN_METHODS, DEFAULT_PAYMENT_METHODS, LOGIN_METHODS, PAGES, PAYMENT_METHODS, SEARCH_WORDS, localPrice, zipf } from './catalog.ts';
import type { Industry } from './industry.ts';

export interface NamingContext {
  industry: Industry;
  countries: string[];
  /** Currency of each country in `countries`, same order. */
  currencies: string[];
  mainCurrency: string;
  perUsd: number;
  priceUsd: [number, number];
}

export const ITEM_ID = /^(item|product|goods|sku|prod|content|video|article|song|episode|package|pack|bundle|plan|offer)_?(id|code|no)$|^sku$/;
export const ITEM_NAME = /^(item|product|goods|content|video|article|song|episode|package|pack|bundle|plan|offer)_?(name|title)$/;
export const ITEM_CATEGORY = /^(item|product|goods|content)?_?(category|type|genre)$/;
export const PRICE = /^(unit_?|item_?|product_?|original_?|sale_?|list_?)?(price|cost)$/;
export const AMOUNT = /^(pay_?|payment_?|order_?|total_?|purchase_?|paid_?)?(amount|revenue|total|value|sum|money)$|^total_price$/;
export const QUANTITY = /^(quantity|qty|count|num|cnt|item_count|item_num|amount_of_items)$/;
/** A user property that is the account's level (a hero's or a VIP level is not raised by level-ups). */
export const USER_LEVEL = /^(level|lv|player_level|user_level|account_level|char_level|character_level|role_level|current_level)$/;
/** An event property reporting the level now, or the level a level-up reached. */
export const LEVEL_NOW = /^(level|lv|player_level|user_level|account_level|char_level|character_level|role_level|new_level|current_level|level_after|after_level|to_level)$/;
/** An event property reporting the level before a level-up. */
export const LEVEL_BEFORE = /^(level_before|before_level|old_level|prev_level|previous_level|from_level)$/;
const ORDER_ID = /^(order|transaction|payment|trade|receipt|purchase|invoice)_?(id|no|number)$/;
const USER_ID = /^(user|role|player|account|member|customer|character|char)_?id$|^uid$/;

/** Ids a catalogue item carries everywhere: `item_id` → `item_1001`. */
export function catalogIds(name: string, n: number): string[] {
  const stem = name.replace(/_?(id|code|no)$/, '').replace(/[^a-z]/g, '') || 'item';
  return Array.from({ length: n }, (_, i) => `${stem}_${1001 + i}`);
}

/** What a property's stated values allow, as a generator; undefined when they do not fit its type. */
export function generatorForAllowed(allowed: AllowedValues | undefined, type: PropertyType): ValueGenerator | undefined {
  if (allowed?.kind === 'range' && type === 'number' && allowed.min <= allowed.max) return { kind: 'range', min: allowed.min, max: allowed.max, decimals: allowed.decimals };
  if (allowed?.kind === 'list' && valuesFit(allowed.values, type)) return { kind: 'list', values: allowed.values };
  if (allowed?.kind === 'weighted' && valuesFit(allowed.values.map((v) => v.value), type) && allowed.values.some((v) => v.weight > 0)) {
    return { kind: 'weighted', values: allowed.values.map((v) => ({ value: v.value, weight: Math.max(0, v.weight) })) };
  }
  return undefined;
}

function valuesFit(values: readonly unknown[], type: string): boolean {
  if (type === 'number') return values.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (type === 'string') return values.every((v) => typeof v === 'string');
  if (type === 'boolean') return values.every((v) => typeof v === 'boolean');
  return false;
}

export function generatorForName(fullName: string, type: PropertyType, ctx: NamingContext): ValueGenerator | undefined {
  const name = (fullName.split('.').pop() ?? fullName).toLowerCase();
  switch (type) {
    case 'number':
      return numberByName(name, ctx);
    case 'string':
      return stringByName(name, ctx);
    case 'boolean':
      return booleanByName(name);
    case 'time':
      return /expire|expiry|end|due|until/.test(name) ? { kind: 'time', offsetMinutes: 30 * 24 * 60 } : { kind: 'time' };
    default:
      return undefined;
  }
}

export function priceRange(ctx: NamingContext, scale = 1): ValueGenerator {
  const [lo, hi] = ctx.priceUsd;
  const min = localPrice(lo * scale, ctx.perUsd);
  const max = localPrice(hi * scale, ctx.perUsd);
  if (ctx.perUsd >= 100) return { kind: 'formula', expression: `round(rand(${min}, ${max}) / 100) * 100` };
  return { kind: 'range', min, max, decimals: ctx.perUsd >= 20 ? 0 : 2, skew: 'low' };
}

function range(min: number, max: number, skew: 'low' | 'uniform' = 'low', decimals = 0): ValueGenerator {
  return { kind: 'range', min, max, decimals, skew };
}

function numberByName(name: string, ctx: NamingContext): ValueGenerator | undefined {
  if (PRICE.test(name)) return priceRange(ctx);
  if (AMOUNT.test(name)) return priceRange(ctx, 1.5);
  if (QUANTITY.test(name)) return range(1, 5);
  if (/^(level|lv|player_level|user_level|char_level|character_level|hero_level)$/.test(name)) return range(1, 60);
  if (/^(stage|chapter|floor|wave|round|stage_id|level_id)$/.test(name)) return range(1, 100);
  if (/(duration|play_time|time_spent|elapsed|watch_time|stay_time|_sec|_seconds|seconds)$/.test(name)) return range(3, 1800);
  if (/_ms$/.test(name)) return range(50, 5000);
  if (/_time$/.test(name)) return range(1, 3600);
  if (/^(score|point|points|exp|xp|experience)$/.test(name)) return range(0, 10000);
  if (/^(rank|ranking|position|place)$/.test(name)) return range(1, 100);
  if (/^(vip|vip_level|vip_lv|membership_level|tier)$/.test(name)) return range(0, 10);
  if (/(gold|coin|coins|gem|gems|diamond|diamonds|crystal|cash|balance|currency_amount|stamina|energy)$/.test(name)) return range(10, 5000);
  if (/^(discount|discount_rate|percent|pct|progress|battery)$/.test(name)) return range(0, 100, 'uniform');
  if (/(rate|ratio)$/.test(name)) return range(0, 1, 'uniform', 2);
  if (/^(rating|stars?|score_rating)$/.test(name)) return { kind: 'weighted', values: [1, 2, 3, 4, 5].map((v, i) => ({ value: v, weight: [0.04, 0.06, 0.15, 0.35, 0.4][i]! })) };
  if (/^age$/.test(name)) return range(16, 65, 'uniform');
  if (/^(index|slot|page_no|page_num|page_index|retry|retries|attempt)$/.test(name)) return range(1, 20);
  return undefined;
}

function byCountry(values: Record<string, string[]>, fallback: string[], ctx: NamingContext): ValueGenerator {
  const cases = ctx.countries.filter((c) => values[c]).map((c) => ({ when: c, values: zipf(values[c]!) }));
  if (cases.length === 0) return { kind: 'weighted', values: zipf(fallback) };
  return { kind: 'by_value', of: 'trait.country', cases, otherwise: zipf(fallback) };
}

function stringByName(name: string, ctx: NamingContext): ValueGenerator | undefined {
  if (ORDER_ID.test(name)) return { kind: 'id', prefix: `${name.split('_')[0]!.slice(0, 3)}_`, scope: 'event' };
  if (USER_ID.test(name)) return { kind: 'id', prefix: `${name.split('_')[0]!.slice(0, 1)}`, scope: 'user' };
  if (ITEM_ID.test(name)) return { kind: 'weighted', values: zipf(catalogIds(name, CATALOGS[ctx.industry].length)) };
  if (ITEM_NAME.test(name)) return { kind: 'weighted', values: zipf(CATALOGS[ctx.industry].map((i) => i.name)) };
  if (ITEM_CATEGORY.test(name) && name !== 'type') return { kind: 'list', values: [...new Set(CATALOGS[ctx.industry].map((i) => i.category))] };
  if (/^(session_id|request_id|trace_id|log_id|event_uuid)$/.test(name)) return { kind: 'id', prefix: '', scope: 'event' };
  if (/^(country|country_code|nation)$/.test(name)) return { kind: 'trait', trait: 'country' };
  if (/^(currency|currency_type|currency_code|pay_currency)$/.test(name)) {
    const cases = ctx.countries.map((c, i) => ({ when: c, values: [{ value: ctx.currencies[i]!, weight: 1 }] }));
    return cases.length > 0 ? { kind: 'by_value', of: 'trait.country', cases, otherwise: [{ value: ctx.mainCurrency, weight: 1 }] } : { kind: 'list', values: [ctx.mainCurrency] };
  }
  if (/^(platform|client_platform)$/.test(name)) return { kind: 'trait', trait: 'platform' };
  if (/^(channel|install_channel|acquisition_channel|media_source|first_channel|source_channel|register_channel)$/.test(name)) return { kind: 'trait', trait: 'channel' };
  if (/^utm_(source|medium|campaign)$/.test(name)) return { kind: 'trait', trait: name as 'utm_source' | 'utm_medium' | 'utm_campaign' };
  if (/^(campaign|campaign_name)$/.test(name)) return { kind: 'trait', trait: 'utm_campaign' };
  if (/^(language|lang|locale)$/.test(name)) return { kind: 'trait', trait: 'locale' };
  if (/^(app_version|client_version|version)$/.test(name)) return { kind: 'trait', trait: 'app_version' };
  if (/^(time_zone|timezone|tz)$/.test(name)) return { kind: 'trait', trait: 'time_zone' };
  if (/^(segment|user_segment|user_type)$/.test(name)) return { kind: 'trait', trait: 'segment' };
  if (/^city$/.test(name)) return { kind: 'faker', method: 'location.city' };
  if (/^(nickname|nick_name|user_name|username|player_name|role_name|character_name|display_name)$/.test(name)) return { kind: 'faker', method: 'internet.userName' };
  if (/^(full_name|real_name|name)$/.test(name)) return { kind: 'faker', method: 'person.fullName' };
  if (/^e?mail$|^email_address$/.test(name)) return { kind: 'faker', method: 'internet.email' };
  if (/^(phone|phone_number|mobile)$/.test(name)) return { kind: 'faker', method: 'phone.number' };
  if (/^(company|company_name|organization|org_name)$/.test(name)) return { kind: 'faker', method: 'company.name' };
  if (/^(payment_method|pay_method|pay_type|payment_type|pay_channel|payment_channel)$/.test(name)) return byCountry(PAYMENT_METHODS, DEFAULT_PAYMENT_METHODS, ctx);
  if (/^(method|login_method|register_method|login_type|signup_method|register_type|auth_type|login_channel)$/.test(name)) return byCountry(LOGIN_METHODS, DEFAULT_LOGIN_METHODS, ctx);
  if (/^(result|status|outcome|pay_status|payment_status)$/.test(name)) return { kind: 'weighted', values: [{ value: 'success', weight: 0.92 }, { value: 'fail', weight: 0.08 }] };
  if (/(reason|error_code|error_msg|error_message|error)$/.test(name)) return { kind: 'weighted', values: zipf(['timeout', 'network_error', 'invalid_input', 'server_error', 'cancelled']) };
  if (/^(keyword|query|search_term|search_keyword|search_word)$/.test(name)) return { kind: 'weighted', values: zipf(SEARCH_WORDS[ctx.industry]) };
  if (/^(page|page_name|screen|screen_name|tab|from_page|source_page|entrance|entry|referrer_page)$/.test(name)) return { kind: 'weighted', values: zipf(PAGES[ctx.industry]) };
  if (/^(button|button_name|element|element_name|click_target)$/.test(name)) return { kind: 'weighted', values: zipf(['confirm', 'buy_now', 'close', 'share', 'cancel']) };
  if (/^(coupon|coupon_id|coupon_code|promo_code)$/.test(name)) return { kind: 'weighted', values: zipf(['WELCOME10', 'FREESHIP', 'VIP20', 'COMEBACK15']) };
  if (/_id$/.test(name)) return { kind: 'weighted', values: zipf(catalogIds(name, 10)) };
  return undefined;
}

function booleanByName(name: string): ValueGenerator | undefined {
  const yes = (p: number): ValueGenerator => ({ kind: 'weighted', values: [{ value: true, weight: p }, { value: false, weight: 1 - p }] });
  if (/^(is_)?first|_first$/.test(name)) return yes(0.12);
  if (/^(is_)?(success|succeeded|successful|completed|done)$/.test(name)) return yes(0.9);
  if (/^(is_)?(win|won|victory|cleared)$/.test(name)) return yes(0.55);
  if (/^(is_)?(vip|member|premium|paid|payer|subscribed)$/.test(name)) return yes(0.15);
  if (/^(is_)?(new|new_user|guest)$/.test(name)) return yes(0.2);
  if (/^(is_)?(auto|skip|skipped|retry)$/.test(name)) return yes(0.25);
  return undefined;
}
