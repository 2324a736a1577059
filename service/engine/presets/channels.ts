/** Acquisition channels with UTM parameters, and which markets each is strong in. */
import { pickWeighted, type Rng } from './pick.ts';

export interface ChannelPreset {
  name: string;
  utmSource: string;
  utmMedium: string;
  /** Campaign names a marketer might run on it; empty for organic traffic. */
  campaigns: readonly string[];
  share: number;
  /** Countries where this channel is much stronger (share × 3) or only exists. */
  strongIn?: readonly string[];
  onlyIn?: readonly string[];
}

export const CHANNELS: readonly ChannelPreset[] = [
  { name: 'organic', utmSource: '', utmMedium: '', campaigns: [], share: 0.42 },
  { name: 'google_ads', utmSource: 'google', utmMedium: 'cpc', campaigns: ['brand_search', 'generic_search', 'uac_install'], share: 0.14 },
  { name: 'facebook', utmSource: 'facebook', utmMedium: 'paid_social', campaigns: ['lookalike_payers', 'retargeting_7d'], share: 0.1 },
  { name: 'apple_search_ads', utmSource: 'apple', utmMedium: 'cpc', campaigns: ['brand', 'category'], share: 0.06 },
  { name: 'tiktok', utmSource: 'tiktok', utmMedium: 'paid_social', campaigns: ['creator_collab', 'spark_ads'], share: 0.07 },
  { name: 'youtube', utmSource: 'youtube', utmMedium: 'video', campaigns: ['trailer', 'influencer_review'], share: 0.05 },
  { name: 'referral', utmSource: 'friend_invite', utmMedium: 'referral', campaigns: ['invite_reward'], share: 0.06 },
  { name: 'email', utmSource: 'newsletter', utmMedium: 'email', campaigns: ['weekly_digest', 'win_back'], share: 0.03 },
  { name: 'naver', utmSource: 'naver', utmMedium: 'cpc', campaigns: ['brand_search', 'blog_review'], share: 0.05, onlyIn: ['KR'] },
  { name: 'kakao', utmSource: 'kakao', utmMedium: 'display', campaigns: ['bizboard', 'plus_friend'], share: 0.04, onlyIn: ['KR'] },
  { name: 'line', utmSource: 'line', utmMedium: 'display', campaigns: ['line_ads'], share: 0.04, onlyIn: ['JP', 'TW', 'TH'] },
  { name: 'wechat', utmSource: 'wechat', utmMedium: 'social', campaigns: ['moments_ads', 'official_account'], share: 0.06, onlyIn: ['CN'] },
  { name: 'douyin', utmSource: 'douyin', utmMedium: 'paid_social', campaigns: ['feed_ads'], share: 0.05, onlyIn: ['CN'] },
];

/** Channels that make sense for the given countries (all when none are given). */
export function channelsFor(countries: readonly string[]): ChannelPreset[] {
  const set = new Set(countries.map((c) => c.toUpperCase()));
  const blockedByGreatFirewall = set.size > 0 && [...set].every((c) => c === 'CN');
  return CHANNELS.filter((c) => !c.onlyIn || c.onlyIn.some((x) => set.has(x)))
    .filter((c) => !blockedByGreatFirewall || !['google_ads', 'facebook', 'youtube', 'tiktok'].includes(c.name))
    .map((c) => ({ ...c, share: c.strongIn?.some((x) => set.has(x)) ? c.share * 3 : c.share }));
}

export interface UtmValues {
  channel: string;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
}

export function pickChannel(channels: readonly ChannelPreset[], rng: Rng): UtmValues {
  const c = pickWeighted(channels, (x) => x.share, rng);
  const campaign = c.campaigns.length === 0 ? '' : c.campaigns[Math.min(c.campaigns.length - 1, Math.floor(rng() * c.campaigns.length))]!;
  return { channel: c.name, utmSource: c.utmSource, utmMedium: c.utmMedium, utmCampaign: campaign };
}
