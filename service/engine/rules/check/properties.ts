/** Checks of property rules, user-property updates and monetization against the taxonomy's types. */
import type { PropertyType } from '../../../../taxonomy/model.ts';
import type { Rules } from '../schema.ts';
import { checkGenerator, valueFits } from './generators.ts';
import { hint, type IssueList } from './issues.ts';
import type { TaxonomyIndex } from './index-taxonomy.ts';
import { checkEventName } from './structure.ts';

export function checkPropertyRules(rules: Rules, index: TaxonomyIndex, issues: IssueList): void {
  const allProps = [...index.propertyTypes.keys()];
  rules.properties.forEach((r, i) => {
    const path = `properties[${i}]`;
    const type = index.propertyTypes.get(r.property);
    if (!type) {
      const isUser = index.userPropertyTypes.has(r.property);
      issues.error(
        `${path}.property`,
        'property.unknown',
        isUser
          ? `"${r.property}" is a user property; set it through userUpdates or initialUserProperties, not properties[].`
          : `Property "${r.property}" is not on the taxonomy's Event or Common Properties sheets.${hint(r.property, allProps)}`,
      );
      return;
    }
    let events: string[];
    if (r.event !== undefined) {
      if (!checkEventName(r.event, `${path}.event`, index, issues)) return;
      if (!index.carried(r.event).has(r.property)) {
        issues.error(`${path}.event`, 'property.not_carried', `Event "${r.event}" does not carry property "${r.property}"; add it to the event's properties in the taxonomy, or use a property the event has.`);
        return;
      }
      events = [r.event];
    } else {
      events = index.events.filter((e) => index.carried(e).has(r.property));
      if (events.length === 0) issues.warn(`${path}.property`, 'property.unused', `No event carries property "${r.property}", so this rule is never used.`);
    }
    const label = `property "${r.property}"${r.event ? ` on event "${r.event}"` : ''}`;
    checkGenerator(r.value, { path: `${path}.value`, label, property: r.property, type, events }, rules, index, issues);
  });
}

export function checkUserUpdates(rules: Rules, index: TaxonomyIndex, issues: IssueList): void {
  const userProps = [...index.userPropertyTypes.keys()];
  rules.userUpdates.forEach((u, i) => {
    const path = `userUpdates[${i}]`;
    const eventOk = checkEventName(u.event, `${path}.event`, index, issues);
    const type = index.userPropertyTypes.get(u.property);
    if (!type) {
      issues.error(`${path}.property`, 'user_property.unknown', `User property "${u.property}" is not on the taxonomy's User Properties sheet.${hint(u.property, userProps)}`);
      return;
    }
    const declared = index.userPropertyUpdates.get(u.property);
    if (declared && declared !== u.method) {
      issues.warn(`${path}.method`, 'user_update.method_differs', `The taxonomy says "${u.property}" changes by ${declared}, but this rule uses ${u.method}.`);
    }
    const label = `user property "${u.property}"`;
    if (u.method === 'add' && type !== 'number') {
      issues.error(`${path}.method`, 'user_update.add_type', `"add" only works on number user properties, and "${u.property}" is a ${type}; use set instead.`);
      return;
    }
    if ((u.method === 'append' || u.method === 'uniq_append') && type !== 'list') {
      issues.error(`${path}.method`, 'user_update.append_type', `"${u.method}" only works on list user properties, and "${u.property}" is a ${type}; use set instead.`);
      return;
    }
    // What the operation writes: add takes a number, append takes string elements.
    const wanted: PropertyType = u.method === 'add' ? 'number' : type;
    const v = u.value;
    const at = `${path}.value`;
    switch (v.kind) {
      case 'event_property': {
        if (!eventOk) return;
        if (!index.carried(u.event).has(v.property)) {
          issues.error(`${at}.property`, 'property.not_carried', `Event "${u.event}" does not carry property "${v.property}".${hint(v.property, [...index.carried(u.event)])}`);
          return;
        }
        const source = index.propertyTypes.get(v.property);
        const fits = source === wanted || (wanted === 'list' && (source === 'string' || source === 'list'));
        if (source && !fits) {
          issues.error(`${at}.property`, 'value.type_mismatch', `${label} takes ${wanted === 'list' ? 'strings' : `a ${wanted}`} here, but event property "${v.property}" is a ${source}.`);
        }
        return;
      }
      case 'constant':
        if (!valueFits(v.value, wanted)) issues.error(`${at}.value`, 'value.type_mismatch', `${label} takes ${wanted === 'list' ? 'strings' : `a ${wanted}`} here, but the constant ${JSON.stringify(v.value)} is not.`);
        return;
      case 'event_time':
        if (wanted !== 'time' && wanted !== 'list') issues.error(`${at}.kind`, 'value.type_mismatch', `${label} is a ${wanted}, but event_time writes a time.`);
        return;
      case 'event_name':
        if (wanted !== 'string' && wanted !== 'list') issues.error(`${at}.kind`, 'value.type_mismatch', `${label} is a ${wanted}, but event_name writes a string.`);
        return;
      case 'generated':
        checkGenerator(v.value, { path: `${at}.value`, label, property: u.property, type: wanted, events: eventOk ? [u.event] : [] }, rules, index, issues);
    }
  });
  rules.initialUserProperties.forEach((p, i) => {
    const path = `initialUserProperties[${i}]`;
    const type = index.userPropertyTypes.get(p.property);
    if (!type) {
      issues.error(`${path}.property`, 'user_property.unknown', `User property "${p.property}" is not on the taxonomy's User Properties sheet.${hint(p.property, userProps)}`);
      return;
    }
    checkGenerator(p.value, { path: `${path}.value`, label: `user property "${p.property}"`, property: p.property, type, events: [] }, rules, index, issues);
  });
}

export function checkMonetization(rules: Rules, index: TaxonomyIndex, issues: IssueList): void {
  const prop = rules.monetization.revenueProperty;
  if (!/^[A-Z]{3}$/.test(rules.monetization.currency)) {
    issues.warn('monetization.currency', 'currency.code', `Currency "${rules.monetization.currency}" is not an ISO 4217 code such as "USD" or "KRW".`);
  }
  if (prop === undefined) return;
  const type = index.propertyTypes.get(prop);
  if (!type) {
    issues.error('monetization.revenueProperty', 'property.unknown', `Revenue property "${prop}" is not an event property in the taxonomy.${hint(prop, [...index.propertyTypes.keys()])}`);
    return;
  }
  if (type !== 'number') issues.error('monetization.revenueProperty', 'value.type_mismatch', `Revenue property "${prop}" must be a number, but the taxonomy says ${type}.`);
  rules.events.forEach((e, i) => {
    if (e.payment && index.eventSet.has(e.event) && !index.carried(e.event).has(prop)) {
      issues.warn(`events[${i}].payment`, 'payment.no_amount', `Payment event "${e.event}" does not carry the revenue property "${prop}", so its payments count no revenue.`);
    }
  });
}
