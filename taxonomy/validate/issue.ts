/** Building issues that address a field path on its canonical sheet (cells are added by the parser). */
import type { Severity, TaxonomyIssue } from '../issues.ts';
import { SHEETS, type SheetKind } from '../layout.ts';

export type IssueSink = (severity: Severity, code: string, path: string, message: string) => void;

/** The canonical sheet a field path belongs to: `eventProperties[2].type` → Event Properties. */
export function sheetOfPath(path: string): string {
  const root = /^[A-Za-z]+/.exec(path)?.[0] ?? 'events';
  return (SHEETS[root as SheetKind] ?? SHEETS.events).labels.en;
}

export function collectIssues(run: (sink: IssueSink) => void): TaxonomyIssue[] {
  const issues: TaxonomyIssue[] = [];
  run((severity, code, path, message) => issues.push({ severity, code, sheet: sheetOfPath(path), path, message }));
  return issues;
}
