/**
 * `demo-data draft "idle RPG with guilds and gacha" --lang ko --out draft.xlsx`: asks the configured
 * AI provider for a taxonomy and writes it as a formatted workbook. With --into, the draft is merged
 * into an existing workbook's taxonomy without replacing any of its rows.
 */
import { emptyTaxonomy, formatAddress, hasErrors, LanguageSchema, validateTaxonomy, mergeAdditions, parseWorkbook, PlatformSchema, renderWorkbook, type Taxonomy } from '../../taxonomy/index.ts';
import { AnswerRejectedError } from '../ai/ask.ts';
import { defaultCacheDir, describeProvider, formatUsage, providerFromEnv, writeFileAtomic } from '../ai/cli-support.ts';
import { diskCache } from '../ai/disk-cache.ts';
import { draftTaxonomy } from '../ai/draft/draft.ts';
import { AiError } from '../ai/provider.ts';
import { WorkbookReadError } from '../xlsx/errors.ts';
import { readWorkbookFile } from '../xlsx/read-workbook.ts';
import { writeWorkbookBuffer } from '../xlsx/write-workbook.ts';
import { CliError, parseCommandArgs } from './command.ts';

const HELP = `Usage: demo-data draft "<product description>" --out draft.xlsx [options]

Asks AI to draft a taxonomy (events, properties, user properties, funnels, targets) and writes it
as a formatted workbook. Needs a provider: ANTHROPIC_API_KEY or OPENAI_API_KEY (or
ANTHROPIC_BASE_URL / OPENAI_BASE_URL for a local or compatible server).

Options:
  --out FILE          workbook to write (required)
  --lang LANG         en, ko, zh or ja: language of the sheets, display names and descriptions (default en)
  --industry TEXT     e.g. game, ecommerce, saas
  --platform LIST     comma-separated: ios, android, web, pc, mini_program
  --events N          at most N events (default 25; above 30 the draft is made in stages)
  --into FILE         merge the draft into this workbook's taxonomy (its rows are never replaced)
  --cache-dir DIR     cache folder (default: ${defaultCacheDir()})
  --no-cache          neither read nor write the cache
  -h, --help          show this help
`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, {
    out: { type: 'string' },
    lang: { type: 'string', default: 'en' },
    industry: { type: 'string' },
    platform: { type: 'string' },
    events: { type: 'string' },
    into: { type: 'string' },
    'cache-dir': { type: 'string' },
    'no-cache': { type: 'boolean' },
  }, HELP);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const description = positionals.join(' ').trim();
  if (!description) throw new CliError(`give a product description in quotes.\n\n${HELP}`, 2);
  if (!values.out) throw new CliError('--out FILE is required (the workbook to write).', 2);
  const language = LanguageSchema.safeParse(values.lang);
  if (!language.success) throw new CliError(`--lang must be en, ko, zh or ja (got '${values.lang}').`, 2);
  const platforms = (values.platform ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const badPlatform = platforms.find((p) => !PlatformSchema.safeParse(p).success);
  if (badPlatform) throw new CliError(`--platform '${badPlatform}' is not one of ios, android, web, pc, mini_program.`, 2);
  const maxEvents = values.events === undefined ? undefined : Number(values.events);
  if (maxEvents !== undefined && !(Number.isInteger(maxEvents) && maxEvents >= 1 && maxEvents <= 500)) {
    throw new CliError(`--events must be a whole number from 1 to 500 (got '${values.events}').`, 2);
  }

  const env = providerFromEnv();
  if (env instanceof Error) throw new CliError(env.message, 2);
  if (!env) {
    throw new CliError('drafting needs an AI provider: set ANTHROPIC_API_KEY or OPENAI_API_KEY (or ANTHROPIC_BASE_URL / OPENAI_BASE_URL for a local server).', 2);
  }
  const existing = values.into ? await loadExisting(values.into) : undefined;
  const cache = values['no-cache'] ? undefined : diskCache(values['cache-dir'] ?? defaultCacheDir());

  process.stderr.write(`Drafting with ${describeProvider(env)} …\n`);
  const result = await draftTaxonomy(
    {
      description,
      language: language.data,
      platforms: platforms as Taxonomy['product']['platforms'],
      ...(values.industry ? { industry: values.industry } : {}),
      ...(existing ? { existing } : {}),
      ...(maxEvents ? { maxEvents } : {}),
    },
    { provider: env.provider, cache },
  ).catch((err: unknown) => {
    if (err instanceof AiError || err instanceof AnswerRejectedError) throw new CliError(`the AI draft failed: ${err.message}`, 4);
    throw err;
  });

  const base = existing ?? emptyTaxonomy();
  if (!existing) {
    base.product.language = language.data;
    base.product.description = description;
    if (values.industry) base.product.industry = values.industry;
  }
  const merged = mergeAdditions(base, result.additions);
  const buffer = await writeWorkbookBuffer(renderWorkbook(merged.taxonomy, language.data), { language: language.data });
  await writeFileAtomic(values.out, buffer);

  const t = merged.taxonomy;
  process.stdout.write(
    `Wrote ${values.out}: ${t.events.length} events, ${t.eventProperties.length} event properties, ${t.commonProperties.length} common properties, ${t.userProperties.length} user properties, ${t.funnels.length} funnels.\n`,
  );
  for (const d of result.dropped) process.stderr.write(`dropped ${d.kind} ${d.name}: ${d.reason}\n`);
  const fileIssues = validateTaxonomy(merged.taxonomy);
  for (const i of fileIssues) process.stderr.write(`${i.severity}: ${formatAddress(i)}: ${i.message}\n`);
  for (const s of merged.skipped) process.stderr.write(`kept yours: ${s.section} ${s.name}${s.field ? `.${s.field}` : ''}: ${s.reason}\n`);
  process.stderr.write(`${formatUsage(result.usage)}\n`);
  return 0;
}

async function loadExisting(file: string): Promise<Taxonomy> {
  let grids;
  try {
    grids = await readWorkbookFile(file);
  } catch (err) {
    if (err instanceof WorkbookReadError) throw new CliError(err.message, 3);
    throw err;
  }
  const { taxonomy, issues } = parseWorkbook(grids);
  if (hasErrors(issues)) throw new CliError(`${file} has errors; run 'demo-data validate ${file}' and fix them before drafting into it.`, 1);
  return taxonomy;
}
