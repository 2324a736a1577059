/**
 * Cross references: events → properties, object children → their parent, funnels → events, and
 * what each user property's update method needs from its type.
 */
import type { PropertyDef, Taxonomy } from '../model.ts';
import type { IssueSink } from './issue.ts';

const SECTIONS = ['eventProperties', 'commonProperties', 'userProperties'] as const;

export function checkReferences(t: Taxonomy, sink: IssueSink): void {
  const eventSide = new Map<string, PropertyDef>();
  const eventSideLower = new Map<string, string>();
  for (const p of [...t.eventProperties, ...t.commonProperties]) {
    if (!eventSide.has(p.name)) eventSide.set(p.name, p);
    if (!eventSideLower.has(p.name.toLowerCase())) eventSideLower.set(p.name.toLowerCase(), p.name);
  }

  t.events.forEach((e, i) => {
    const listed = new Set<string>();
    e.properties.forEach((name, j) => {
      const path = `events[${i}].properties[${j}]`;
      if (listed.has(name)) sink('warning', 'event.property_repeated', path, `"${name}" is listed twice on "${e.name}": list it once.`);
      listed.add(name);
      if (eventSide.has(name)) return;
      const other = eventSideLower.get(name.toLowerCase());
      if (other !== undefined) {
        sink('error', 'event.property_case', path, `"${name}" on "${e.name}" is defined as "${other}": write it exactly as defined (ThinkingEngine would merge the two spellings).`);
      } else {
        sink('error', 'event.unknown_property', path, `The event "${e.name}" lists "${name}", which is not defined: add it to Event Properties (or Common Properties), or remove it from the event.`);
      }
    });
  });

  for (const section of SECTIONS) {
    const byName = new Map<string, PropertyDef>();
    for (const p of t[section]) if (!byName.has(p.name)) byName.set(p.name, p);
    const parents = new Set(t[section].filter((p) => p.name.indexOf('.') > 0).map((p) => p.name.slice(0, p.name.indexOf('.'))));
    t[section].forEach((p, i) => {
      if ((p.type === 'object' || p.type === 'object_group') && !p.name.includes('.') && !parents.has(p.name)) {
        sink('warning', 'property.object_without_children', `${section}[${i}].name`, `"${p.name}" is an ${p.type.replace('_', ' ')} without children, so it would be sent empty: add rows named ${p.name}.child_name for its fields.`);
      }
      const dot = p.name.indexOf('.');
      if (dot <= 0 || p.name.startsWith('#')) return;
      const parentName = p.name.slice(0, dot);
      const parent = byName.get(parentName);
      const path = `${section}[${i}].name`;
      if (!parent) sink('error', 'property.child_without_parent', path, `"${p.name}" is an object child but "${parentName}" is not defined: add a row "${parentName}" of type object or object group.`);
      else if (parent.type !== 'object' && parent.type !== 'object_group') {
        sink('error', 'property.parent_not_object', path, `"${p.name}" is a child of "${parentName}", which is ${parent.type}: make "${parentName}" an object or object group, or rename this property without the dot.`);
      } else if (p.type === 'object' || p.type === 'object_group') {
        sink('error', 'property.nested_object', `${section}[${i}].type`, `"${p.name}" is an object inside an object, which ThinkingEngine does not store: flatten it into the parent's children.`);
      }
    });
  }

  t.userProperties.forEach((p, i) => {
    const path = `userProperties[${i}].update`;
    if (p.update === 'add' && p.type !== 'number') sink('error', 'property.update_type', path, `"${p.name}" is updated by add, which only works on numbers, but it is ${p.type}: make it a number or choose set.`);
    if ((p.update === 'append' || p.update === 'uniq_append') && p.type !== 'list') {
      sink('error', 'property.update_type', path, `"${p.name}" is updated by ${p.update}, which only works on lists, but it is ${p.type}: make it a list or choose set.`);
    }
  });

  const events = new Set(t.events.map((e) => e.name));
  const eventsLower = new Map(t.events.map((e) => [e.name.toLowerCase(), e.name]));
  const funnelNames = new Set<string>();
  t.funnels.forEach((f, i) => {
    const path = `funnels[${i}]`;
    if (funnelNames.has(f.name.toLowerCase())) sink('warning', 'funnel.duplicate', `${path}.name`, `The funnel "${f.name}" is defined twice: rename or delete one.`);
    funnelNames.add(f.name.toLowerCase());
    f.steps.forEach((step, j) => {
      if (events.has(step)) return;
      const spelled = eventsLower.get(step.toLowerCase());
      sink('error', 'funnel.unknown_event', `${path}.steps[${j}]`, spelled !== undefined
        ? `Step ${j + 1} of "${f.name}" is "${step}", but the event is spelled "${spelled}": write it exactly so.`
        : `Step ${j + 1} of "${f.name}" is "${step}", which is not an event: add it to Events or fix the spelling.`);
    });
    if (f.steps.length < 2) sink('warning', 'funnel.one_step', `${path}.steps`, `The funnel "${f.name}" has one step, so it measures nothing: add the steps that follow it.`);
    if (f.stepConversion.length > 0) {
      if (f.stepConversion.length !== f.steps.length) {
        sink('error', 'funnel.step_conversion_count', `${path}.stepConversion`, `"${f.name}" has ${f.steps.length} steps but ${f.stepConversion.length} step conversions: give one per step ("-" for the first), or leave the cell empty.`);
      } else if (f.stepConversion[0] !== null) {
        sink('warning', 'funnel.step_conversion_first', `${path}.stepConversion`, `The first step of "${f.name}" has no conversion to target, so ${f.stepConversion[0]} is ignored: write "-" for it.`);
      }
      if (f.stepConversion.some((c) => c !== null && !(c >= 0 && c <= 1))) {
        sink('error', 'funnel.step_conversion_range', `${path}.stepConversion`, `Step conversions of "${f.name}" must be between 0 and 1 (or percentages): fix the out-of-range ones.`);
      }
    }
    if (!(f.windowHours > 0)) sink('error', 'funnel.window', `${path}.windowHours`, `The time window of "${f.name}" must be a positive number of hours, e.g. 24.`);
  });
}
