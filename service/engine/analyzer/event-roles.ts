/**
 * What an event is for, read from its name, display name and category in any of the workbook's
 * languages. Roles decide placement, once-per-user, lifecycle gates, prerequisites and weights.
 */
import type { EventDef } from '../../../taxonomy/model.ts';

export type EventRole =
  | 'session_start' | 'session_end' | 'install' | 'register' | 'login' | 'logout' | 'onboarding'
  | 'payment' | 'checkout' | 'add_to_cart' | 'view' | 'search' | 'level_up' | 'gameplay' | 'reward'
  | 'social' | 'error' | 'other'
  // What follows a purchase step and undoes or fails it: rare, and only after that step.
  | 'payment_failed' | 'order_undone' | 'cart_remove'
  // A free trial begins once; a workspace, team or store is set up once or twice, not every session.
  | 'trial_start' | 'setup'
  // Asking for help is something a few users do now and then.
  | 'support'
  // A push notification opened: what brings a user back now and then, not a screen used all session.
  | 'push_open';

const ROLES: [EventRole, RegExp][] = [
  ['payment_failed', /(^|_)(pay|payment|purchase|order|checkout|iap|billing)_?(fail|failed|failure|error|declined|decline)($|_)|^(fail|failed)_(pay|payment|purchase|order)/],
  ['order_undone', /(^|_)(order|purchase|payment)_?(cancel|cancelled|canceled|refund|refunded|return|returned)($|_)|^(cancel|refund|return)_(order|purchase|payment|item)|^refund(_request)?$/],
  ['cart_remove', /(^|_)(remove_?from_?(cart|bag|basket)|cart_remove|remove_cart|delete_from_cart)($|_)/],
  ['order_undone', /^(subscription|subscribe|plan|membership)_(cancel|cancelled|canceled|end|ended|expire|expired)$|^cancel_(subscription|plan|membership)$|^unsubscribe$/],
  ['push_open', /(^|_)(push|notification|notif)_?(open|opened|click|clicked|tap|tapped)$|^(open|click|tap)_(push|notification)$/],
  ['support', /(^|_)(support|ticket|help|contact_us|customer_service|cs_chat|inquiry|complaint)($|_)/],
  ['trial_start', /^(free_)?trial(_(start|started|begin|activate|activated))?$|^start_(free_)?trial$/],
  ['setup', /^(create|new|setup)_(workspace|team|organization|org|company|store|shop|server|guild|site|channel)$|^(workspace|team|organization|org|company|store|shop|server|guild|site|channel)_(create|created|setup)$/],
  ['session_start', /^(ta_)?(app_start|app_open|open_app|session_start|launch|app_launch|game_start|start_app)$/],
  ['session_end', /^(ta_)?(app_end|app_close|session_end|app_exit|exit|quit|close_app|game_end)$/],
  ['install', /^(app_)?(install|first_open|activation|activate|device_activate)$/],
  ['register', /^(user_|account_)?(register|registration|sign_?up|create_(account|role|character|player)|account_create|join)(_(success|complete|completed|done|finish))?$/],
  ['logout', /(^|_)(logout|log_out|sign_?out)($|_)/],
  ['login', /(^|_)(login|log_in|sign_?in)($|_)/],
  ['onboarding', /(^|_)(tutorial|onboarding|guide|newbie|intro|walkthrough|welcome)/],
  ['payment', /(^|_)(purchase|payment|pay|paid|pay_success|order_(complete|paid|success)|iap|recharge|top_?up|subscribe|subscription_(start|renew)|renew|deposit)($|_)/],
  ['checkout', /(^|_)(checkout|place_order|create_order|order_(create|submit)|submit_order|begin_checkout)($|_)/],
  ['add_to_cart', /(^|_)(add_?to_?cart|cart_add|add_cart|add_to_bag|add_to_basket)($|_)/],
  ['search', /(^|_)(search|query)($|_)/],
  ['view', /(^|_)(view|page_view|screen_view|show|impression|browse|open|visit|detail|list|read|watch|play_(video|song|episode)|listen)($|_)/],
  ['level_up', /(^|_)(level_?up|lv_?up|rank_?up|upgrade_level)($|_)/],
  ['reward', /(^|_)(reward|claim|collect|receive|earn|get_item|gacha|draw|attendance|check_?in)($|_)/],
  ['gameplay', /(^|_)(battle|match|stage|quest|mission|dungeon|raid|round|game|level|play|fight|pvp|pve)($|_)/],
  ['social', /(^|_)(share|invite|like|follow|comment|chat|friend|message|post|review|rate)($|_)/],
  ['error', /(^|_)(error|crash|fail|failure|exception)($|_)/],
];

