/** `demo-data inspect <file.xlsx>`: a readable summary of a taxonomy workbook, or its taxonomy as JSON. */
import type { FunnelDef, Product, Taxonomy } from '../../taxonomy/index.ts';
import { CliError } from './command.ts';
import { fileArgument, parseCommandArgs } from './command.ts';
import { formatIssue, loadWorkbookArgument, sortIssues } from './validate.ts';

const HELP = `Usage: demo-data inspect <file.xlsx> [--json]

Summarises a taxonomy workbook: product settings and targets, events by category, property counts
and funnels. With --json, prints the parsed taxonomy as JSON with the top-level keys product,
events, eventProperties, commonProperties, userProperties and funnels.

Exit codes: 0 read without errors, 1 the workbook has errors (the summary or JSON is still printed;
the errors go to stderr), 2 bad usage, 3 the file cannot be read as an .xlsx workbook.

Options:
  --json       print the parsed taxonomy as JSON
  -h, --help   show this help
`;

const pct = (x: number | undefined): string | undefined => (x === undefined ? undefined : `${+(x * 100).toFixed(1)}%`);

function productLines(p: Product): string[] {
  const lines: string[] = [];
  const row = (label: string, value: string | undefined) => {
    if (value) lines.push(`  ${label.padEnd(12)}${value}`);
  };
  const kind = [p.industry, p.platforms.join(', ')].filter(Boolean).join('; ');
  lines.push(`${p.name || '(unnamed product)'}${kind ? ` (${kind})` : ''}`);
  row('Description', p.description);
  const period = [p.startDate && `from ${p.startDate}`, p.days && `${p.days} days`].filter(Boolean).join(', ');
  row('Period', period);
  row('Target DAU', p.targetDau?.toLocaleString('en-US'));
  row('Seed', p.seed === undefined ? undefined : String(p.seed));
  const total = p.countries.reduce((s, c) => s + c.share, 0) || 1;
  row('Countries', p.countries.map((c) => `${c.country}${c.timeZone ? ` (${c.timeZone})` : ''} ${pct(c.share / total)}`).join(', '));
  const t = p.targets;
  const targets = [
    ['D1', t.d1],
    ['D7', t.d7],
    ['D30', t.d30],
    ['payer rate', t.payerRate],
    ['DAU/MAU', t.dauMau],
  ]
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k} ${pct(v as number)}`);
  row('Targets', targets.join(', '));
  row('Scenario', p.scenario);
  row('Language', p.language);
  return lines;
}

/** Terminal columns: East Asian characters take two. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u.test(ch) ? 2 : 1;
  return w;
}

function eventLines(t: Taxonomy): string[] {
  const byCategory = new Map<string, string[]>();
  for (const e of t.events) {
    const key = e.category || '(no category)';
    byCategory.set(key, [...(byCategory.get(key) ?? []), e.name]);
  }
  const width = Math.max(0, ...[...byCategory.keys()].map(displayWidth));
  const pad = (cat: string) => cat + ' '.repeat(width - displayWidth(cat));
  return [`Events (${t.events.length}) by category`, ...[...byCategory].map(([cat, names]) => `  ${pad(cat)}  ${names.length}: ${names.join(', ')}`)];
}

function propertyLines(t: Taxonomy): string[] {
  const children = t.eventProperties.filter((p) => p.name.includes('.')).length;
  const updates = new Map<string, number>();
  for (const p of t.userProperties) updates.set(p.update, (updates.get(p.update) ?? 0) + 1);
  const updateText = [...updates].map(([u, n]) => `${u} ${n}`).join(', ');
  return [
    'Properties',
    `  event      ${t.eventProperties.length}${children ? ` (${children} object children)` : ''}`,
    `  common     ${t.commonProperties.length}`,
    `  user       ${t.userProperties.length}${updateText ? ` (${updateText})` : ''}`,
  ];
}

function funnelLine(f: FunnelDef): string {
  const targets = f.stepConversion.slice(1).some((c) => c !== null)
    ? `; step targets ${f.stepConversion.slice(1).map((c) => (c === null ? '-' : pct(c))).join(', ')}`
    : '';
  return `  ${f.name}: ${f.steps.join(' → ')} (within ${f.windowHours} h${targets})`;
}

export function summarise(t: Taxonomy, layout: string): string {
  return [
    ...productLines(t.product),
    `  Layout      ${layout}`,
    '',
    ...eventLines(t),
    '',
    ...propertyLines(t),
    '',
    `Funnels (${t.funnels.length})`,
    ...t.funnels.map(funnelLine),
  ].join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, { json: { type: 'boolean' } }, HELP);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const path = fileArgument(positionals, 'inspect');
  const { taxonomy, issues, layout } = await loadWorkbookArgument(path);
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.length - errors.length;

  if (values.json) {
    process.stdout.write(`${JSON.stringify(taxonomy, null, 2)}\n`);
  } else {
    const tail = issues.length === 0 ? 'No issues.' : `${errors.length} error(s), ${warnings} warning(s): run 'demo-data validate ${path}' for the list.`;
    process.stdout.write(`${summarise(taxonomy, layout)}\n\n${tail}\n`);
  }
  if (errors.length > 0) {
    process.stderr.write(`${sortIssues(errors).map(formatIssue).join('\n')}\n`);
    throw new CliError(`${path} has ${errors.length} error(s); fix them and run again`, 1);
  }
  return 0;
}
