/**
 * AI drafts as a diff and as writes: which proposed rows are new, and how the accepted ones go into
 * the sheets. Only new rows are appended and only empty Product values filled: nothing the user
 * wrote is overwritten.
 */
import { mergeAdditions, renderWorkbook, type Cell, type Language, type SheetGrid, type Taxonomy, type TaxonomyAdditions } from '../../taxonomy/index.ts';
import { COLUMNS, SHEET_KINDS, type SheetKind } from '../../taxonomy/layout.ts';
import { cellText } from '../../taxonomy/text.ts';
import type { SheetTemplate } from './gateway.ts';
import { sheetsByKind } from './taxonomy-sheets.ts';

export type ListSection = Exclude<SheetKind, 'product'>;
export const LIST_SECTIONS: readonly ListSection[] = ['events', 'eventProperties', 'commonProperties', 'userProperties', 'funnels'];

export interface DraftItem {
  section: ListSection;
  name: string;
  detail: string;
  /** Already in the user's taxonomy (shown, but not offered). */
  present: boolean;
}

const key = (name: string) => name.trim().toLowerCase();

function detailOf(section: ListSection, item: Record<string, unknown>): string {
  if (section === 'events') return [item.displayName, Array.isArray(item.properties) ? item.properties.join(', ') : ''].filter(Boolean).join(' · ');
  if (section === 'funnels') return Array.isArray(item.steps) ? item.steps.join(' → ') : '';
  return [item.type, item.displayName].filter(Boolean).join(' · ');
}

/** The draft as rows to tick: every proposed name per section, marked when it already exists. */
export function draftItems(current: Taxonomy, additions: TaxonomyAdditions): DraftItem[] {
  const items: DraftItem[] = [];
  for (const section of LIST_SECTIONS) {
    const existing = new Set((current[section] as { name: string }[]).map((x) => key(x.name)));
    const seen = new Set<string>();
    for (const proposal of (additions[section] ?? []) as Record<string, unknown>[]) {
      const name = String(proposal.name ?? '');
      if (name === '' || seen.has(key(name))) continue;
      seen.add(key(name));
      items.push({ section, name, detail: detailOf(section, proposal), present: existing.has(key(name)) });
    }
  }
  return items;
}

/**
 * Keeps the accepted names of each section (`section:name` keys) and the product part. An event the
 * user already has stays too, so it can gain the accepted (or already defined) properties it lists.
 */
export function acceptedAdditions(additions: TaxonomyAdditions, accepted: ReadonlySet<string>, current?: Taxonomy): TaxonomyAdditions {
  const out: TaxonomyAdditions = { ...(additions.product ? { product: additions.product } : {}) };
  for (const section of LIST_SECTIONS) {
    const list = additions[section] as { name: string }[] | undefined;
    if (list) (out as Record<string, unknown>)[section] = list.filter((x) => accepted.has(`${section}:${x.name}`));
  }
  if (current && additions.events) {
    const mine = new Set(current.events.map((e) => key(e.name)));
    const defined = new Set([...current.eventProperties, ...current.commonProperties].map((p) => key(p.name)));
    const usable = (name: string) => defined.has(key(name)) || accepted.has(`eventProperties:${name}`) || accepted.has(`commonProperties:${name}`);
    const kept = additions.events
      .filter((e) => mine.has(key(e.name)) && !accepted.has(`events:${e.name}`))
      .map((e) => ({ name: e.name, ...(e.properties ? { properties: e.properties.filter(usable) } : {}) }));
    out.events = [...(out.events ?? []), ...kept];
  }
  return out;
}

export interface WritePlan {
  appends: { sheet: string; rows: Cell[][] }[];
  cells: { sheet: string; row: number; column: number; value: Cell }[];
  newSheets: SheetTemplate[];
  rowCount: number;
}

function splitList(text: string): string[] {
  return text.split(/[,\n，、]/).map((s) => s.trim()).filter(Boolean);
}

function isBlank(cell: Cell | undefined): boolean {
  return cellText(cell) === '';
}

/**
 * What to write so the sheets hold `current` merged with `additions`: rendered rows whose name is not
 * in the sheet yet are appended; a missing sheet is created whole.
 */
export function planAdditions(grids: readonly SheetGrid[], current: Taxonomy, additions: TaxonomyAdditions, language: Language): WritePlan {
  const merged = mergeAdditions(current, additions).taxonomy;
  const rendered = renderWorkbook(merged, language);
  const existing = sheetsByKind(grids);
  const plan: WritePlan = { appends: [], cells: [], newSheets: [], rowCount: 0 };
  SHEET_KINDS.forEach((kind, i) => {
    const target = rendered[i]!;
    const sheet = existing.get(kind);
    if (!sheet) {
      if (target.rows.length > 1 && (kind !== 'product' || target.rows.slice(1).some((r) => !isBlank(r[1])))) {
        plan.newSheets.push({ grid: target, headerRows: 1, table: kind !== 'product' });
        plan.rowCount += target.rows.length - 1;
      }
      return;
    }
    const have = new Map<string, number>();
    sheet.rows.forEach((row, r) => {
      const name = key(cellText(row[0]));
      if (name !== '' && !have.has(name)) have.set(name, r);
    });
    if (kind === 'product') {
      // Field/value rows: fill a value only where the user's cell is empty.
      for (const row of target.rows.slice(1)) {
        const at = have.get(key(cellText(row[0])));
        if (at === undefined || isBlank(row[1]) || !isBlank(sheet.rows[at]?.[1])) continue;
        plan.cells.push({ sheet: sheet.name, row: at, column: 1, value: row[1] ?? null });
        plan.rowCount++;
      }
      return;
    }
    if (kind === 'events') {
      // An event the user has may gain properties: its list cell is rewritten only when the new
      // list keeps every name the user wrote, in their order, and adds to the end.
      const column = COLUMNS.events.indexOf('properties');
      for (const row of target.rows.slice(1)) {
        const at = have.get(key(cellText(row[0])));
        if (at === undefined) continue;
        const mine = splitList(cellText(sheet.rows[at]?.[column]));
        const next = splitList(cellText(row[column]));
        if (next.length > mine.length && mine.every((name, k) => key(next[k] ?? '') === key(name))) {
          plan.cells.push({ sheet: sheet.name, row: at, column, value: next.join(', ') });
          plan.rowCount++;
        }
      }
    }
    const rows = target.rows.slice(1).filter((row) => !have.has(key(cellText(row[0]))));
    if (rows.length > 0) {
      plan.appends.push({ sheet: sheet.name, rows });
      plan.rowCount += rows.length;
    }
  });
  return plan;
}
