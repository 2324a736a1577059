/** What every sheet parser shares: the issue list and the source map it fills. */
import type { Severity, TaxonomyIssue } from '../issues.ts';
import { columnLetter } from '../grid.ts';
import type { CellRef, SourceMap } from '../source-map.ts';

export class ParseContext {
  readonly issues: TaxonomyIssue[] = [];
  readonly sources: SourceMap = new Map();

  /** Remembers where a field path was read from (first write wins, like the first row wins). */
  locate(path: string, ref: CellRef): void {
    if (!this.sources.has(path)) this.sources.set(path, ref);
  }

  issue(severity: Severity, code: string, ref: CellRef, path: string, message: string): void {
    const issue: TaxonomyIssue = { severity, code, sheet: ref.sheet, path, message };
    if (ref.row !== undefined) issue.row = ref.row + 1;
    if (ref.row !== undefined && ref.column !== undefined) issue.column = columnLetter(ref.column);
    this.issues.push(issue);
  }
}
