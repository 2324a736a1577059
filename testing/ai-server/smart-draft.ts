/**
 * Plausible draft answers built from the request, so the CLI, the service and the browser test can
 * run against the local server without scripting every reply. Not clever: keyword → events.
 */
import type { AiRequest } from './script.ts';
import { readDataBlock } from './data.ts';

type Lang = 'en' | 'ko' | 'ja' | 'zh';

interface EventSeed {
  name: string;
  label: Record<Lang, string>;
  category: string;
  properties: string[];
}

const BASE: EventSeed[] = [
  { name: 'app_start', label: { en: 'App start', ko: '앱 실행', ja: 'アプリ起動', zh: '应用启动' }, category: 'session', properties: [] },
  { name: 'register', label: { en: 'Register', ko: '회원가입', ja: '会員登録', zh: '注册' }, category: 'onboarding', properties: ['channel'] },
  { name: 'login', label: { en: 'Login', ko: '로그인', ja: 'ログイン', zh: '登录' }, category: 'session', properties: [] },
  { name: 'purchase', label: { en: 'Purchase', ko: '결제', ja: '購入', zh: '购买' }, category: 'monetization', properties: ['order_id', 'amount', 'currency'] },
];

const BY_KEYWORD: [RegExp, EventSeed[]][] = [
  [/rpg|game|level|idle|게임/i, [
    { name: 'tutorial_complete', label: { en: 'Tutorial complete', ko: '튜토리얼 완료', ja: 'チュートリアル完了', zh: '完成教程' }, category: 'onboarding', properties: [] },
    { name: 'level_up', label: { en: 'Level up', ko: '레벨 업', ja: 'レベルアップ', zh: '升级' }, category: 'progression', properties: ['level'] },
    { name: 'stage_clear', label: { en: 'Stage clear', ko: '스테이지 클리어', ja: 'ステージクリア', zh: '通关' }, category: 'progression', properties: ['stage_id', 'level'] },
  ]],
  [/guild|clan|길드/i, [
    { name: 'guild_join', label: { en: 'Join guild', ko: '길드 가입', ja: 'ギルド加入', zh: '加入公会' }, category: 'social', properties: ['guild_id'] },
    { name: 'guild_chat', label: { en: 'Guild chat', ko: '길드 채팅', ja: 'ギルドチャット', zh: '公会聊天' }, category: 'social', properties: ['guild_id'] },
  ]],
  [/gacha|loot|가챠/i, [
    { name: 'gacha_pull', label: { en: 'Gacha pull', ko: '가챠 뽑기', ja: 'ガチャ', zh: '抽卡' }, category: 'monetization', properties: ['gacha_type', 'pull_count', 'item_id'] },
  ]],
  [/shop|store|commerce|cart|쇼핑/i, [
    { name: 'product_view', label: { en: 'Product view', ko: '상품 조회', ja: '商品閲覧', zh: '浏览商品' }, category: 'commerce', properties: ['product_id', 'price'] },
    { name: 'add_to_cart', label: { en: 'Add to cart', ko: '장바구니 담기', ja: 'カート追加', zh: '加入购物车' }, category: 'commerce', properties: ['product_id', 'price', 'quantity'] },
    { name: 'checkout', label: { en: 'Checkout', ko: '주문', ja: '注文', zh: '结算' }, category: 'commerce', properties: ['order_id', 'amount'] },
  ]],
  [/saas|subscription|workspace|team/i, [
    { name: 'project_create', label: { en: 'Create project', ko: '프로젝트 생성', ja: 'プロジェクト作成', zh: '创建项目' }, category: 'activation', properties: ['project_id'] },
    { name: 'subscription_start', label: { en: 'Start subscription', ko: '구독 시작', ja: 'サブスク開始', zh: '开始订阅' }, category: 'monetization', properties: ['plan', 'amount'] },
  ]],
];

