/**
 * `demo-data analyze <file.xlsx>`: the taxonomy's simulation rules, from AI when a provider is
 * configured (cached by taxonomy), from the offline analyzer otherwise; it always says which.
 */
import { basename } from 'node:path';
import type { SheetGrid } from '../../taxonomy/grid.ts';
import { formatAddress, hasErrors, parseWorkbook } from '../../taxonomy/index.ts';
import type { Taxonomy } from '../../taxonomy/model.ts';
import { analyzeTaxonomy } from '../ai/analyze.ts';
import { defaultCacheDir, describeProvider, formatUsage, providerFromEnv, writeFileAtomic } from '../ai/cli-support.ts';
import { diskCache } from '../ai/disk-cache.ts';
import { AiError } from '../ai/provider.ts';
import { rulesToSheets, RULES_SHEETS } from '../ai/rules-sheets.ts';
import type { Rules } from '../engine/rules/schema.ts';
import { WorkbookReadError } from '../xlsx/errors.ts';
import { INSTRUCTION_SHEET_NAMES } from '../xlsx/instructions.ts';
import { readWorkbookFile } from '../xlsx/read-workbook.ts';
import { LISTS_SHEET, writeWorkbookBuffer } from '../xlsx/write-workbook.ts';
import { CliError, parseCommandArgs } from './command.ts';

const HELP = `Usage: demo-data analyze <taxonomy.xlsx> [options]

Turns a taxonomy workbook into simulation rules. Uses AI when a provider is configured
(ANTHROPIC_API_KEY / OPENAI_API_KEY, or ANTHROPIC_BASE_URL / OPENAI_BASE_URL for a local or
compatible server; DEMO_DATA_AI_PROVIDER and DEMO_DATA_AI_MODEL choose), the offline analyzer
otherwise. AI answers are cached by taxonomy, so an unchanged workbook costs nothing the second time.

Options:
  --out FILE        write the rules as JSON to FILE
  --json            print the rules as JSON (default: a readable summary)
  --sheets FILE     write a copy of the workbook with the rules as editable sheets
  --offline         use the offline analyzer even when a provider is configured
  --cache-dir DIR   cache folder (default: ${defaultCacheDir()})
  --no-cache        neither read nor write the cache
  -h, --help        show this help
`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    out: { type: 'string' },
    json: { type: 'boolean' },
    sheets: { type: 'string' },
    offline: { type: 'boolean' },
    'cache-dir': { type: 'string' },
    'no-cache': { type: 'boolean' },
  }, HELP);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new CliError(`expected one workbook file.\n\n${HELP}`, 2);
  const file = positionals[0]!;

  const env = values.offline ? undefined : providerFromEnv();
  if (env instanceof Error) throw new CliError(env.message, 2);

  const grids = await readGrids(file);
  const { taxonomy, issues } = parseWorkbook(grids);
  if (hasErrors(issues)) {
    const lines = issues.filter((i) => i.severity === 'error').map((i) => `  ${formatAddress(i)}: ${i.message}`);
    throw new CliError(`${basename(file)} has errors; fix them first (demo-data validate shows all issues):\n${lines.join('\n')}`, 1);
  }

  const cache = values['no-cache'] ? undefined : diskCache(values['cache-dir'] ?? defaultCacheDir());
  const result = await analyzeTaxonomy({ taxonomy, provider: env?.provider, cache }).catch((err: unknown) => {
    if (err instanceof AiError) throw new CliError(err.message, 4);
    throw err;
  });

  const origin =
    result.source === 'ai' ? `AI (${describeProvider(env!)})` : result.source === 'cache' ? `the cache of an earlier AI answer (${describeProvider(env!)})` : 'the offline analyzer';
  process.stderr.write(`Rules from ${origin}.\n`);
  for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  if (result.source === 'ai') process.stderr.write(`${formatUsage(result.usage)}\n`);

  if (values.out) {
    await writeFileAtomic(values.out, `${JSON.stringify(result.rules, null, 2)}\n`);
    process.stderr.write(`Wrote ${values.out}.\n`);
  }
  if (values.sheets) {
    await writeFileAtomic(values.sheets, await workbookWithRules(grids, result.rules, taxonomy));
    process.stderr.write(`Wrote ${values.sheets} with the rules in sheets ${Object.values(RULES_SHEETS).map((s) => `'${s}'`).join(', ')}.\n`);
  }
  if (values.json) process.stdout.write(`${JSON.stringify(result.rules, null, 2)}\n`);
  else if (!values.out && !values.sheets) process.stdout.write(summarise(result.rules));
  return 0;
}

async function readGrids(file: string): Promise<SheetGrid[]> {
  try {
    return await readWorkbookFile(file);
  } catch (err) {
    if (err instanceof WorkbookReadError) throw new CliError(err.message, 3);
    throw err;
  }
}

/** The user's sheets as they were, earlier rules sheets replaced, the new ones appended. */
async function workbookWithRules(grids: SheetGrid[], rules: Rules, taxonomy: Taxonomy): Promise<Buffer> {
  const generated = new Set<string>([...INSTRUCTION_SHEET_NAMES, LISTS_SHEET, ...Object.values(RULES_SHEETS)]);
  const kept = grids.filter((g) => !generated.has(g.name));
  return writeWorkbookBuffer([...kept, ...rulesToSheets(rules)], { language: taxonomy.product.language });
}

const pct = (x: number, total: number) => `${Math.round((100 * x) / (total || 1))}%`;

export function summarise(r: Rules): string {
  const shareTotal = (xs: { share: number }[]) => xs.reduce((n, x) => n + x.share, 0);
  const segTotal = shareTotal(r.segments);
  const lines = [
    `Segments: ${r.segments.map((s) => `${s.name} ${pct(s.share, segTotal)} (day-1 activity ${s.activity.day1}, payer ${s.payer})`).join('; ')}`,
    `Lifecycle: ${r.lifecycle.map((s) => (s.enterOn ? `${s.name} (on ${s.enterOn})` : s.name)).join(' → ')}`,
    `Events: ${r.events.length}; session start: ${names(r.events.filter((e) => e.placement === 'session_start'))}; once per user: ${names(r.events.filter((e) => e.oncePerUser))}; payments: ${names(r.events.filter((e) => e.payment))}`,
    ...r.funnels.map((f) => `Funnel ${f.funnel}: ${f.steps.join(' → ')} (conversion ${f.stepConversion.join(', ')})`),
    ...r.timeline.map((t) => `Timeline ${t.name}: days ${t.fromDay}–${t.toDay}, activity ×${t.activity}, acquisition ×${t.acquisition}${t.events.length ? `, ${t.events.map((e) => `${e.event} ×${e.multiplier}`).join(', ')}` : ''}`),
    `Countries: ${r.countries.map((c) => `${c.country} ${pct(c.share, shareTotal(r.countries))}`).join(', ')}; platforms: ${r.platforms.map((p) => `${p.platform} ${pct(p.share, shareTotal(r.platforms))}`).join(', ')}`,
    `Property rules: ${r.properties.length}; user property updates: ${r.userUpdates.length}; sequences: ${r.sequences.length}`,
  ];
  return `${lines.join('\n')}\n`;
}

function names(xs: { event: string }[]): string {
  return xs.length ? xs.map((x) => x.event).join(', ') : '-';
}
