/**
 * Every example workbook shipped in examples/ yields offline rules that pass the schema and every
 * rules check: the examples are what a new user tries first.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTaxonomyFile } from '../../xlsx/index.ts';
import { checkRulesAgainstTaxonomy, ruleErrors } from '../rules/check.ts';
import { RulesSchema } from '../rules/schema.ts';
import { analyzeOffline } from './offline.ts';

const dir = join(import.meta.dirname, '../../../examples');
const workbooks = readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort();

describe('offline rules for the example workbooks', () => {
  it('finds the three shipped examples', () => {
    expect(workbooks).toEqual(['ecommerce.xlsx', 'mobile-game.xlsx', 'saas.xlsx']);
  });

  it.each(workbooks)('%s', async (file) => {
    const { taxonomy } = await loadTaxonomyFile(join(dir, file));
    const rules = analyzeOffline(taxonomy);
    expect(RulesSchema.safeParse(rules).success).toBe(true);
    expect(ruleErrors(checkRulesAgainstTaxonomy(rules, taxonomy))).toEqual([]);
    expect(rules.events.length).toBeGreaterThan(0);
  });
});