/** Type and allowed values by name shape: ids are strings, amounts numbers, and so on. */
export function guessProperty(name: string): Record<string, unknown> {
  const base = { name, displayName: name.replace(/_/g, ' '), description: `The ${name.replace(/_/g, ' ')}.` };
  if (/(^|_)(level|count|quantity|amount|price|score)$/.test(name)) {
    const max = /amount|price/.test(name) ? 200 : /level/.test(name) ? 100 : 10;
    return { ...base, type: 'number', allowed: { kind: 'range', min: 1, max, decimals: /amount|price/.test(name) ? 2 : 0 } };
  }
  if (name === 'currency') return { ...base, type: 'string', allowed: { kind: 'list', values: ['USD', 'KRW', 'JPY'] } };
  if (name === 'gacha_type') return { ...base, type: 'string', allowed: { kind: 'weighted', values: [{ value: 'normal', weight: 8 }, { value: 'premium', weight: 2 }] } };
  if (name === 'plan') return { ...base, type: 'string', allowed: { kind: 'list', values: ['free', 'pro', 'team'] } };
  if (/^is_|^has_/.test(name)) return { ...base, type: 'boolean' };
  return { ...base, type: 'string' };
}

function languageOf(req: AiRequest): Lang {
  if (/in Korean/.test(req.system)) return 'ko';
  if (/in Japanese/.test(req.system)) return 'ja';
  if (/in Simplified Chinese/.test(req.system)) return 'zh';
  return 'en';
}

export function smartDraft(req: AiRequest): unknown {
  const product = readDataBlock<{ description?: string; industry?: string }>(req.user, 'product_data') ?? {};
  const text = `${product.description ?? ''} ${product.industry ?? ''}`;
  const lang = languageOf(req);
  // Like a good model, propose only what an existing taxonomy lacks.
  const existing = new Set((readDataBlock<{ events?: { name: string }[] }>(req.user, 'existing_taxonomy_data')?.events ?? []).map((e) => e.name.toLowerCase()));
  const seeds = [...BASE, ...BY_KEYWORD.filter(([re]) => re.test(text)).flatMap(([, s]) => s)].filter((e) => !existing.has(e.name));
  const max = Number(/at most (\d+) events/.exec(req.user)?.[1] ?? 50);
  const events = seeds.slice(0, max);
  const outline = /leave eventProperties empty/.test(req.user);
  const propertyNames = [...new Set(events.flatMap((e) => e.properties))].filter((n) => n !== 'channel');
  const has = (n: string) => events.some((e) => e.name === n);
  const funnelSteps = ['register', ...(has('tutorial_complete') ? ['tutorial_complete'] : []), ...(has('checkout') ? ['checkout'] : []), 'purchase'];
  return {
    product: { name: 'Demo product', description: product.description ?? '', targets: { d1: 0.4, d7: 0.15, d30: 0.05, payerRate: 0.03 } },
    events: events.map((e) => ({ name: e.name, displayName: e.label[lang], category: e.category, description: e.label[lang], properties: e.properties })),
    eventProperties: outline ? [] : propertyNames.map(guessProperty),
    commonProperties: [{ name: 'channel', displayName: 'channel', type: 'string', description: 'Acquisition channel.', allowed: { kind: 'list', values: ['organic', 'ads'] } }],
    userProperties: [
      { name: 'total_spend', displayName: 'total spend', type: 'number', description: 'Sum of purchases.', update: 'add' },
      { name: 'first_login_time', displayName: 'first login', type: 'time', description: 'First login.', update: 'set_once' },
      ...(has('level_up') ? [{ name: 'level', displayName: 'level', type: 'number', description: 'Current level.', update: 'set' }] : []),
    ],
    funnels: [{ name: 'first_purchase', description: 'From sign-up to first purchase.', steps: funnelSteps, stepConversion: funnelSteps.map((_, i) => (i === 0 ? null : 0.5)), windowHours: 168 }],
  };
}

export function smartProperties(req: AiRequest): unknown {
  const names = (/Define these event properties: ([^.]*)\./.exec(req.user)?.[1] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return { eventProperties: names.map(guessProperty) };
}
