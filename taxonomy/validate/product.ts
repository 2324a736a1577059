/** Product settings and ThinkingEngine's project limits. */
import type { Taxonomy } from '../model.ts';
import type { IssueSink } from './issue.ts';

/** TE-FORMAT §2: recommended counts and hard ceilings per project. */
export const TE_LIMITS = {
  events: { recommended: 100, ceiling: 500 },
  eventProperties: { recommended: 300, ceiling: 1000 },
  userProperties: { recommended: 100, ceiling: 500 },
} as const;

function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function checkLimits(t: Taxonomy, sink: IssueSink): void {
  const count = (names: string[]) => new Set(names.filter((n) => !n.startsWith('#')).map((n) => n.toLowerCase())).size;
  const counts = {
    events: { n: count(t.events.map((e) => e.name)), path: 'events', what: 'event types' },
    eventProperties: { n: count([...t.eventProperties, ...t.commonProperties].map((p) => p.name)), path: 'eventProperties', what: 'event properties' },
    userProperties: { n: count(t.userProperties.map((p) => p.name)), path: 'userProperties', what: 'user properties' },
  };
  for (const key of ['events', 'eventProperties', 'userProperties'] as const) {
    const { n, path, what } = counts[key];
    const limit = TE_LIMITS[key];
    if (n > limit.ceiling) sink('error', 'limit.exceeded', path, `${n} ${what} exceed ThinkingEngine's hard limit of ${limit.ceiling} per project: remove ${n - limit.ceiling} or split the product.`);
    else if (n > limit.recommended) sink('warning', 'limit.recommended', path, `${n} ${what} are more than the ${limit.recommended} ThinkingEngine recommends per project: consider merging similar ones.`);
  }
}

export function checkProduct(t: Taxonomy, sink: IssueSink): void {
  const p = t.product;
  if (p.startDate !== '' && !isCalendarDate(p.startDate)) {
    sink('error', 'product.start_date', 'product.startDate', `The start date "${p.startDate}" is not a date in yyyy-MM-dd form: write it like 2026-01-01.`);
  }
  if (p.days !== undefined && (!Number.isInteger(p.days) || p.days <= 0)) sink('error', 'product.days', 'product.days', 'Days must be a positive whole number, e.g. 30.');
  else if (p.days !== undefined && p.days > 1095) sink('warning', 'product.days_long', 'product.days', `${p.days} days is longer than the 3 years ThinkingEngine accepts back from today: use at most 1095.`);
  if (p.targetDau !== undefined && (!Number.isInteger(p.targetDau) || p.targetDau <= 0)) sink('error', 'product.target_dau', 'product.targetDau', 'Target DAU must be a positive whole number, e.g. 5000.');
  const seen = new Set<string>();
  p.countries.forEach((c, i) => {
    const path = `product.countries[${i}]`;
    if (!/^[A-Z]{2}$/.test(c.country)) sink('error', 'product.country_code', path, `"${c.country}" is not a two-letter country code (ISO 3166-1): write e.g. KR, US or JP.`);
    if (seen.has(c.country)) sink('warning', 'product.country_repeated', path, `${c.country} is listed twice: list each country once with its share.`);
    seen.add(c.country);
    if (!(c.share >= 0) || !Number.isFinite(c.share)) sink('error', 'product.country_share', path, `The share of ${c.country} must be 0 or more: shares are relative, e.g. KR:60, US:40.`);
    if (c.timeZone !== '' && !/^(UTC|[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+)$/.test(c.timeZone)) {
      sink('warning', 'product.time_zone', path, `"${c.timeZone}" does not look like an IANA time zone: write e.g. Asia/Seoul, or leave it out for the country's main zone.`);
    }
  });
  if (p.countries.length > 0 && p.countries.every((c) => c.share === 0)) sink('error', 'product.country_shares_zero', 'product.countries', 'Every country has a share of 0: give at least one a positive share.');
  const targets = p.targets;
  for (const key of ['d1', 'd7', 'd30', 'payerRate', 'dauMau'] as const) {
    const v = targets[key];
    if (v !== undefined && !(v >= 0 && v <= 1)) sink('error', 'product.target_range', `product.targets.${key}`, `The ${key} target ${v} is not a rate: write a share between 0 and 1 or a percentage such as 35%.`);
  }
  if (targets.d1 !== undefined && targets.d7 !== undefined && targets.d7 > targets.d1) sink('warning', 'product.retention_order', 'product.targets.d7', 'D7 retention above D1 retention is implausible and cannot be calibrated: check the two targets.');
  if (targets.d7 !== undefined && targets.d30 !== undefined && targets.d30 > targets.d7) sink('warning', 'product.retention_order', 'product.targets.d30', 'D30 retention above D7 retention is implausible and cannot be calibrated: check the two targets.');
}
