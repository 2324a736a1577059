/**
 * Rules as editable sheets appended to a workbook, so a user can see what the analysis decided and
 * correct it. The readable tables (segments, events, funnels, timeline) are the editable part; the
 * JSON sheet keeps everything else exactly. `readRulesSheets` reads them back: JSON first, then
 * the tables on top, validated like any other rules.
 */
import type { Cell, SheetGrid } from '../../taxonomy/grid.ts';
import { RulesSchema, type Rules } from '../engine/rules/schema.ts';

export const RULES_SHEETS = {
  segments: 'Rules - Segments',
  events: 'Rules - Events',
  funnels: 'Rules - Funnels',
  timeline: 'Rules - Timeline',
  json: 'Rules - JSON',
} as const;

const SEGMENT_COLUMNS = ['name', 'share', 'payer', 'day1', 'halfLifeDays', 'floor', 'churnPerDay', 'returnPerDay', 'sessionsPerDay', 'sessionMinutes', 'gapMinutes', 'eventsPerSession'] as const;
const EVENT_COLUMNS = ['event', 'weight', 'placement', 'oncePerUser', 'prerequisites', 'payment'] as const;
const FUNNEL_COLUMNS = ['funnel', 'steps', 'entryPerSession', 'stepConversion', 'windowHours', 'minutesToConvert'] as const;
const TIMELINE_COLUMNS = ['name', 'fromDay', 'toDay', 'activity', 'acquisition', 'events'] as const;
/** Excel's cell limit is 32,767 characters; JSON is split into rows below it. */
const JSON_CHUNK = 30_000;

const list = (xs: readonly (string | number)[]) => xs.join(', ');
const json = (v: unknown) => JSON.stringify(v);

export function rulesToSheets(rules: Rules): SheetGrid[] {
  const text = JSON.stringify(rules);
  const chunks: Cell[][] = [];
  for (let i = 0; i < text.length; i += JSON_CHUNK) chunks.push([text.slice(i, i + JSON_CHUNK)]);
  return [
    {
      name: RULES_SHEETS.segments,
      rows: [
        [...SEGMENT_COLUMNS],
        ...rules.segments.map((s) => [s.name, s.share, s.payer, s.activity.day1, s.activity.halfLifeDays, s.activity.floor, s.activity.churnPerDay, s.activity.returnPerDay, json(s.sessionsPerDay), json(s.sessionMinutes), json(s.gapMinutes), json(s.eventsPerSession)]),
      ],
    },
    {
      name: RULES_SHEETS.events,
      rows: [[...EVENT_COLUMNS], ...rules.events.map((e) => [e.event, e.weight, e.placement, e.oncePerUser, list(e.prerequisites), e.payment])],
    },
    {
      name: RULES_SHEETS.funnels,
      rows: [[...FUNNEL_COLUMNS], ...rules.funnels.map((f) => [f.funnel, list(f.steps), f.entryPerSession, list(f.stepConversion), f.windowHours, json(f.minutesToConvert)])],
    },
    {
      name: RULES_SHEETS.timeline,
      rows: [[...TIMELINE_COLUMNS], ...rules.timeline.map((t) => [t.name, t.fromDay, t.toDay, t.activity, t.acquisition, t.events.map((e) => `${e.event}*${e.multiplier}`).join(', ')])],
    },
    { name: RULES_SHEETS.json, rows: [['rules (JSON; the tables in the other Rules sheets take precedence)'], ...chunks] },
  ];
}

export type RulesSheetsResult = { ok: true; rules: Rules } | { ok: false; problems: string[] } | { ok: false; absent: true; problems: string[] };

