/**
 * Countries the presets know: time zones, currency, locale and languages. Weighted toward the
 * markets demo users sell into (Korea, Japan, US, China, Taiwan, South-East Asia, Europe).
 *
 * Offsets are standard time and fixed: daylight saving is deliberately ignored (a US user's local
 * hours shift by one for half the year in reality), which keeps local-time arithmetic a constant
 * add and output independent of the machine's time-zone database.
 */
import { pickShare, pickWeighted, type Rng } from './pick.ts';

export interface ZoneShare {
  /** IANA name. */
  zone: string;
  /** Hours from UTC (standard time; 5.5 for India). */
  offset: number;
  share: number;
}

export interface CountryPreset {
  code: string;
  name: string;
  /** First zone is the main one. */
  zones: readonly ZoneShare[];
  currency: string;
  /** Units of the currency per US dollar (rounded; for plausible local prices only). */
  perUsd: number;
  /** BCP 47 locale of the main language. */
  locale: string;
  /** `#system_language` values (ISO 639-1) with shares. */
  languages: readonly { value: string; share: number }[];
  /** @faker-js/faker locale used for names and addresses. */
  fakerLocale: string;
  /** Default share of a global audience. */
  weight: number;
}

const z = (zone: string, offset: number, share = 1): ZoneShare => ({ zone, offset, share });
const langs = (...pairs: [string, number][]) => pairs.map(([value, share]) => ({ value, share }));

export const COUNTRIES: readonly CountryPreset[] = [
  { code: 'KR', name: 'South Korea', zones: [z('Asia/Seoul', 9)], currency: 'KRW', perUsd: 1350, locale: 'ko-KR', languages: langs(['ko', 0.96], ['en', 0.04]), fakerLocale: 'ko', weight: 14 },
  { code: 'JP', name: 'Japan', zones: [z('Asia/Tokyo', 9)], currency: 'JPY', perUsd: 150, locale: 'ja-JP', languages: langs(['ja', 0.97], ['en', 0.03]), fakerLocale: 'ja', weight: 12 },
  {
    code: 'US', name: 'United States',
    zones: [z('America/New_York', -5, 0.47), z('America/Chicago', -6, 0.29), z('America/Denver', -7, 0.07), z('America/Los_Angeles', -8, 0.17)],
    currency: 'USD', perUsd: 1, locale: 'en-US', languages: langs(['en', 0.88], ['es', 0.1], ['zh', 0.02]), fakerLocale: 'en_US', weight: 16,
  },
  { code: 'CN', name: 'China', zones: [z('Asia/Shanghai', 8)], currency: 'CNY', perUsd: 7.2, locale: 'zh-CN', languages: langs(['zh', 0.98], ['en', 0.02]), fakerLocale: 'zh_CN', weight: 10 },
  { code: 'TW', name: 'Taiwan', zones: [z('Asia/Taipei', 8)], currency: 'TWD', perUsd: 32, locale: 'zh-TW', languages: langs(['zh', 0.97], ['en', 0.03]), fakerLocale: 'zh_TW', weight: 7 },
  { code: 'HK', name: 'Hong Kong', zones: [z('Asia/Hong_Kong', 8)], currency: 'HKD', perUsd: 7.8, locale: 'zh-HK', languages: langs(['zh', 0.8], ['en', 0.2]), fakerLocale: 'zh_TW', weight: 3 },
  { code: 'SG', name: 'Singapore', zones: [z('Asia/Singapore', 8)], currency: 'SGD', perUsd: 1.35, locale: 'en-SG', languages: langs(['en', 0.7], ['zh', 0.25], ['ms', 0.05]), fakerLocale: 'en', weight: 3 },
  { code: 'TH', name: 'Thailand', zones: [z('Asia/Bangkok', 7)], currency: 'THB', perUsd: 35, locale: 'th-TH', languages: langs(['th', 0.93], ['en', 0.07]), fakerLocale: 'th', weight: 4 },
  { code: 'VN', name: 'Vietnam', zones: [z('Asia/Ho_Chi_Minh', 7)], currency: 'VND', perUsd: 25000, locale: 'vi-VN', languages: langs(['vi', 0.94], ['en', 0.06]), fakerLocale: 'vi', weight: 4 },
  { code: 'ID', name: 'Indonesia', zones: [z('Asia/Jakarta', 7, 0.8), z('Asia/Makassar', 8, 0.2)], currency: 'IDR', perUsd: 16000, locale: 'id-ID', languages: langs(['id', 0.92], ['en', 0.08]), fakerLocale: 'id_ID', weight: 4 },
  { code: 'PH', name: 'Philippines', zones: [z('Asia/Manila', 8)], currency: 'PHP', perUsd: 57, locale: 'en-PH', languages: langs(['en', 0.75], ['tl', 0.25]), fakerLocale: 'en', weight: 3 },
  { code: 'MY', name: 'Malaysia', zones: [z('Asia/Kuala_Lumpur', 8)], currency: 'MYR', perUsd: 4.6, locale: 'ms-MY', languages: langs(['ms', 0.6], ['en', 0.3], ['zh', 0.1]), fakerLocale: 'en', weight: 3 },
  { code: 'IN', name: 'India', zones: [z('Asia/Kolkata', 5.5)], currency: 'INR', perUsd: 84, locale: 'en-IN', languages: langs(['en', 0.6], ['hi', 0.4]), fakerLocale: 'en_IN', weight: 3 },
  { code: 'AU', name: 'Australia', zones: [z('Australia/Sydney', 10, 0.7), z('Australia/Perth', 8, 0.3)], currency: 'AUD', perUsd: 1.52, locale: 'en-AU', languages: langs(['en', 1]), fakerLocale: 'en_AU', weight: 2 },
  { code: 'CA', name: 'Canada', zones: [z('America/Toronto', -5, 0.6), z('America/Vancouver', -8, 0.4)], currency: 'CAD', perUsd: 1.37, locale: 'en-CA', languages: langs(['en', 0.78], ['fr', 0.22]), fakerLocale: 'en_CA', weight: 2 },
  { code: 'GB', name: 'United Kingdom', zones: [z('Europe/London', 0)], currency: 'GBP', perUsd: 0.79, locale: 'en-GB', languages: langs(['en', 1]), fakerLocale: 'en_GB', weight: 4 },
  { code: 'DE', name: 'Germany', zones: [z('Europe/Berlin', 1)], currency: 'EUR', perUsd: 0.92, locale: 'de-DE', languages: langs(['de', 0.93], ['en', 0.07]), fakerLocale: 'de', weight: 4 },
  { code: 'FR', name: 'France', zones: [z('Europe/Paris', 1)], currency: 'EUR', perUsd: 0.92, locale: 'fr-FR', languages: langs(['fr', 0.95], ['en', 0.05]), fakerLocale: 'fr', weight: 3 },
  { code: 'ES', name: 'Spain', zones: [z('Europe/Madrid', 1)], currency: 'EUR', perUsd: 0.92, locale: 'es-ES', languages: langs(['es', 0.95], ['en', 0.05]), fakerLocale: 'es', weight: 2 },
];

