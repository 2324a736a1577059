/** What a rules check reports: a JSON path into the rules and a message precise enough to act on. */
import { suggestName } from '../../expr/suggest.ts';

export interface RuleIssue {
  /** Errors make the rules unusable (the AI answer is rejected); warnings are worth a look. */
  severity: 'error' | 'warning';
  /** Stable machine code such as `event.unknown`. */
  code: string;
  /** JSON path into the rules: `funnels[2].steps[1]`. */
  path: string;
  message: string;
}

export class IssueList {
  readonly items: RuleIssue[] = [];

  error(path: string, code: string, message: string): void {
    this.items.push({ severity: 'error', code, path, message });
  }

  warn(path: string, code: string, message: string): void {
    this.items.push({ severity: 'warning', code, path, message });
  }
}

/** ` Did you mean "x"?` or, for short lists, the names to choose from. */
export function hint(name: string, candidates: readonly string[]): string {
  const near = suggestName(name, candidates);
  if (near) return ` Did you mean "${near}"?`;
  if (candidates.length === 0) return '';
  if (candidates.length <= 12) return ` Known names: ${candidates.map((c) => `"${c}"`).join(', ')}.`;
  return '';
}
