/**
 * Who a funnel is read among. A funnel with a once-per-user step after its first (app launch →
 * tutorial start) is an onboarding funnel: users from before the range finished it long ago, and
 * counting them would report their absence as drop-off. Such a funnel is read among the users new
 * in the range, as an analyst would filter it in ThinkingEngine.
 */
import type { Rules } from './schema.ts';

export function readsNewUsers(rules: Pick<Rules, 'events'>, steps: readonly string[]): boolean {
  const once = new Set(rules.events.filter((e) => e.oncePerUser).map((e) => e.event));
  return steps.some((s, k) => k > 0 && once.has(s));
}
