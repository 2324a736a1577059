/**
 * ThinkingEngine's record format as data (TE-FORMAT §1–2): record types, header fields, names,
 * limits and preset property names. Kept apart from the validator so a correction to an unconfirmed
 * fact is a one-line change here.
 */

export const RECORD_TYPES = [
  'track',
  'track_update',
  'track_overwrite',
  'user_set',
  'user_setOnce',
  'user_add',
  'user_unset',
  'user_append',
  'user_uniq_append',
  'user_del',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export const TRACK_TYPES: ReadonlySet<string> = new Set<RecordType>(['track', 'track_update', 'track_overwrite']);
export const RECORD_TYPE_SET: ReadonlySet<string> = new Set(RECORD_TYPES);

/** Which of TE's two tables a record writes to; the type lock is kept per table. */
export type Table = 'event' | 'user';
export function tableOf(type: RecordType): Table {
  return TRACK_TYPES.has(type) ? 'event' : 'user';
}

/** Fields allowed at the top level of a record besides `properties`. */
export const HEADER_FIELDS: ReadonlySet<string> = new Set([
  '#type',
  '#time',
  '#account_id',
  '#distinct_id',
  '#event_name',
  '#event_id',
  '#first_check_id',
  '#uuid',
  '#ip',
  '#app_id',
]);

/** Fields TE computes itself; a record must never carry them, at the top level or in properties. */
export const SYSTEM_FIELDS: ReadonlySet<string> = new Set([
  '#user_id',
  '#event_time',
  '#server_time',
  '$part_event',
  '$part_date',
  '#active_time',
  '#reg_time',
  '#update_time',
]);

/**
 * Preset property names a client may send inside `properties`. TE drops other `#` names, so an
 * unknown one is reported. Generous on purpose: client SDKs send more presets than the short list in
 * the documentation; callers can add names through the validator's options.
 */
export const PRESET_PROPERTIES: ReadonlySet<string> = new Set([
  '#os', '#os_version', '#device_model', '#device_type', '#manufacturer', '#device_id',
  '#screen_width', '#screen_height', '#app_version', '#bundle_id', '#install_time',
  '#network_type', '#carrier', '#system_language', '#zone_offset', '#lib', '#lib_version',
  '#duration', '#browser', '#browser_version', '#ua', '#url', '#url_path', '#referrer',
  '#referrer_host', '#title', '#country', '#country_code', '#province', '#city',
  '#resume_from_background', '#start_reason', '#background_duration', '#element_id',
  '#element_type', '#element_content', '#element_position', '#element_selector',
  '#screen_name', '#app_crashed_reason', '#simulator', '#ram', '#disk', '#fps',
  '#mp_platform', '#scene', '#start_time', '#bundle_name', '#utm_source', '#utm_medium',
  '#utm_campaign', '#utm_content', '#utm_term', '#first_visit_time',
]);

export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const LIMITS = {
  /** Numbers TE stores exactly: ±9E15. */
  maxNumber: 9e15,
  /** Text length in UTF-8 bytes (whether TE counts bytes or characters is unconfirmed; bytes is stricter). */
  maxTextBytes: 2048,
  maxListItems: 500,
  maxListItemBytes: 255,
  maxObjectKeys: 100,
  maxObjectGroupItems: 500,
  /** 64 on old projects; configurable through the validator's options. */
  maxIdLength: 128,
} as const;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(s: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * True when `s` is a TE time (`yyyy-MM-dd HH:mm:ss[.SSS]`) naming a real calendar instant.
 * Parsed by hand: it runs on every record and every string property.
 */
export function isTeTime(s: string): boolean {
  const len = s.length;
  if (len !== 19 && len !== 23) return false;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 32 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) {
    return false;
  }
  if (len === 23 && (s.charCodeAt(19) !== 46 || digits(s, 20, 3) < 0)) return false;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const maxDay = month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1]!;
  return day <= maxDay && hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 60;
}

/** UTF-8 byte length without allocating; exact for all strings. */
export function utf8Length(s: string): number {
  let bytes = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      // A surrogate pair is 2 UTF-16 units and 4 UTF-8 bytes.
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}
