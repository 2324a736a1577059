/**
 * Small product catalogues and local vocabularies per industry, so ids, names, prices and
 * categories of one item agree wherever they appear, and methods of payment fit the country.
 */
import type { Industry } from './industry.ts';

export interface CatalogItem {
  name: string;
  /** Price in US dollars; converted to the product's main currency. */
  usd: number;
  category: string;
}

const item = (name: string, usd: number, category: string): CatalogItem => ({ name, usd, category });

export const CATALOGS: Record<Industry, CatalogItem[]> = {
  game: [
    item('Starter Pack', 0.99, 'bundle'), item('Gem Pouch', 4.99, 'gems'), item('Monthly Pass', 9.99, 'pass'), item('Energy Refill', 1.99, 'energy'),
    item('Gem Chest', 19.99, 'gems'), item('Battle Pass', 14.99, 'pass'), item('Crimson Knight Skin', 12.99, 'skin'), item('Growth Fund', 29.99, 'bundle'),
    item('Legendary Bundle', 49.99, 'bundle'), item('Gem Vault', 99.99, 'gems'),
  ],
  commerce: [
    item('Cotton T-Shirt', 19, 'fashion'), item('Water Bottle', 15, 'home'), item('Coffee Beans 1kg', 24, 'food'), item('Desk Lamp', 35, 'home'),
    item('Skin Care Set', 45, 'beauty'), item('Backpack', 59, 'fashion'), item('Denim Jacket', 69, 'fashion'), item('Wireless Earbuds', 79, 'electronics'),
    item('Running Shoes', 89, 'sports'), item('Smart Watch', 199, 'electronics'),
  ],
  saas: [
    item('Starter Monthly', 9, 'plan'), item('Team Monthly', 29, 'plan'), item('Extra Seat', 8, 'addon'), item('Storage Add-on', 5, 'addon'),
    item('Business Monthly', 79, 'plan'), item('Team Annual', 290, 'plan'), item('Business Annual', 790, 'plan'),
  ],
  media: [
    item('Premium Monthly', 9.99, 'subscription'), item('Single Episode', 1.99, 'episode'), item('Movie Rental', 3.99, 'rental'), item('Coin Pack', 4.99, 'coins'),
    item('Family Plan', 14.99, 'subscription'), item('Premium Annual', 99.99, 'subscription'),
  ],
  finance: [
    item('Savings Account', 500, 'deposit'), item('Index Fund', 1000, 'fund'), item('Tech ETF', 800, 'etf'), item('Term Deposit', 3000, 'deposit'),
    item('Bond Fund', 1500, 'fund'), item('Gold', 700, 'commodity'),
  ],
  generic: [
    item('Coins 100', 0.99, 'coins'), item('Basic', 4.99, 'plan'), item('Coins 550', 4.99, 'coins'), item('Plus', 9.99, 'plan'),
    item('Coins 1200', 9.99, 'coins'), item('Pro', 19.99, 'plan'),
  ],
};

export const SEARCH_WORDS: Record<Industry, string[]> = {
  game: ['sword', 'guild', 'event', 'coupon', 'boss', 'pvp'],
  commerce: ['sneakers', 'jacket', 'earbuds', 'coffee', 'gift', 'sale'],
  saas: ['invoice', 'template', 'report', 'integration', 'roadmap', 'export'],
  media: ['drama', 'live', 'comedy', 'news', 'playlist', 'documentary'],
  finance: ['etf', 'dividend', 'savings', 'exchange rate', 'loan', 'fund'],
  generic: ['help', 'settings', 'profile', 'notice', 'event', 'faq'],
};

export const PAGES: Record<Industry, string[]> = {
  game: ['lobby', 'shop', 'inventory', 'battle', 'guild', 'event_banner'],
  commerce: ['home', 'search', 'product_detail', 'cart', 'my_page', 'event_banner'],
  saas: ['dashboard', 'projects', 'editor', 'settings', 'billing', 'members'],
  media: ['home', 'player', 'search', 'library', 'detail', 'my_page'],
  finance: ['home', 'accounts', 'transfer', 'invest', 'card', 'my_page'],
  generic: ['home', 'list', 'detail', 'search', 'settings', 'my_page'],
};

/** Ways to pay per country; the first is the most common. */
export const PAYMENT_METHODS: Record<string, string[]> = {
  KR: ['credit_card', 'kakaopay', 'naverpay', 'tosspay', 'mobile_billing'],
  JP: ['credit_card', 'paypay', 'carrier_billing', 'konbini', 'line_pay'],
  CN: ['alipay', 'wechat_pay', 'unionpay'],
  TW: ['credit_card', 'line_pay', 'jko_pay'],
  US: ['credit_card', 'apple_pay', 'paypal', 'google_pay'],
};
export const DEFAULT_PAYMENT_METHODS = ['credit_card', 'paypal', 'google_pay', 'apple_pay'];

/** Sign-in methods per country. */
export const LOGIN_METHODS: Record<string, string[]> = {
  KR: ['kakao', 'naver', 'google', 'apple', 'email'],
  JP: ['line', 'google', 'apple', 'email'],
  CN: ['wechat', 'phone', 'qq'],
  TW: ['line', 'google', 'facebook', 'email'],
};
export const DEFAULT_LOGIN_METHODS = ['google', 'apple', 'facebook', 'email', 'guest'];

/** Popularity falls off like Zipf: a few items dominate, as in real catalogues. */
export function zipf<T>(values: readonly T[]): { value: T; weight: number }[] {
  return values.map((value, i) => ({ value, weight: Math.round((1 / (i + 1)) * 1000) / 1000 }));
}

/** A price in local currency units, rounded the way the currency is written. */
export function localPrice(usd: number, perUsd: number): number {
  const v = usd * perUsd;
  if (perUsd >= 100) return Math.max(100, Math.round(v / 100) * 100);
  if (perUsd >= 20) return Math.max(1, Math.round(v));
  return Math.round(v * 100) / 100;
}