/** Category words users write in any of the workbook's languages. */
const CATEGORY_ROLES: [EventRole, RegExp][] = [
  ['onboarding', /onboard|tutorial|튜토리얼|온보딩|チュートリアル|新手|引导/i],
  ['payment', /monet|payment|purchase|revenue|결제|구매|課金|決済|支付|付费|充值/i],
  ['register', /register|sign ?up|가입|登録|注册/i],
  ['gameplay', /gameplay|battle|play|게임 ?플레이|プレイ|战斗|玩法/i],
  ['social', /social|community|소셜|커뮤니티|ソーシャル|社交/i],
];

/** Money moves only when a payment succeeds: attempts, failures, refunds and removals are not payments. */
const NOT_PAID = /(^|_)(fail|failed|failure|error|cancel|cancelled|canceled|refund|refunded|remove|delete|start|begin|request|attempt|try|view|open|click|show|intent|page|trial)($|_)/;
const STARTS_PAYING = /(^|_)(start|begin|request|attempt|try|intent)($|_)/;

export function roleOf(e: EventDef): EventRole {
  const name = e.name.toLowerCase();
  for (const [role, re] of ROLES) if (re.test(name)) return refine(role, name);
  for (const [role, re] of CATEGORY_ROLES) if (re.test(e.category) || re.test(e.displayName)) return refine(role, name);
  return 'other';
}

/** A "payment" that is really a start (a checkout) or a failure (other). */
function refine(role: EventRole, name: string): EventRole {
  // A subscription that starts is money paid.
  if (role !== 'payment' || !NOT_PAID.test(name) || /subscri(be|ption)_(start|begin|renew)/.test(name)) return role;
  return STARTS_PAYING.test(name) && !/trial/.test(name) ? 'checkout' : 'other';
}

/** Base weight of an event among those picked inside sessions. */
export const ROLE_WEIGHT: Record<EventRole, number> = {
  session_start: 1, session_end: 1, install: 1, register: 1, login: 1, logout: 0.2, onboarding: 1,
  payment: 0.25, checkout: 0.4, add_to_cart: 1.2, view: 5, search: 2, level_up: 0.8, gameplay: 4,
  reward: 1.5, social: 0.6, error: 0.05, other: 2,
  // A few in a hundred checkouts fail, fewer orders are cancelled, and some of what is put in a cart comes out.
  payment_failed: 0.05, order_undone: 0.02, cart_remove: 0.4,
  trial_start: 0.1, setup: 0.05, support: 0.05, push_open: 0.15,
};

/** Events a user does once in a lifetime. */
export const ONCE_ROLES: ReadonlySet<EventRole> = new Set(['install', 'register', 'onboarding', 'trial_start']);

/** Events a guest may do before registering (when the product has a register event). */
export const GUEST_ROLES: ReadonlySet<EventRole> = new Set(['session_start', 'session_end', 'install', 'register', 'onboarding', 'view', 'search', 'add_to_cart', 'cart_remove', 'push_open', 'error', 'other']);

/**
 * In business software and finance little happens before an account exists: a guest may open the
 * app, go through its first-run guide and look at the public pages (pricing, plans, landing).
 */
export const ACCOUNT_FIRST_GUEST_ROLES: ReadonlySet<EventRole> = new Set(['session_start', 'session_end', 'install', 'register', 'onboarding', 'error']);
export const PUBLIC_PAGE = /(pricing|plans?|landing|home|intro|features?|tour|welcome)(_|$)/;
