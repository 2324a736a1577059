/** The taxonomy module's public API: pure, shared by the task pane, the service and the CLI. */
export * from './model.ts';
export type { Cell, SheetGrid } from './grid.ts';
export { cellAddress, columnLetter } from './grid.ts';
export type { Severity, TaxonomyIssue } from './issues.ts';
export { formatAddress, hasErrors } from './issues.ts';
export { parseWorkbook, type ParsedWorkbook, type WorkbookLayout } from './parse/workbook.ts';
export { renderWorkbook } from './render.ts';
export { validateTaxonomy } from './validate/index.ts';
export { canonicalTaxonomyJson } from './canonical-json.ts';
export { formatAllowedValues, parseAllowedValues } from './values.ts';
export { SHEET_KINDS, sheetLabel, headerLabel, typeLabels, updateLabels, type SheetKind } from './layout.ts';
export { mergeAdditions, type MergeAdded, type MergeResult, type MergeSection, type MergeSkipped } from './merge.ts';
export { PRESET_PROPERTIES, SYSTEM_FIELDS, suggestName } from './validate/names.ts';
export { TE_LIMITS } from './validate/product.ts';