/** Reads rules sheets back; problems name the sheet and row. */
export function readRulesSheets(grids: readonly SheetGrid[]): RulesSheetsResult {
  const byName = new Map(grids.map((g) => [g.name, g]));
  const jsonSheet = byName.get(RULES_SHEETS.json);
  if (!jsonSheet) return { ok: false, absent: true, problems: [`The workbook has no '${RULES_SHEETS.json}' sheet; run 'demo-data analyze --sheets' first.`] };
  const problems: string[] = [];
  let base: Record<string, unknown>;
  try {
    base = JSON.parse(jsonSheet.rows.slice(1).map((r) => String(r[0] ?? '')).join('')) as Record<string, unknown>;
  } catch {
    return { ok: false, problems: [`'${RULES_SHEETS.json}' does not hold valid JSON; restore it from 'demo-data analyze --sheets'.`] };
  }
  const cellJson = (sheet: string, row: number, column: string, value: Cell): unknown => {
    try {
      return JSON.parse(String(value));
    } catch {
      problems.push(`'${sheet}' row ${row + 1}, column ${column}: not valid JSON (${String(value).slice(0, 40)}).`);
      return undefined;
    }
  };
  const names = (v: Cell) => String(v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const rows = (sheet: string) => (byName.get(sheet)?.rows ?? []).slice(1).map((r, i) => ({ r, i: i + 1 })).filter(({ r }) => r.some((c) => c !== null && c !== ''));
  const segments = base.segments as { name: string }[] | undefined;
  if (byName.has(RULES_SHEETS.segments)) {
    base.segments = rows(RULES_SHEETS.segments).map(({ r, i }) => {
      const previous = segments?.find((s) => s.name === r[0]) ?? {};
      const activity = { day1: r[3], halfLifeDays: r[4], floor: r[5], churnPerDay: r[6], returnPerDay: r[7] };
      return {
        ...previous, name: String(r[0] ?? ''), share: r[1], payer: r[2], activity,
        sessionsPerDay: cellJson(RULES_SHEETS.segments, i, 'I', r[8] ?? null), sessionMinutes: cellJson(RULES_SHEETS.segments, i, 'J', r[9] ?? null),
        gapMinutes: cellJson(RULES_SHEETS.segments, i, 'K', r[10] ?? null), eventsPerSession: cellJson(RULES_SHEETS.segments, i, 'L', r[11] ?? null),
      };
    });
  }
  if (byName.has(RULES_SHEETS.events)) {
    base.events = rows(RULES_SHEETS.events).map(({ r }) => ({ event: String(r[0] ?? ''), weight: r[1], placement: r[2], oncePerUser: r[3] === true || r[3] === 'TRUE' || r[3] === 'true', prerequisites: names(r[4] ?? null), payment: r[5] === true || r[5] === 'TRUE' || r[5] === 'true' }));
  }
  if (byName.has(RULES_SHEETS.funnels)) {
    base.funnels = rows(RULES_SHEETS.funnels).map(({ r, i }) => ({ funnel: String(r[0] ?? ''), steps: names(r[1] ?? null), entryPerSession: r[2], stepConversion: names(r[3] ?? null).map(Number), windowHours: r[4], minutesToConvert: cellJson(RULES_SHEETS.funnels, i, 'F', r[5] ?? null) }));
  }
  if (byName.has(RULES_SHEETS.timeline)) {
    base.timeline = rows(RULES_SHEETS.timeline).map(({ r }) => ({
      name: String(r[0] ?? ''), fromDay: r[1], toDay: r[2], activity: r[3], acquisition: r[4],
      events: names(r[5] ?? null).map((pair) => {
        const [event, multiplier] = pair.split('*');
        return { event: event!.trim(), multiplier: Number(multiplier) };
      }),
    }));
  }
  if (problems.length) return { ok: false, problems };
  const parsed = RulesSchema.safeParse(base);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${where(i.path)}: ${i.message}`) };
  return { ok: true, rules: parsed.data };
}

const TABLE_OF: Record<string, string> = { segments: RULES_SHEETS.segments, events: RULES_SHEETS.events, funnels: RULES_SHEETS.funnels, timeline: RULES_SHEETS.timeline };

/** `segments.1.share` → `'Rules - Segments' row 3 (share)`, so the user finds the cell. */
function where(path: readonly PropertyKey[]): string {
  const [table, index, ...rest] = path;
  const sheet = typeof table === 'string' ? TABLE_OF[table] : undefined;
  if (!sheet || typeof index !== 'number') return `'${RULES_SHEETS.json}' ${path.join('.')}`;
  return `'${sheet}' row ${index + 2}${rest.length ? ` (${rest.join('.')})` : ''}`;
}
