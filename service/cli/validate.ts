/** `demo-data validate <file.xlsx>`: every problem in a taxonomy workbook, addressed to its cell. */
import { parseArgs } from 'node:util';
import { formatAddress, type ParsedWorkbook, type TaxonomyIssue } from '../../taxonomy/index.ts';
import { loadTaxonomyFile, WorkbookReadError } from '../xlsx/index.ts';
import { CliError } from './command.ts';

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

/** The single positional file argument, or a usage error. */
export function fileArgument(positionals: readonly string[], command: string): string {
  if (positionals.length === 0) throw new CliError(`give the workbook to ${command}: demo-data ${command} <file.xlsx> (see --help)`, 2);
  if (positionals.length > 1) throw new CliError(`${command} takes one workbook, got ${positionals.length}: ${positionals.join(' ')}`, 2);
  return positionals[0]!;
}

export function parseCommandArgs<T extends Record<string, { type: 'boolean' | 'string'; short?: string }>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError(`${(err as Error).message} (see --help)`, 2);
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
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
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
