/**
 * `parseWorkbook`: grids in, taxonomy plus cell-addressed issues out. Sheets are recognised by
 * name (any alias, any of the four languages), their header rows found by scanning, and the
 * layout (canonical, or one of ThinkingData's) told apart by the shape of the event sheet.
 */
import type { SheetGrid } from '../grid.ts';
import type { TaxonomyIssue } from '../issues.ts';
import { EVENT_ROW_COLUMNS, headerIndex, READ_COLUMNS, SHEETS, sheetIndex, type SheetKind } from '../layout.ts';
import type { Language, Taxonomy } from '../model.ts';
import { locateIssue } from '../source-map.ts';
import { validateTaxonomy } from '../validate/index.ts';
import { TaxonomyBuilder } from './builder.ts';
import { ParseContext } from './context.ts';
import { parseEventList, parseEventRows, positionalHeader } from './events.ts';
import { parseFunnels } from './funnels.ts';
import { inferAllowedValues } from './infer-allowed.ts';
import { findHeader, type Header } from './header.ts';
import { parseProduct } from './product.ts';
import { parsePropertySheet } from './properties.ts';

export type WorkbookLayout = 'canonical' | 'td-template' | 'td-generator';

export interface ParsedWorkbook {
  taxonomy: Taxonomy;
  issues: TaxonomyIssue[];
  layout: WorkbookLayout;
}

const ORDER: readonly SheetKind[] = ['product', 'events', 'eventProperties', 'commonProperties', 'userProperties', 'funnels'];
const eventRowIndex = headerIndex(EVENT_ROW_COLUMNS);
const readIndexes = Object.fromEntries(ORDER.map((k) => [k, headerIndex(READ_COLUMNS[k])])) as Record<SheetKind, ReturnType<typeof headerIndex>>;
const REQUIRED: Record<SheetKind, readonly string[]> = {
  product: ['field', 'value'],
  events: ['name'],
  eventProperties: ['name'],
  commonProperties: ['name'],
  userProperties: ['name'],
  funnels: ['name', 'steps'],
};

/** The explanation sheet ThinkingData's template carries (often hidden). */
const EXPLANATION_SHEET = /설명|가이드|guide|explanation|说明|説明/i;

function guessLanguage(texts: string[]): Language {
  const all = texts.join(' ');
  if (/[\uac00-\ud7af]/.test(all)) return 'ko';
  if (/[\u3040-\u30ff]/.test(all)) return 'ja';
  if (/[\u4e00-\u9fff]/.test(all)) return 'zh';
  return 'en';
}

export function parseWorkbook(grids: readonly SheetGrid[]): ParsedWorkbook {
  const ctx = new ParseContext();
  const builder = new TaxonomyBuilder(ctx);
  const byKind = new Map<SheetKind, SheetGrid>();
  for (const grid of grids) {
    if (grid.hidden) continue;
    // Sheets of other names (user ID scheme, explanations, instructions) are not taxonomy.
    const kind = sheetIndex.get(grid.name);
    if (!kind) continue;
    if (byKind.has(kind)) {
      ctx.issue('warning', 'sheet.duplicate', { sheet: grid.name }, kind, `The workbook has two ${SHEETS[kind].labels.en} sheets ("${byKind.get(kind)!.name}" and "${grid.name}"); only the first is read: merge them into one.`);
      continue;
    }
    byKind.set(kind, grid);
  }

  let eventRows = false;
  let templateHints = false;
  let productLanguageSet = false;
  for (const kind of ORDER) {
    const grid = byKind.get(kind);
    if (!grid) continue;
    ctx.locate(kind, { sheet: grid.name });
    if (kind === 'product') {
      const header = findHeader(grid, readIndexes.product, REQUIRED.product);
      productLanguageSet = parseProduct(ctx, builder.taxonomy.product, grid, header).languageGiven;
      continue;
    }
    if (kind === 'events') {
      let header: Header | undefined = findHeader(grid, eventRowIndex, ['eventName', 'propertyName']);
      if (header) {
        eventRows = true;
        templateHints ||= header.hasNotes || header.row > 0;
        parseEventRows(ctx, builder, grid, header);
        continue;
      }
      header = findHeader(grid, readIndexes.events, REQUIRED.events);
      if (header && (header.columns.has('properties') || !looksLikeEventRows(grid, header))) {
        parseEventList(ctx, builder, grid, header);
        continue;
      }
      header = positionalHeader(grid);
      ctx.issue('warning', 'sheet.header_positional', { sheet: grid.name, row: header.row, column: 0 }, 'events', 'The event sheet\'s headers are not recognised, so its columns are read by position (A event, B alias, C description, D tag, E property, F alias, G type, H description): rename the headers if that is wrong.');
      eventRows = true;
      parseEventRows(ctx, builder, grid, header);
      continue;
    }
    const header = findHeader(grid, readIndexes[kind], REQUIRED[kind]);
    if (!header) {
      const needed = REQUIRED[kind].join(' and ');
      ctx.issue('error', 'sheet.header_missing', { sheet: grid.name, row: 0, column: 0 }, kind, `No header row with a ${needed} column was found in the first 30 rows: add one (see a template from "demo-data template").`);
      continue;
    }
    templateHints ||= header.hasNotes;
    if (kind === 'funnels') parseFunnels(ctx, builder.taxonomy.funnels, grid, header);
    else parsePropertySheet(ctx, builder, grid, header, kind);
  }

  if (!byKind.has('events')) {
    ctx.issue('error', 'sheet.events_missing', { sheet: SHEETS.events.labels.en }, 'events', 'No event sheet was found: add a sheet named "Events" (or 이벤트, 事件, イベント, #Events, #이벤트 데이터).');
  }
  if (!productLanguageSet) {
    // The language the workbook is written in: its sheet names, headers and first rows of text.
    builder.taxonomy.product.language = guessLanguage([...byKind.values()].flatMap((g) => [g.name, ...g.rows.slice(0, 6).flat().map(String)]));
  }

  const taxonomy = builder.taxonomy;
  if (eventRows) inferAllowedValues(taxonomy);
  const issues = [...ctx.issues, ...validateTaxonomy(taxonomy).map((issue) => locateIssue(issue, ctx.sources))];
  // ThinkingData's own template differs from the generator's workbooks only in its trimmings.
  const explanation = grids.some((g) => EXPLANATION_SHEET.test(g.name));
  const layout: WorkbookLayout = !eventRows ? 'canonical' : templateHints || explanation ? 'td-template' : 'td-generator';
  return { taxonomy, issues, layout };
}

/**
 * An event sheet with a name column but no properties column: ThinkingData's shape when its
 * property columns carry headers we do not know. A name repeated down the column gives it away.
 */
function looksLikeEventRows(grid: SheetGrid, header: Header): boolean {
  const col = header.columns.get('name')!;
  const seen = new Set<string>();
  for (let r = header.row + 1; r < Math.min(grid.rows.length, header.row + 200); r++) {
    const v = grid.rows[r]?.[col];
    if (v === null || v === undefined || v === '') continue;
    const key = String(v);
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}
