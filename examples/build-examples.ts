/**
 * Builds examples/<name>.xlsx from the typed taxonomies beside this file (`npm run examples`).
 * Rendering is deterministic, so a rebuild parses to the same taxonomy; the build refuses to write
 * a workbook that does not read back to exactly what was defined, or that has validation errors.
 */
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { formatAddress, hasErrors, type Taxonomy } from '../taxonomy/index.ts';
import { loadTaxonomyBuffer, taxonomyWorkbookBuffer, writeFileAtomic } from '../service/xlsx/index.ts';
import { ecommerce } from './ecommerce.ts';
import { mobileGame } from './mobile-game.ts';
import { saas } from './saas.ts';

export const EXAMPLES: Record<string, Taxonomy> = {
  'mobile-game': mobileGame,
  ecommerce,
  saas,
};

export async function buildExample(name: string, taxonomy: Taxonomy, dir: string): Promise<string> {
  const buf = await taxonomyWorkbookBuffer(taxonomy, taxonomy.product.language);
  const { taxonomy: readBack, issues } = await loadTaxonomyBuffer(buf, { label: `${name}.xlsx` });
  if (hasErrors(issues)) {
    const lines = issues.filter((i) => i.severity === 'error').map((i) => `  ${formatAddress(i)}: ${i.message}`);
    throw new Error(`${name} has validation errors:\n${lines.join('\n')}`);
  }
  if (!isDeepStrictEqual(readBack, taxonomy)) throw new Error(`${name}.xlsx does not read back to the taxonomy in ${name}.ts`);
  const path = join(dir, `${name}.xlsx`);
  await writeFileAtomic(path, buf);
  return path;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? import.meta.dirname;
  for (const [name, taxonomy] of Object.entries(EXAMPLES)) {
    const path = await buildExample(name, taxonomy, dir);
    process.stdout.write(`${path}: ${taxonomy.events.length} events, ${taxonomy.funnels.length} funnels\n`);
  }
}