const BY_CODE = new Map(COUNTRIES.map((c) => [c.code, c]));

export function countryPreset(code: string): CountryPreset | undefined {
  return BY_CODE.get(code.toUpperCase());
}

/** Country names and codes users type in a product sheet, mapped to ISO codes. */
export function countryCodeOf(text: string): string | undefined {
  const t = text.trim();
  const upper = t.toUpperCase();
  if (BY_CODE.has(upper)) return upper;
  const lower = t.toLowerCase();
  const byName = COUNTRIES.find((c) => c.name.toLowerCase() === lower);
  if (byName) return byName.code;
  return ALIASES[lower];
}

const ALIASES: Record<string, string> = {
  korea: 'KR', 한국: 'KR', 대한민국: 'KR', uk: 'GB', england: 'GB', usa: 'US', america: 'US', 日本: 'JP', 일본: 'JP',
  中国: 'CN', 중국: 'CN', 台灣: 'TW', 台湾: 'TW', 대만: 'TW', 미국: 'US', 香港: 'HK', 홍콩: 'HK', 'viet nam': 'VN',
};

/** A home country from the default global mix. */
export function pickCountry(rng: Rng): CountryPreset {
  return pickWeighted(COUNTRIES, (c) => c.weight, rng);
}

/** A time zone inside a country (the US and others span several). */
export function pickZone(country: CountryPreset, rng: Rng): ZoneShare {
  return pickWeighted(country.zones, (zone) => zone.share, rng);
}

export function pickSystemLanguage(country: CountryPreset, rng: Rng): string {
  return pickShare(country.languages, rng);
}

/** Offset of any zone the presets know, for zones named in a product sheet. */
export function zoneOffset(zone: string): number | undefined {
  for (const c of COUNTRIES) for (const zs of c.zones) if (zs.zone === zone) return zs.offset;
  return undefined;
}
