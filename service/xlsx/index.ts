/** .xlsx files on the service side: reading into grids, writing formatted workbooks, loading taxonomies. */
export { MAX_WORKBOOK_BYTES, WorkbookReadError, type WorkbookReadProblem } from './errors.ts';
export { readWorkbookBuffer, readWorkbookFile, type ReadOptions } from './read-workbook.ts';
export { writeWorkbookBuffer, LISTS_SHEET, type WriteOptions } from './write-workbook.ts';
export { loadTaxonomyBuffer, loadTaxonomyFile } from './load-taxonomy.ts';
export { taxonomyWorkbookBuffer, writeFileAtomic, writeTaxonomyWorkbook } from './write-taxonomy.ts';
