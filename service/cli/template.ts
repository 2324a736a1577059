/** `demo-data template --lang ko <out.xlsx>`: an empty, formatted taxonomy workbook to fill in. */
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { emptyTaxonomy, LANGUAGES, LanguageSchema } from '../../taxonomy/index.ts';
import { writeTaxonomyWorkbook } from '../xlsx/index.ts';
import { CliError } from './command.ts';
import { fileArgument, parseCommandArgs } from './command.ts';

const HELP = `Usage: demo-data template [--lang en|ko|zh|ja] <out.xlsx>

Writes an empty taxonomy workbook: an instructions sheet, the Product, Events, Event Properties,
Common Properties, User Properties and Funnels sheets with styled, frozen headers, and dropdowns on
the type and update-method columns, all in the chosen language.

Options:
  --lang L     workbook language: ${LANGUAGES.join(', ')} (default: en)
  --force      overwrite <out.xlsx> if it exists
  -h, --help   show this help
`;

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs(argv, { lang: { type: 'string', short: 'l' }, force: { type: 'boolean' } }, HELP);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const out = fileArgument(positionals, 'template');
  const lang = LanguageSchema.safeParse(values.lang ?? 'en');
  if (!lang.success) throw new CliError(`--lang must be one of ${LANGUAGES.join(', ')}, not "${String(values.lang)}"`, 2);
  if (!/\.xlsx$/i.test(out)) throw new CliError(`the output must be an .xlsx file name, not "${out}"`, 2);
  const dir = dirname(out);
  if (!(await stat(dir).then((s) => s.isDirectory(), () => false))) throw new CliError(`the folder ${dir} does not exist: create it first`, 2);
  if (!values.force && (await exists(out))) throw new CliError(`${out} already exists: choose another name or add --force to overwrite it`, 2);

  const taxonomy = emptyTaxonomy();
  taxonomy.product.language = lang.data;
  try {
    await writeTaxonomyWorkbook(out, taxonomy, lang.data);
  } catch (err) {
    throw new CliError(`cannot write ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 2);
  }
  process.stdout.write(`Wrote ${out} (${lang.data}). Fill it in, then run: demo-data validate ${out}\n`);
  return 0;
}
