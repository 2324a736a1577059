/**
 * Industry presets: who the users are and when they come. Numbers are starting points that the
 * calibration tunes toward the stated targets; their shapes (a game's evening peak, SaaS's office
 * hours and quiet weekends, a long tail of whales) are what make the data look like a real product.
 */
import type { Taxonomy } from '../../../taxonomy/model.ts';
import type { RulesInput } from '../rules/schema.ts';

export type Industry = 'game' | 'commerce' | 'saas' | 'media' | 'finance' | 'generic';

type SegmentInput = RulesInput['segments'][number];

export interface IndustryPreset {
  industry: Industry;
  segments: SegmentInput[];
  hourOfDay: number[];
  dayOfWeek: number[];
  newUserShareOfDau: number;
  historyDays: number;
  /** Chance a session enters a funnel, before calibration. */
  funnelEntry: number;
  /** Typical price range in US dollars. */
  priceUsd: [number, number];
}

const KEYWORDS: [Industry, RegExp][] = [
  ['game', /game|gaming|rpg|mmo|moba|puzzle|casual|idle|shooter|게임|ゲーム|游戏|遊戲/i],
  ['commerce', /commerce|e-?com|shop|retail|store|mall|market|쇼핑|커머스|通販|ショッピング|电商|電商|购物/i],
  ['saas', /saas|b2b|software|productivity|crm|erp|collaboration|workspace|협업|ソフトウェア|软件/i],
  ['media', /media|video|music|stream|news|content|podcast|webtoon|comic|ott|미디어|動画|音乐|视频|影音/i],
  ['finance', /financ|fintech|bank|invest|stock|trading|insur|crypto|wallet|loan|금융|증권|은행|金融|銀行|银行|证券/i],
];

const EVENT_HINTS: [Industry, RegExp][] = [
  ['game', /level_?up|battle|quest|stage_|gacha|match_|character|dungeon/i],
  ['commerce', /add_?to_?cart|checkout|view_?(item|product)|wishlist/i],
  ['saas', /create_?(project|document|workspace)|invite_?member|subscription|trial/i],
  ['media', /play_?(video|song|episode)|watch|listen|read_?article/i],
  ['finance', /deposit|withdraw|transfer|trade|kyc|loan/i],
];

/** The industry from the product sheet, else from what the events look like. */
export function detectIndustry(t: Taxonomy): Industry {
  const text = `${t.product.industry} ${t.product.name} ${t.product.description}`;
  const direct = t.product.industry.trim();
  for (const [industry, re] of KEYWORDS) if (direct && re.test(direct)) return industry;
  for (const [industry, re] of KEYWORDS) if (re.test(text)) return industry;
  let best: Industry = 'generic';
  let bestCount = 0;
  for (const [industry, re] of EVENT_HINTS) {
    const count = t.events.filter((e) => re.test(e.name)).length;
    if (count > bestCount) {
      best = industry;
      bestCount = count;
    }
  }
  return best;
}

interface SegmentShape {
  name: string;
  share: number;
  description: string;
  day1: number;
  halfLifeDays: number;
  floor: number;
  churnPerDay: number;
  returnPerDay: number;
  sessions: number;
  minutes: number;
  events: number;
  payer: number;
}

function segment(s: SegmentShape): SegmentInput {
  return {
    name: s.name,
    share: s.share,
    description: s.description,
    activity: { day1: s.day1, halfLifeDays: s.halfLifeDays, floor: s.floor, churnPerDay: s.churnPerDay, returnPerDay: s.returnPerDay },
    sessionsPerDay: { kind: 'geometric', mean: s.sessions, max: 20 },
    sessionMinutes: { kind: 'lognormal', median: s.minutes, sigma: 0.9, min: 0.5, max: s.minutes * 12 },
    gapMinutes: { kind: 'pareto', min: 15, alpha: 1.4, max: 600 },
    eventsPerSession: { kind: 'poisson', mean: s.events, min: 1, max: s.events * 5 },
    payer: s.payer,
  };
}

