/**
 * `yyyy-MM-dd HH:mm:ss.SSS` of a local time (ms, as if UTC): the text of TE time properties.
 *
 * By arithmetic, with each day's date text cached: `new Date(ms).toISOString()` and its slices
 * cost about 380 ns a value, and a time property is written on most records.
 */
import { civilFromDays } from './civil.ts';

const DAY_MS = 86_400_000;
const SLOTS = 64;
const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const cachedDay = new Float64Array(SLOTS).fill(Number.NaN);
const cachedText: string[] = new Array<string>(SLOTS).fill('');

export function formatLocalTime(localMs: number): string {
  const day = Math.floor(localMs / DAY_MS);
  const slot = day & (SLOTS - 1);
  if (cachedDay[slot] !== day) {
    const date = dateText(day);
    // Years outside 0000-9999 have no four-digit form; the ISO text has their extended one.
    if (date === null) return isoText(localMs);
    cachedDay[slot] = day;
    cachedText[slot] = date;
  }
  let rest = localMs - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  return `${cachedText[slot]!}${TWO[h]!}:${TWO[m]!}:${TWO[s]!}.${THREE[Math.floor(rest - s * 1000)]!}`;
}

/** The reference: what the arithmetic must equal. */
export function isoText(localMs: number): string {
  const iso = new Date(localMs).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

const ymd = new Int32Array(3);

/** `yyyy-MM-dd ` of a day count since 1970-01-01, or null outside four-digit years. */
function dateText(days: number): string | null {
  civilFromDays(days, ymd);
  const y = ymd[0]!;
  if (y < 0 || y > 9999) return null;
  return `${String(y).padStart(4, '0')}-${TWO[ymd[1]!]!}-${TWO[ymd[2]!]!} `;
}
