/**
 * Local calendars. A user lives in one IANA zone; a simulated day is a local date. Offsets are
 * computed once per (zone, day) at local noon and held for the whole day: DST switches at night,
 * when the few events it would touch are shifted by the hour a real device would also show.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDate(text: string): number {
  const m = DATE.exec(text);
  if (!m) throw new Error(`"${text}" is not a date; write it as yyyy-MM-dd, e.g. 2026-01-01`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== text) throw new Error(`"${text}" is not a real calendar date`);
  return ms;
}

export const DAY_MS = 86_400_000;

/** `yyyy-MM-dd` of a UTC-midnight millisecond value. */
export function formatDate(dayMs: number): string {
  return new Date(dayMs).toISOString().slice(0, 10);
}

/** Monday = 0 … Sunday = 6, of a UTC-midnight millisecond value. */
export function weekdayOf(dayMs: number): number {
  return (new Date(dayMs).getUTCDay() + 6) % 7;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Minutes east of UTC of `zone` at the UTC instant `utcMs`. */
export function zoneOffsetMinutes(zone: string, utcMs: number): number {
  const parts = formatterFor(zone).formatToParts(new Date(utcMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

export function isValidZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** Offsets (minutes) of one zone for each simulated day, indexed from `firstDay` (may be negative). */
export class ZoneDays {
  private readonly offsets: Int16Array;
  constructor(
    zone: string,
    startMs: number,
    readonly firstDay: number,
    lastDay: number,
  ) {
    this.offsets = new Int16Array(lastDay - firstDay + 1);
    for (let d = firstDay; d <= lastDay; d++) {
      this.offsets[d - firstDay] = zoneOffsetMinutes(zone, startMs + d * DAY_MS + 12 * 3_600_000);
    }
  }
  offset(day: number): number {
    return this.offsets[day - this.firstDay] ?? 0;
  }
}
