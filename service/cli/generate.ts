/** `demo-data generate`: workbook → rules (offline or a file) → a run directory of daily JSONL files. */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatAddress, hasErrors } from '../../taxonomy/index.ts';
import type { Taxonomy } from '../../taxonomy/model.ts';
import { analyzeOffline } from '../engine/analyzer/offline.ts';
import { generateRun, GenerateError, type GenerateProgress, type Rules, RulesSchema } from '../engine/index.ts';
import { loadTaxonomyFile } from '../xlsx/index.ts';
import { CliError } from './command.ts';

const HELP = `Usage: demo-data generate <file.xlsx> --out DIR [options]

Simulates users of the product described by the workbook and writes ThinkingEngine JSONL files,
one per local date, plus run.json, insights.json and report.html.

Options:
  --from yyyy-MM-dd   first day (default: the Product sheet's start date)
  --days N            number of days (default: Product sheet, else 30)
  --dau N             target daily active users (default: Product sheet, else 1000)
  --seed N            random seed; the same seed gives the same files (default: Product sheet, else 1)
  --out DIR           run directory to create (required)
  --workers N         worker threads (default: 2; 1 on a single core, or with --gzip on two)
  --gzip              write .jsonl.gz files
  --rules FILE        rules JSON (from 'demo-data analyze'); default: the offline analyzer
  -h, --help          show this help
`;

function int(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new CliError(`--${name} must be a whole number of at least ${min}, not "${text}"`, 2);
  return n;
}

async function loadTaxonomy(path: string): Promise<Taxonomy> {
  let parsed;
  try {
    parsed = await loadTaxonomyFile(path);
  } catch (err) {
    throw new CliError(`cannot read ${path}: ${(err as Error).message}`, 3);
  }
  const { taxonomy, issues } = parsed;
  if (hasErrors(issues)) {
    const lines = issues.filter((i) => i.severity === 'error').slice(0, 20).map((i) => `  ${formatAddress(i)}: ${i.message}`);
    throw new CliError(`the workbook has errors; fix them and run again (demo-data validate lists them all):\n${lines.join('\n')}`, 1);
  }
  return taxonomy;
}

async function loadRules(path: string): Promise<Rules> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new CliError(`cannot read rules from ${path}: ${(err as Error).message}`, 3);
  }
  const result = RulesSchema.safeParse(json);
  if (!result.success) {
    const i = result.error.issues[0]!;
    throw new CliError(`${path}: rules.${i.path.join('.')}: ${i.message}. Fix the file or regenerate it with 'demo-data analyze'.`, 1);
  }
  return result.data;
}

function progressBar(): (p: GenerateProgress) => void {
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  return (p) => {
    if (p.phase === 'calibrating') {
      process.stderr.write('calibrating rates to the targets…\n');
      return;
    }
    if (p.phase !== 'generating') return;
    const width = 30;
    const filled = Math.round((p.day / p.days) * width);
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.day}/${p.days} days  ${p.records.toLocaleString('en-US')} records  ${(p.bytes / 1e6).toFixed(1)} MB`;
    if (tty) process.stderr.write(`\r${line}${p.day === p.days ? '\n' : ''}`);
    else {
      const tenth = Math.floor((p.day / p.days) * 10);
      if (tenth !== lastTenth) process.stderr.write(`${line}\n`);
      lastTenth = tenth;
    }
  };
}

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        from: { type: 'string' },
        days: { type: 'string' },
        dau: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        workers: { type: 'string' },
        gzip: { type: 'boolean' },
        rules: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${HELP}`, 2);
  }
  const { values: v, positionals } = parsed;
  if (v.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CliError(`give exactly one workbook file\n\n${HELP}`, 2);
  if (!v.out) throw new CliError('--out DIR is required: the run directory to write', 2);

  const taxonomy = await loadTaxonomy(file);
  const rules = v.rules ? await loadRules(v.rules) : analyzeOffline(taxonomy);
  const product = taxonomy.product;
  const startDate = v.from ?? product.startDate;
  if (!startDate) throw new CliError('no start date: pass --from yyyy-MM-dd or fill the start date on the Product sheet', 2);
  const params = {
    startDate,
    days: int('days', v.days, 1) ?? product.days ?? 30,
    dau: int('dau', v.dau, 1) ?? product.targetDau ?? 1000,
    seed: int('seed', v.seed, 0) ?? product.seed ?? 1,
    gzip: v.gzip ?? false,
    ...(v.workers ? { workers: int('workers', v.workers, 1)! } : {}),
  };
  const controller = new AbortController();
  const onSigint = () => controller.abort(new Error('cancelled by the user (Ctrl-C); nothing was left half-written'));
  process.once('SIGINT', onSigint);
  const started = performance.now();
  let manifest;
  try {
    manifest = await generateRun({ taxonomy, rules, params, outDir: v.out, signal: controller.signal, onProgress: progressBar() });
  } catch (err) {
    if (err instanceof GenerateError) throw new CliError(err.message, 1);
    if (controller.signal.aborted) throw new CliError((err as Error).message, 1);
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(summary(manifest, seconds, v.out));
  return 0;
}

function summary(m: Awaited<ReturnType<typeof generateRun>>, seconds: number, out: string): string {
  const rows: [string, string][] = [
    ['run directory', out],
    ['days', `${m.params.startDate} + ${m.params.days}`],
    ['users active', m.counts.users.toLocaleString('en-US')],
    ['records', m.counts.records.toLocaleString('en-US')],
    ...Object.entries(m.counts.byType).map(([k, n]): [string, string] => [`  ${k}`, n.toLocaleString('en-US')]),
    ['size', `${(m.files.reduce((s, f) => s + f.bytes, 0) / 1e6).toFixed(1)} MB in ${m.files.length} files`],
    ['time', `${seconds.toFixed(1)} s (${Math.round(m.counts.records / seconds).toLocaleString('en-US')} records/s)`],
  ];
  for (const t of m.insights.targets) {
    const fmt = (x: number | null) => (x === null ? '–' : t.metric === 'dau' ? x.toFixed(0) : `${(x * 100).toFixed(1)} %`);
    const verdict = t.met ? 'met' : t.noise ? `off by sampling noise (read from ${t.sample!.toLocaleString('en-US')} users)` : t.measured ? 'MISSED' : 'not measurable in this range';
    rows.push([`target ${t.metric}`, `${fmt(t.achieved)} (target ${fmt(t.target)}) ${verdict}`]);
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  const warnings = m.calibration.warnings.map((w) => `warning: ${w}\n`).join('');
  return `${rows.map(([k, val]) => `${k.padEnd(width)}  ${val}`).join('\n')}\n${warnings}`;
}
