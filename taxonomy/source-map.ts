/**
 * Where each part of a parsed taxonomy came from, so issues found later (by `validateTaxonomy`,
 * which knows only field paths) can still point at a cell.
 */
import { columnLetter } from './grid.ts';
import type { TaxonomyIssue } from './issues.ts';

export interface CellRef {
  sheet: string;
  /** Zero-based row and column; absent when only the sheet is known. */
  row?: number;
  column?: number;
}

export type SourceMap = Map<string, CellRef>;

/** `events[3].properties[1]` → `events[3].properties` → `events[3]` → `events`. */
function parentPath(path: string): string | undefined {
  const m = /^(.*)(\[\d+\]|\.[^.[\]]+)$/.exec(path);
  return m && m[1] !== '' ? m[1] : undefined;
}

export function lookupSource(sources: SourceMap, path: string): CellRef | undefined {
  for (let p: string | undefined = path; p !== undefined; p = parentPath(p)) {
    const ref = sources.get(p);
    if (ref) return ref;
  }
  return undefined;
}

/** Replaces an issue's canonical sheet with the workbook cell its path came from, when known. */
export function locateIssue(issue: TaxonomyIssue, sources: SourceMap): TaxonomyIssue {
  if (!issue.path) return issue;
  const ref = lookupSource(sources, issue.path);
  if (!ref) return issue;
  const located: TaxonomyIssue = { ...issue, sheet: ref.sheet };
  delete located.row;
  delete located.column;
  if (ref.row !== undefined) located.row = ref.row + 1;
  if (ref.row !== undefined && ref.column !== undefined) located.column = columnLetter(ref.column);
  return located;
}
