/** `demo-data validate <file.xlsx>`: every problem in a taxonomy workbook, addressed to its cell. */
import { formatAddress, type ParsedWorkbook, type TaxonomyIssue } from '../../taxonomy/index.ts';
import { loadTaxonomyFile, WorkbookReadError } from '../xlsx/index.ts';
import { CliError, fileArgument, parseCommandArgs } from './command.ts';

const HELP = `Usage: demo-data validate <file.xlsx> [--json]

Checks a taxonomy workbook (canonical, ThinkingData's template or the TD generator's layout) and
prints every problem with its cell address, errors first, e.g.

  error    Events!B7  The event name "2fast" must start with a letter …

Exit codes: 0 no errors (warnings allowed), 1 the workbook has errors, 2 bad usage,
3 the file cannot be read as an .xlsx workbook.

Options:
  --json       print { layout, errors, warnings, issues } as JSON instead
  -h, --help   show this help
`;

/** Reads and parses a workbook for a command; an unreadable file becomes one line and exit code 3. */
export async function loadWorkbookArgument(path: string): Promise<ParsedWorkbook> {
  try {
    return await loadTaxonomyFile(path);
  } catch (err) {
    if (err instanceof WorkbookReadError) throw new CliError(err.message, 3);
    throw err;
  }
}

export function formatIssue(issue: TaxonomyIssue): string {
  return `${issue.severity.padEnd(8)} ${formatAddress(issue)}  ${issue.message}`;
}

/** Errors first; within a severity, the order the parser found them (sheet by sheet, row by row). */
export function sortIssues(issues: readonly TaxonomyIssue[]): TaxonomyIssue[] {
  return [...issues.filter((i) => i.severity === 'error'), ...issues.filter((i) => i.severity !== 'error')];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, { json: { type: 'boolean' } }, HELP);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const path = fileArgument(positionals, 'validate');
  const { issues, layout } = await loadWorkbookArgument(path);
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;

  if (values.json) {
    process.stdout.write(`${JSON.stringify({ file: path, layout, errors, warnings, issues: sortIssues(issues) }, null, 2)}\n`);
    return errors > 0 ? 1 : 0;
  }
  const lines = sortIssues(issues).map(formatIssue);
  const summary = `${path}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')} (${layout} layout)`;
  process.stdout.write(`${[...lines, summary].join('\n')}\n`);
  return errors > 0 ? 1 : 0;
}