/** Relative weights per local hour 0..23. */
const HOURS = {
  evening: [3, 2, 1.2, 0.7, 0.5, 0.6, 1.2, 2.2, 3, 3.2, 3.4, 3.8, 4.6, 4.2, 3.8, 3.8, 4, 4.6, 5.4, 6.2, 7, 7.4, 6.6, 4.8],
  shopping: [1.6, 0.9, 0.5, 0.3, 0.3, 0.5, 1, 2, 3, 3.6, 4, 4.4, 5, 4.6, 4.2, 4.2, 4.4, 4.6, 5, 5.6, 6.4, 7, 6.2, 3.6],
  office: [0.3, 0.2, 0.1, 0.1, 0.1, 0.3, 0.8, 2.4, 5.6, 8, 8.4, 7.6, 5, 7, 8, 7.8, 7, 5.4, 3, 2, 1.6, 1.2, 0.8, 0.5],
  media: [3, 2, 1, 0.6, 0.5, 0.6, 1.6, 3.4, 3.8, 3, 2.8, 3, 4, 3.6, 3.2, 3.2, 3.4, 4, 4.6, 5.4, 6.4, 7, 6.8, 5],
  finance: [0.6, 0.3, 0.2, 0.1, 0.1, 0.4, 1.4, 3.6, 5.6, 7, 6.6, 5.8, 5.4, 5.8, 5.6, 5.2, 4.6, 4, 3.6, 3.8, 4, 3.4, 2.4, 1.4],
};

/** Monday first. */
const WEEK = {
  leisure: [0.92, 0.9, 0.92, 0.95, 1.05, 1.18, 1.15],
  work: [1.12, 1.14, 1.12, 1.1, 1.02, 0.38, 0.32],
  shopping: [0.96, 0.94, 0.95, 0.98, 1.04, 1.1, 1.08],
  finance: [1.1, 1.06, 1.04, 1.04, 1.06, 0.62, 0.58],
};

