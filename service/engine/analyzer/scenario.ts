/**
 * The product sheet's free-text scenario as timeline modifiers, by simple keyword rules in the four
 * workbook languages: "Black Friday sale on day 10" → more purchases on day index 9; "server outage
 * on day 5" → fewer sessions; "update 2.0 on day 15" → a release rolling out from day index 14.
 */
import type { RulesInput } from '../rules/schema.ts';

type Modifier = NonNullable<RulesInput['timeline']>[number];
type Release = NonNullable<RulesInput['releases']>[number];

export interface ScenarioPlan {
  timeline: Modifier[];
  releases: Release[];
}

interface Kind {
  name: string;
  re: RegExp;
  /** Days the effect lasts when the text names a single day. */
  days: number;
  build: (from: number, to: number, ctx: ScenarioContext) => Omit<Modifier, 'name' | 'fromDay' | 'toDay'>;
}

export interface ScenarioContext {
  days: number;
  /** First day, yyyy-MM-dd, when the product sheet gives one: dates in the text become day indexes. */
  startDate?: string;
  /** Money events (more of them in a sale) and the events leading to them. */
  payments: string[];
  shopping: string[];
}

const KINDS: Kind[] = [
  {
    name: 'sale', re: /black ?friday|cyber ?monday|sale|discount|promo|coupon|세일|할인|프로모션|セール|割引|促销|打折|优惠|双十一|11\.11/i, days: 3,
    build: (_f, _t, ctx) => ({ activity: 1.25, acquisition: 1.3, events: [...ctx.payments.map((event) => ({ event, multiplier: 2.5 })), ...ctx.shopping.map((event) => ({ event, multiplier: 1.6 }))] }),
  },
  {
    name: 'limited_event', re: /pick-?up|픽업|summon|소환|gacha|가챠|ガチャ|limited|한정|限定|banner|이벤트|イベント|活动/i, days: 7,
    build: (_f, _t, ctx) => ({ activity: 1.15, acquisition: 1.1, events: ctx.payments.map((event) => ({ event, multiplier: 1.8 })) }),
  },
  { name: 'comeback', re: /push|notification|win-? ?back|brings? back|lapsed|come ?back|returning|복귀|カムバック|回流|召回/i, days: 3, build: () => ({ activity: 1.3, acquisition: 1, events: [] }) },
  {
    name: 'pricing_change', re: /pricing|price change|price cut|가격|価格|价格/i, days: 366,
    build: (_f, _t, ctx) => ({ activity: 1, acquisition: 1, events: ctx.payments.map((event) => ({ event, multiplier: 1.4 })) }),
  },
  { name: 'outage', re: /outage|downtime|incident|server (error|down)|crash|maintenance|장애|점검|서버 다운|障害|メンテナンス|宕机|故障|维护/i, days: 1, build: () => ({ activity: 0.35, acquisition: 0.6, events: [] }) },
  { name: 'marketing_push', re: /campaign|marketing|\bads?\b|advert|influencer|viral|tv|광고|캠페인|キャンペーン|広告|广告|推广/i, days: 7, build: () => ({ activity: 1.05, acquisition: 2, events: [] }) },
  { name: 'holiday', re: /holiday|christmas|new year|chuseok|seollal|golden week|설날|추석|연휴|正月|お盆|春节|国庆/i, days: 3, build: () => ({ activity: 1.2, acquisition: 1.1, events: [] }) },
  { name: 'release', re: /release|update|patch|new version|launch|업데이트|출시|패치|アップデート|リリース|更新|版本|上线/i, days: 3, build: () => ({ activity: 1.15, acquisition: 1.2, events: [] }) },
];

const DAY_MS = 86_400_000;

function dateIndex(iso: string, startMs: number): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - startMs) / DAY_MS);
}

