/**
 * User traits fixed when a user is created; generators can copy them into properties. Apart from
 * the rules schema so the simulator's workers can read them without loading zod.
 */
export const USER_TRAITS = [
  'segment', 'country', 'time_zone', 'locale', 'platform', 'channel', 'utm_source', 'utm_medium', 'utm_campaign',
  'device_model', 'os_version', 'app_version', 'install_time', 'account_id', 'distinct_id', 'user_index',
] as const;
