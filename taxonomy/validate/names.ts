/**
 * Names as ThinkingEngine sees them: the name rule, `#` presets, system fields that must never be
 * sent, duplicates (TE lowercases names, so case-only differences collide) and the type lock (one
 * property name must keep one type across event, common and user properties).
 */
import type { PropertyType, Taxonomy } from '../model.ts';
import type { IssueSink } from './issue.ts';

const TE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;

/** Preset properties a client SDK fills (TE-FORMAT §2); a taxonomy may define them to shape values. */
export const PRESET_PROPERTIES: ReadonlySet<string> = new Set([
  '#os', '#os_version', '#device_model', '#device_type', '#manufacturer', '#device_id', '#screen_width', '#screen_height',
  '#app_version', '#bundle_id', '#install_time', '#network_type', '#carrier', '#system_language', '#zone_offset', '#lib',
  '#lib_version', '#duration', '#browser', '#browser_version', '#ua', '#url', '#url_path', '#referrer', '#referrer_host',
  '#title', '#ip', '#country', '#country_code', '#province', '#city',
]);
/** Fields TE computes itself; sending them is an error (TE-FORMAT §2). */
export const SYSTEM_FIELDS: ReadonlySet<string> = new Set(['#user_id', '#event_time', '#server_time', '$part_event', '$part_date', '#active_time', '#reg_time', '#update_time']);
/** Record header fields the generator writes itself; they are not properties. */
const HEADER_FIELDS: ReadonlySet<string> = new Set(['#type', '#time', '#account_id', '#distinct_id', '#event_name', '#event_id', '#first_check_id', '#uuid', '#app_id']);

type Section = 'eventProperties' | 'commonProperties' | 'userProperties';
const SECTIONS: readonly Section[] = ['eventProperties', 'commonProperties', 'userProperties'];
const SECTION_LABEL: Record<Section, string> = { eventProperties: 'Event Properties', commonProperties: 'Common Properties', userProperties: 'User Properties' };

function checkPropertyName(name: string, path: string, sink: IssueSink): void {
  const lower = name.toLowerCase();
  if (name === '') return sink('error', 'name.empty', path, 'The property has no name: fill it in or delete the row.');
  if (SYSTEM_FIELDS.has(lower)) return sink('error', 'name.system_field', path, `"${name}" is computed by ThinkingEngine and must never be sent: delete this row.`);
  if (HEADER_FIELDS.has(lower)) return sink('error', 'name.header_field', path, `"${name}" is a record field the generator writes itself, not a property: delete this row.`);
  if (name.startsWith('#')) {
    if (!PRESET_PROPERTIES.has(lower)) sink('error', 'name.unknown_preset', path, `"${name}" starts with # but is not a ThinkingEngine preset property, and TE drops such keys: remove the # or use a preset such as #os or #app_version.`);
    return;
  }
  const segments = name.split('.');
  if (segments.length > 2) return sink('error', 'name.nested_too_deep', path, `"${name}" nests more than one level: name object children parent.child, one dot only.`);
  const bad = segments.find((s) => !TE_NAME.test(s));
  if (bad !== undefined) {
    sink('error', 'name.invalid', path, `"${name}" breaks ThinkingEngine's name rule (a letter, then up to 49 letters, digits or underscores${segments.length > 1 ? ' in each dotted part' : ''}): rename it, e.g. "${suggestName(bad)}".`);
  }
}

/** A name that follows the TE rule, close to what the user wrote. */
export function suggestName(name: string): string {
  let s = name.normalize('NFKD').replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (!/^[A-Za-z]/.test(s)) s = `p_${s}`;
  return s.slice(0, 50) || 'property_name';
}

export function checkNames(t: Taxonomy, sink: IssueSink): void {
  // Events: the name rule and case-insensitive duplicates.
  const events = new Map<string, string>();
  t.events.forEach((e, i) => {
    const path = `events[${i}].name`;
    if (e.name === '') return sink('error', 'name.empty', path, 'The event has no name: fill it in or delete the row.');
    if (!TE_NAME.test(e.name)) {
      sink('error', 'name.invalid', path, `"${e.name}" breaks ThinkingEngine's event name rule (a letter, then up to 49 letters, digits or underscores; no # or dots): rename it, e.g. "${suggestName(e.name)}".`);
    }
    const first = events.get(e.name.toLowerCase());
    if (first !== undefined) {
      sink('error', 'name.duplicate', path, first === e.name
        ? `The event "${e.name}" is defined twice: merge the two rows.`
        : `The event "${e.name}" differs from "${first}" only in case, and ThinkingEngine treats them as one: use one spelling.`);
    } else events.set(e.name.toLowerCase(), e.name);
  });

  // Properties: per section duplicates, then the type lock across all sections.
  const typeOf = new Map<string, { type: PropertyType; section: Section; name: string }>();
  for (const section of SECTIONS) {
    const seen = new Map<string, string>();
    t[section].forEach((p, i) => {
      const path = `${section}[${i}].name`;
      checkPropertyName(p.name, path, sink);
      if (p.name === '') return;
      const lower = p.name.toLowerCase();
      const first = seen.get(lower);
      const locked = typeOf.get(lower);
      if (!locked) typeOf.set(lower, { type: p.type, section, name: p.name });
      if (locked && locked.type !== p.type) {
        // A repeated name with another type is reported once, as the conflict TE would act on.
        sink('error', 'property.type_conflict', `${section}[${i}].type`, `"${p.name}" is ${p.type} here but ${locked.type} in ${SECTION_LABEL[locked.section]}; ThinkingEngine locks a property's first type and stores later values of another type as empty: use one type, or rename one of them.`);
      } else if (first !== undefined) {
        sink('error', 'name.duplicate', path, first === p.name
          ? `The property "${p.name}" is defined twice in ${SECTION_LABEL[section]}: keep one row.`
          : `The property "${p.name}" differs from "${first}" only in case, and ThinkingEngine treats them as one: use one spelling.`);
      } else if (locked && locked.section !== section && section !== 'userProperties' && locked.section !== 'userProperties') {
        sink('warning', 'property.defined_twice', path, `"${p.name}" is defined both in ${SECTION_LABEL[locked.section]} and ${SECTION_LABEL[section]}: keep one definition so its allowed values are not ambiguous.`);
      }
      if (first === undefined) seen.set(lower, p.name);
    });
  }
}
