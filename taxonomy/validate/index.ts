/**
 * `validateTaxonomy`: every problem ThinkingEngine or the generator would have with a taxonomy,
 * addressed by field path on its canonical sheet. `parseWorkbook` maps the paths to cells.
 */
import type { TaxonomyIssue } from '../issues.ts';
import type { Taxonomy } from '../model.ts';
import { collectIssues } from './issue.ts';
import { checkNames } from './names.ts';
import { checkLimits, checkProduct } from './product.ts';
import { checkReferences } from './references.ts';
import { checkValues } from './values.ts';

export function validateTaxonomy(t: Taxonomy): TaxonomyIssue[] {
  return collectIssues((sink) => {
    checkProduct(t, sink);
    checkNames(t, sink);
    checkReferences(t, sink);
    checkValues(t, sink);
    checkLimits(t, sink);
  });
}
