/**
 * `yyyy-MM-dd HH:mm:ss.SSS` of a local time (ms, as if UTC): the text of TE time properties.
 *
 * By arithmetic, with each day's date text cached: `new Date(ms).toISOString()` and its slices
 * cost about 380 ns a value, and a time property is written on most records.
 */
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

/** `yyyy-MM-dd ` of a day count since 1970-01-01 (H. Hinnant's civil_from_days), or null out of range. */
function dateText(days: number): string | null {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 0 || y > 9999) return null;
  return `${String(y).padStart(4, '0')}-${TWO[m]!}-${TWO[d]!} `;
}
