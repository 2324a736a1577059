/**
 * The taxonomy as sheets: the templates the pane creates (in the user's language, with dropdowns
 * for types and update methods) and the reading of whatever layout the workbook has.
 */
import { emptyTaxonomy, parseWorkbook, renderWorkbook, typeLabels, updateLabels, type Language, type ParsedWorkbook, type SheetGrid } from '../../taxonomy/index.ts';
import { COLUMNS, SHEET_KINDS, sheetIndex, type SheetKind } from '../../taxonomy/layout.ts';
import type { Dropdown, SheetTemplate, WorkbookGateway } from './gateway.ts';

const WIDTHS: Record<string, number> = {
  field: 140, value: 220, name: 150, displayName: 140, category: 110, description: 260, properties: 240,
  type: 100, update: 110, allowed: 200, steps: 260, stepConversion: 140, windowHours: 100,
};

/** The empty canonical sheets (headers, and the Product sheet's field names) in one language. */
export function templateSheets(language: Language): { templates: SheetTemplate[]; dropdowns: Dropdown[] } {
  const taxonomy = emptyTaxonomy();
  taxonomy.product.language = language;
  const grids = renderWorkbook(taxonomy, language);
  const templates = grids.map((grid, i): SheetTemplate => {
    const kind = SHEET_KINDS[i]!;
    return { grid, headerRows: 1, table: kind !== 'product', widths: COLUMNS[kind].map((c) => WIDTHS[c] ?? 120) };
  });
  const dropdowns: Dropdown[] = [];
  SHEET_KINDS.forEach((kind, i) => {
    const columns: readonly string[] = COLUMNS[kind];
    const sheet = grids[i]!.name;
    const type = columns.indexOf('type');
    if (type >= 0) dropdowns.push({ sheet, column: type, firstRow: 1, values: typeLabels(language) });
    const update = columns.indexOf('update');
    if (update >= 0) dropdowns.push({ sheet, column: update, firstRow: 1, values: updateLabels(language) });
  });
  return { templates, dropdowns };
}

/** Which existing sheet holds each kind of taxonomy table (hidden sheets never do). */
export function sheetsByKind(grids: readonly SheetGrid[]): Map<SheetKind, SheetGrid> {
  const found = new Map<SheetKind, SheetGrid>();
  for (const grid of grids) {
    if (grid.hidden) continue;
    const kind = sheetIndex.get(grid.name);
    if (kind && !found.has(kind)) found.set(kind, grid);
  }
  return found;
}

export interface WorkbookSnapshot extends ParsedWorkbook {
  grids: SheetGrid[];
  /** Whether any sheet the taxonomy module recognises exists. */
  hasTaxonomy: boolean;
}

/** Reads the workbook through the gateway and parses it (layout detected, issues addressed to cells). */
export async function readTaxonomy(gateway: WorkbookGateway): Promise<WorkbookSnapshot> {
  const grids = await gateway.readSheets();
  return { ...parseWorkbook(grids), grids, hasTaxonomy: sheetsByKind(grids).size > 0 };
}
