/** Countries, platforms, channels and releases from the product sheet, with sensible defaults. */
import type { Platform, Taxonomy } from '../../../taxonomy/model.ts';
import { channelsFor, countryCodeOf, countryPreset, releaseTrain } from '../presets/index.ts';
import type { RulesInput } from '../rules/schema.ts';
import type { Industry } from './industry.ts';

type CountryInput = RulesInput['countries'][number];

/** Audiences by the workbook's language when the product sheet names no countries. */
const DEFAULT_MIX: Record<string, [string, number][]> = {
  ko: [['KR', 0.86], ['US', 0.05], ['JP', 0.04], ['TW', 0.03], ['VN', 0.02]],
  ja: [['JP', 0.88], ['TW', 0.04], ['KR', 0.04], ['US', 0.04]],
  zh: [['CN', 0.55], ['TW', 0.25], ['HK', 0.1], ['SG', 0.05], ['MY', 0.05]],
  en: [['US', 0.34], ['KR', 0.1], ['JP', 0.1], ['GB', 0.08], ['DE', 0.06], ['TW', 0.05], ['CA', 0.05], ['FR', 0.04], ['AU', 0.04], ['SG', 0.03], ['TH', 0.03], ['ID', 0.03], ['VN', 0.025], ['PH', 0.025]],
};

const ZONE_OK = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export function planCountries(t: Taxonomy): CountryInput[] {
  const merged = new Map<string, CountryInput>();
  for (const c of t.product.countries) {
    const code = countryCodeOf(c.country) ?? (/^[A-Za-z]{2}$/.test(c.country.trim()) ? c.country.trim().toUpperCase() : undefined);
    if (!code || !(c.share > 0) || !Number.isFinite(c.share)) continue;
    const timeZone = c.timeZone && ZONE_OK(c.timeZone) ? c.timeZone : '';
    const key = `${code} ${timeZone}`;
    const prev = merged.get(key);
    merged.set(key, { country: code, timeZone, share: (prev?.share ?? 0) + c.share, locale: countryPreset(code)?.locale ?? '' });
  }
  if (merged.size > 0) return normalise([...merged.values()]);
  const mix = DEFAULT_MIX[t.product.language] ?? DEFAULT_MIX.en!;
  return mix.map(([country, share]) => ({ country, timeZone: '', share, locale: countryPreset(country)?.locale ?? '' }));
}

function normalise(list: CountryInput[]): CountryInput[] {
  const total = list.reduce((a, c) => a + c.share, 0);
  return list.map((c) => ({ ...c, share: Math.round((c.share / total) * 10000) / 10000 || 0.0001 }));
}

/** Relative platform popularity; Android leads most of Asia, iOS Japan and the US. */
const PLATFORM_WEIGHT: Record<Platform, number> = { android: 0.55, ios: 0.45, web: 0.35, pc: 0.3, mini_program: 0.3 };
const IOS_HEAVY = new Set(['JP', 'US', 'GB', 'AU', 'CA']);

const INDUSTRY_PLATFORMS: Record<Industry, Platform[]> = {
  game: ['android', 'ios'],
  commerce: ['android', 'ios', 'web'],
  saas: ['web', 'ios', 'android'],
  media: ['android', 'ios', 'web'],
  finance: ['android', 'ios'],
  generic: ['android', 'ios'],
};

export function planPlatforms(t: Taxonomy, industry: Industry, countries: CountryInput[]): RulesInput['platforms'] {
  const listed = [...new Set(t.product.platforms)];
  const platforms = listed.length > 0 ? listed : INDUSTRY_PLATFORMS[industry];
  const iosShare = countries.filter((c) => IOS_HEAVY.has(c.country)).reduce((a, c) => a + c.share, 0);
  return platforms.map((platform) => {
    let w = PLATFORM_WEIGHT[platform];
    if (platform === 'ios') w *= 0.7 + iosShare;
    if (platform === 'web' && industry === 'saas') w *= 3;
    return { platform, share: Math.round(w * 1000) / 1000 };
  });
}

export function planChannels(countries: CountryInput[]): NonNullable<RulesInput['channels']> {
  return channelsFor(countries.map((c) => c.country)).map((c) => ({
    name: c.name,
    share: c.share,
    utmSource: c.utmSource,
    utmMedium: c.utmMedium,
    utmCampaign: c.campaigns[0] ?? '',
  }));
}

export function planReleases(days: number): NonNullable<RulesInput['releases']> {
  return releaseTrain(days, { everyDays: 14 });
}

export function mainCurrency(countries: CountryInput[]): string {
  const top = [...countries].sort((a, b) => b.share - a.share)[0];
  return (top && countryPreset(top.country)?.currency) || 'USD';
}
