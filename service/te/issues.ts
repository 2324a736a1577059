/** What is wrong with a record, in terms a user can act on. */

export const RECORD_ISSUE_CODES = [
  'not_object',
  'unknown_field',
  'system_field',
  'invalid_type',
  'invalid_time',
  'time_out_of_window',
  'missing_id',
  'invalid_id',
  'missing_event_name',
  'invalid_event_name',
  'missing_event_id',
  'invalid_field',
  'invalid_uuid',
  'invalid_ip',
  'missing_properties',
  'invalid_property_name',
  'unknown_preset',
  'name_collision',
  'invalid_value',
  'number_out_of_range',
  'text_too_long',
  'list_too_long',
  'list_item_invalid',
  'list_item_too_long',
  'object_too_many_keys',
  'object_group_too_long',
  'nested_too_deep',
  'mixed_array',
  'value_kind',
  'user_del_properties',
  'type_lock',
  'unknown_app_id',
] as const;
export type RecordIssueCode = (typeof RECORD_ISSUE_CODES)[number];

export interface RecordIssue {
  /** `#time`, `properties.level`, `properties.items[2].sku`, or `` for the record itself. */
  field: string;
  code: RecordIssueCode;
  message: string;
}

/** Issues about a property's value rather than the record's shape (TE's debug "errorLevel 1"). */
export function isPropertyIssue(issue: RecordIssue): boolean {
  return issue.field.startsWith('properties.') && issue.code !== 'system_field';
}

/** The top-level property an issue is about, or undefined for header issues. */
export function propertyOf(issue: RecordIssue): string | undefined {
  if (!issue.field.startsWith('properties.')) return undefined;
  const rest = issue.field.slice('properties.'.length);
  const end = rest.search(/[.[]/);
  return end === -1 ? rest : rest.slice(0, end);
}
