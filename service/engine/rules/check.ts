/**
 * Rules against the taxonomy: every name a rule mentions exists, formulas compile against the names
 * they may read, shares can pick something, and every value a rule gives a property has the
 * property's type (TE locks types on first sight). Issues carry a JSON path and a message precise
 * enough to show a user or to feed back to a model that must correct its answer.
 */
import type { Taxonomy } from '../../../taxonomy/model.ts';
import { indexTaxonomy } from './check/index-taxonomy.ts';
import { IssueList, type RuleIssue } from './check/issues.ts';
import { checkMonetization, checkPropertyRules, checkUserUpdates } from './check/properties.ts';
import { checkEvents, checkFunnels, checkLifecycle, checkMixes, checkSequences } from './check/structure.ts';
import type { Rules } from './schema.ts';

export type { RuleIssue } from './check/issues.ts';

export function checkRulesAgainstTaxonomy(rules: Rules, taxonomy: Taxonomy): RuleIssue[] {
  const index = indexTaxonomy(taxonomy);
  const issues = new IssueList();
  checkEvents(rules, index, issues);
  checkLifecycle(rules, index, issues);
  checkSequences(rules, index, issues);
  checkFunnels(rules, index, issues);
  checkPropertyRules(rules, index, issues);
  checkUserUpdates(rules, index, issues);
  checkMonetization(rules, index, issues);
  checkMixes(rules, index, issues);
  return issues.items;
}

export function ruleErrors(issues: readonly RuleIssue[]): RuleIssue[] {
  return issues.filter((i) => i.severity === 'error');
}