export function industryPreset(industry: Industry): IndustryPreset {
  switch (industry) {
    case 'game':
      return {
        industry,
        segments: [
          segment({ name: 'whale', share: 0.03, description: 'Spends heavily, plays every day', day1: 0.92, halfLifeDays: 40, floor: 0.75, churnPerDay: 0.003, returnPerDay: 0.2, sessions: 4, minutes: 28, events: 30, payer: 0.95 }),
          segment({ name: 'dolphin', share: 0.09, description: 'Occasional spender, regular player', day1: 0.8, halfLifeDays: 20, floor: 0.45, churnPerDay: 0.008, returnPerDay: 0.12, sessions: 3, minutes: 20, events: 22, payer: 0.4 }),
          segment({ name: 'core', share: 0.22, description: 'Plays most days, rarely pays', day1: 0.65, halfLifeDays: 12, floor: 0.3, churnPerDay: 0.015, returnPerDay: 0.08, sessions: 2.4, minutes: 16, events: 18, payer: 0.04 }),
          segment({ name: 'casual', share: 0.4, description: 'Short sessions a few times a week', day1: 0.35, halfLifeDays: 5, floor: 0.08, churnPerDay: 0.04, returnPerDay: 0.04, sessions: 1.5, minutes: 8, events: 10, payer: 0.01 }),
          segment({ name: 'churn_risk', share: 0.26, description: 'Tries the game and leaves', day1: 0.15, halfLifeDays: 2, floor: 0.01, churnPerDay: 0.2, returnPerDay: 0.01, sessions: 1.2, minutes: 5, events: 7, payer: 0 }),
        ],
        hourOfDay: HOURS.evening,
        dayOfWeek: WEEK.leisure,
        newUserShareOfDau: 0.12,
        historyDays: 90,
        funnelEntry: 0.12,
        priceUsd: [0.99, 99.99],
      };
    case 'commerce':
      return {
        industry,
        segments: [
          segment({ name: 'loyal_buyer', share: 0.08, description: 'Buys often, browses daily', day1: 0.7, halfLifeDays: 30, floor: 0.4, churnPerDay: 0.004, returnPerDay: 0.15, sessions: 2.2, minutes: 9, events: 16, payer: 0.85 }),
          segment({ name: 'deal_hunter', share: 0.22, description: 'Comes back for sales and coupons', day1: 0.45, halfLifeDays: 10, floor: 0.15, churnPerDay: 0.02, returnPerDay: 0.08, sessions: 1.6, minutes: 7, events: 12, payer: 0.3 }),
          segment({ name: 'browser', share: 0.45, description: 'Looks around, rarely buys', day1: 0.25, halfLifeDays: 4, floor: 0.05, churnPerDay: 0.05, returnPerDay: 0.04, sessions: 1.3, minutes: 5, events: 9, payer: 0.04 }),
          segment({ name: 'one_time', share: 0.25, description: 'Visits once or twice', day1: 0.1, halfLifeDays: 1.5, floor: 0.01, churnPerDay: 0.25, returnPerDay: 0.01, sessions: 1.1, minutes: 4, events: 6, payer: 0.02 }),
        ],
        hourOfDay: HOURS.shopping,
        dayOfWeek: WEEK.shopping,
        newUserShareOfDau: 0.08,
        historyDays: 90,
        funnelEntry: 0.2,
        priceUsd: [4.99, 249],
      };
    case 'saas':
      return {
        industry,
        segments: [
          segment({ name: 'power_user', share: 0.15, description: 'Works in the product all day', day1: 0.85, halfLifeDays: 60, floor: 0.7, churnPerDay: 0.002, returnPerDay: 0.2, sessions: 4, minutes: 35, events: 25, payer: 0.9 }),
          segment({ name: 'team_member', share: 0.45, description: 'Uses it on work days', day1: 0.6, halfLifeDays: 25, floor: 0.4, churnPerDay: 0.006, returnPerDay: 0.1, sessions: 2.2, minutes: 18, events: 14, payer: 0.2 }),
          segment({ name: 'trialist', share: 0.25, description: 'Evaluates during the trial', day1: 0.45, halfLifeDays: 5, floor: 0.05, churnPerDay: 0.05, returnPerDay: 0.03, sessions: 1.5, minutes: 12, events: 10, payer: 0.08 }),
          segment({ name: 'dormant', share: 0.15, description: 'Signed up and drifted away', day1: 0.15, halfLifeDays: 2, floor: 0.01, churnPerDay: 0.2, returnPerDay: 0.01, sessions: 1.1, minutes: 5, events: 5, payer: 0 }),
        ],
        hourOfDay: HOURS.office,
        dayOfWeek: WEEK.work,
        newUserShareOfDau: 0.04,
        historyDays: 180,
        funnelEntry: 0.1,
        priceUsd: [9, 99],
      };
    case 'media':
      return {
        industry,
        segments: [
          segment({ name: 'binger', share: 0.12, description: 'Watches or listens every day', day1: 0.85, halfLifeDays: 35, floor: 0.6, churnPerDay: 0.004, returnPerDay: 0.15, sessions: 3, minutes: 45, events: 18, payer: 0.6 }),
          segment({ name: 'regular', share: 0.38, description: 'A few times a week', day1: 0.55, halfLifeDays: 12, floor: 0.25, churnPerDay: 0.015, returnPerDay: 0.08, sessions: 1.8, minutes: 22, events: 12, payer: 0.15 }),
          segment({ name: 'casual', share: 0.35, description: 'Drops in for one thing', day1: 0.3, halfLifeDays: 4, floor: 0.06, churnPerDay: 0.05, returnPerDay: 0.04, sessions: 1.2, minutes: 9, events: 7, payer: 0.02 }),
          segment({ name: 'churn_risk', share: 0.15, description: 'Came for one title', day1: 0.12, halfLifeDays: 1.5, floor: 0.01, churnPerDay: 0.2, returnPerDay: 0.01, sessions: 1.1, minutes: 6, events: 5, payer: 0 }),
        ],
        hourOfDay: HOURS.media,
        dayOfWeek: WEEK.leisure,
        newUserShareOfDau: 0.08,
        historyDays: 120,
        funnelEntry: 0.1,
        priceUsd: [1.99, 14.99],
      };
    case 'finance':
      return {
        industry,
        segments: [
          segment({ name: 'active_trader', share: 0.1, description: 'Checks and trades several times a day', day1: 0.85, halfLifeDays: 45, floor: 0.65, churnPerDay: 0.003, returnPerDay: 0.2, sessions: 5, minutes: 6, events: 14, payer: 0.9 }),
          segment({ name: 'saver', share: 0.4, description: 'Checks balances, moves money monthly', day1: 0.5, halfLifeDays: 20, floor: 0.25, churnPerDay: 0.008, returnPerDay: 0.1, sessions: 1.6, minutes: 3, events: 8, payer: 0.35 }),
          segment({ name: 'occasional', share: 0.35, description: 'Opens the app when paid or paying', day1: 0.3, halfLifeDays: 6, floor: 0.08, churnPerDay: 0.03, returnPerDay: 0.06, sessions: 1.2, minutes: 2.5, events: 6, payer: 0.1 }),
          segment({ name: 'dormant', share: 0.15, description: 'Opened an account and left', day1: 0.12, halfLifeDays: 2, floor: 0.01, churnPerDay: 0.2, returnPerDay: 0.01, sessions: 1, minutes: 2, events: 4, payer: 0 }),
        ],
        hourOfDay: HOURS.finance,
        dayOfWeek: WEEK.finance,
        newUserShareOfDau: 0.05,
        historyDays: 180,
        funnelEntry: 0.08,
        priceUsd: [10, 2000],
      };
    case 'generic':
      return {
        industry,
        segments: [
          segment({ name: 'power', share: 0.1, description: 'Uses the product daily', day1: 0.8, halfLifeDays: 30, floor: 0.55, churnPerDay: 0.004, returnPerDay: 0.15, sessions: 3, minutes: 14, events: 16, payer: 0.5 }),
          segment({ name: 'active', share: 0.35, description: 'Regular user', day1: 0.5, halfLifeDays: 10, floor: 0.2, churnPerDay: 0.015, returnPerDay: 0.08, sessions: 1.8, minutes: 9, events: 10, payer: 0.08 }),
          segment({ name: 'casual', share: 0.35, description: 'Occasional user', day1: 0.28, halfLifeDays: 4, floor: 0.05, churnPerDay: 0.05, returnPerDay: 0.04, sessions: 1.3, minutes: 6, events: 7, payer: 0.02 }),
          segment({ name: 'churn_risk', share: 0.2, description: 'Tries and leaves', day1: 0.12, halfLifeDays: 1.5, floor: 0.01, churnPerDay: 0.2, returnPerDay: 0.01, sessions: 1.1, minutes: 4, events: 5, payer: 0 }),
        ],
        hourOfDay: HOURS.shopping,
        dayOfWeek: WEEK.leisure,
        newUserShareOfDau: 0.08,
        historyDays: 90,
        funnelEntry: 0.12,
        priceUsd: [1.99, 49.99],
      };
  }
}

/** Scales segment payer probabilities so the population's share of payers matches a target. */
export function scalePayers(segments: SegmentInput[], payerRate: number | undefined): SegmentInput[] {
  if (payerRate === undefined) return segments;
  const total = segments.reduce((a, s) => a + s.share, 0);
  const current = segments.reduce((a, s) => a + s.share * (s.payer ?? 0), 0) / (total || 1);
  if (current <= 0) return segments.map((s) => ({ ...s, payer: payerRate }));
  const factor = payerRate / current;
  return segments.map((s) => ({ ...s, payer: Math.min(1, Math.round((s.payer ?? 0) * factor * 10000) / 10000) }));
}