/** Day of a named date in the start date's year (or the next), when it falls inside the range. */
function namedDay(text: string, startMs: number, days: number): number | undefined {
  const year = new Date(startMs).getUTCFullYear();
  for (const y of [year, year + 1]) {
    const candidates: [RegExp, number][] = [
      [/black ?friday/i, blackFriday(y)],
      [/cyber ?monday/i, blackFriday(y) + 3 * DAY_MS],
      [/christmas|크리스마스|クリスマス|圣诞/i, Date.UTC(y, 11, 25)],
      [/singles'? ?day|11\.11|双十一|光棍节/i, Date.UTC(y, 10, 11)],
      [/valentine|발렌타인|バレンタイン|情人节/i, Date.UTC(y, 1, 14)],
    ];
    for (const [re, ms] of candidates) {
      if (!re.test(text)) continue;
      const d = Math.round((ms - startMs) / DAY_MS);
      if (d >= 0 && d < days) return d;
    }
  }
  return undefined;
}

/** The day after the fourth Thursday of November. */
function blackFriday(year: number): number {
  const nov1 = new Date(Date.UTC(year, 10, 1)).getUTCDay();
  const firstThursday = 1 + ((4 - nov1 + 7) % 7);
  return Date.UTC(year, 10, firstThursday + 21 + 1);
}

/**
 * "day 10", "days 10-12", "D+10", "10일차", "10日目", "第10天", "week 2", "2026-11-27",
 * "Black Friday" → 0-based inclusive day range.
 */
function dayRange(text: string, days: number, startDate?: string): [number, number] | undefined {
  const clamp = (d: number) => Math.max(0, Math.min(days - 1, d));
  const startMs = startDate && /^\d{4}-\d{2}-\d{2}$/.test(startDate) ? Date.parse(`${startDate}T00:00:00Z`) : NaN;
  if (Number.isFinite(startMs)) {
    const dates = [...text.matchAll(/\b(\d{4}-\d{2}-\d{2})\b/g)].map((m) => dateIndex(m[1]!, startMs)).filter(Number.isFinite);
    if (dates.length > 0) {
      const a = dates[0]!;
      const b = dates[1] ?? a;
      if (Math.max(a, b) >= 0 && Math.min(a, b) < days) return [clamp(Math.min(a, b)), clamp(Math.max(a, b))];
    }
    const named = namedDay(text, startMs, days);
    if (named !== undefined) return [named, named];
  }
  const range = /days?\s*(\d{1,4})\s*(?:-|–|~|to|through)\s*(?:day\s*)?(\d{1,4})/i.exec(text);
  if (range) {
    const a = clamp(Number(range[1]) - 1);
    const b = clamp(Number(range[2]) - 1);
    return [Math.min(a, b), Math.max(a, b)];
  }
  const week = /week\s*(\d{1,3})|(\d{1,3})\s*주차|第\s*(\d{1,3})\s*[周週]/i.exec(text);
  if (week) {
    const w = Number(week[1] ?? week[2] ?? week[3]) - 1;
    return [clamp(w * 7), clamp(w * 7 + 6)];
  }
  const single = /(?:day|d\+|d-day\s*\+?)\s*(\d{1,4})|(\d{1,4})\s*(?:일차|일째|日目|日め)|第\s*(\d{1,4})\s*[天日]/i.exec(text);
  if (single) {
    const d = clamp(Number(single[1] ?? single[2] ?? single[3]) - 1);
    return [d, d];
  }
  return undefined;
}

export function planScenario(text: string, ctx: ScenarioContext, lastVersion: string): ScenarioPlan {
  const timeline: Modifier[] = [];
  const releases: Release[] = [];
  // A dot ends a clause only before a space or the end, so "update 3.0" stays whole.
  const clauses = text.split(/\.(?=\s|$)|[;\n。；!?！？,，、]|\bthen\b/i).map((c) => c.trim()).filter(Boolean);
  let version = lastVersion;
  for (const clause of clauses) {
    if (ctx.days <= 0) break;
    const kinds = KINDS.filter((k) => k.re.test(clause));
    const names = new Set(kinds.map((k) => k.name));
    // One clause may say two things ("a raid update brings players back"), but not the same thing twice.
    const chosen = kinds.filter((k) => !(k.name === 'limited_event' && names.has('sale')) && !(k.name === 'marketing_push' && names.has('comeback')));
    const range = dayRange(clause, ctx.days, ctx.startDate);
    for (const kind of chosen) {
      const mid = Math.floor(ctx.days / 2);
      const [fromDay, toDay] = range ? (range[0] === range[1] ? [range[0], Math.min(ctx.days - 1, range[0] + kind.days - 1)] : range) : [mid, Math.min(ctx.days - 1, mid + kind.days - 1)];
      timeline.push({ name: `${kind.name}_${timeline.filter((t) => t.name.startsWith(kind.name)).length + 1}`, fromDay, toDay, ...kind.build(fromDay, toDay, ctx) });
      if (kind.name === 'release') {
        const named = /\b(\d+\.\d+(?:\.\d+)?)\b/.exec(clause)?.[1];
        version = named && compareVersions(normaliseVersion(named), version) > 0 ? normaliseVersion(named) : bumpMinor(version);
        releases.push({ version, day: fromDay, rolloutDays: 7 });
      }
    }
  }
  return { timeline, releases };
}

function normaliseVersion(v: string): string {
  return v.split('.').length === 2 ? `${v}.0` : v;
}

export function bumpMinor(version: string): string {
  const [major, minor] = version.split('.').map((x) => Number(x) || 0);
  return `${major ?? 1}.${(minor ?? 0) + 1}.0`;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number(x) || 0);
  const pb = b.split('.').map((x) => Number(x) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
