/**
 * Problems found in a workbook, addressed to the cell so the task pane can select it and the CLI
 * can print `Events!B7`.
 */
export type Severity = 'error' | 'warning';

export interface TaxonomyIssue {
  severity: Severity;
  /** Stable machine code, e.g. `name.invalid`, `property.type_conflict`. */
  code: string;
  /** Sheet tab name as it appears in the workbook. */
  sheet: string;
  /** 1-based spreadsheet row, when the issue is about a row. */
  row?: number;
  /** Column letter (A, B, …), when the issue is about a cell. */
  column?: string;
  /**
   * Field path in the taxonomy (`events[3].properties[1]`), always set. For a taxonomy that did not
   * come from a workbook (JSON over the API) this is the only address; `sheet` is then the canonical
   * sheet name.
   */
  path?: string;
  /** What is wrong and what to do next, in one or two sentences. */
  message: string;
}

export function formatAddress(issue: Pick<TaxonomyIssue, 'sheet' | 'row' | 'column'>): string {
  const quoted = /^[A-Za-z0-9_]+$/.test(issue.sheet) ? issue.sheet : `'${issue.sheet.replace(/'/g, "''")}'`;
  if (issue.row === undefined) return quoted;
  return `${quoted}!${issue.column ?? ''}${issue.row}`;
}

export function hasErrors(issues: readonly TaxonomyIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
