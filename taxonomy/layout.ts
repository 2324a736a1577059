/**
 * The canonical workbook layout and every alias accepted on read, in one place.
 *
 * Each table maps a canonical key to its label per language (what `renderWorkbook` writes) plus
 * extra aliases (other wordings, ThinkingData's own sheet and header names). Lookups go through
 * `normalizeKey`, so case, spaces, underscores, a leading `#` and notes such as "(필수)" never matter.
 */
import type { Language, PropertyType, UpdateMethod } from './model.ts';
import { normalizeKey } from './text.ts';

type Labels = Record<Language, string>;
interface Entry {
  labels: Labels;
  aliases?: readonly string[];
}

export type SheetKind = 'product' | 'events' | 'eventProperties' | 'commonProperties' | 'userProperties' | 'funnels';

export const SHEET_KINDS: readonly SheetKind[] = ['product', 'events', 'eventProperties', 'commonProperties', 'userProperties', 'funnels'];

export const SHEETS: Record<SheetKind, Entry> = {
  product: {
    labels: { en: 'Product', ko: '제품', zh: '产品', ja: 'プロダクト' },
    aliases: ['product settings', 'settings', '제품 정보', '설정', '产品信息', '製品', '製品情報'],
  },
  events: {
    labels: { en: 'Events', ko: '이벤트', zh: '事件', ja: 'イベント' },
    aliases: ['event', 'event list', 'event data', '이벤트 데이터', '이벤트 목록', '事件数据', '事件列表', 'イベントデータ', 'イベント一覧'],
  },
  eventProperties: {
    labels: { en: 'Event Properties', ko: '이벤트 속성', zh: '事件属性', ja: 'イベントプロパティ' },
    aliases: ['event property', 'イベント属性'],
  },
  commonProperties: {
    labels: { en: 'Common Properties', ko: '공통 속성', zh: '公共属性', ja: '共通プロパティ' },
    aliases: ['properties', 'common event properties', '공통 이벤트 속성', '公共事件属性', '共通イベント属性', '共通属性'],
  },
  userProperties: {
    labels: { en: 'User Properties', ko: '유저 속성', zh: '用户属性', ja: 'ユーザープロパティ' },
    aliases: ['user data', 'userdata', 'user property', '유저 데이터', '사용자 속성', '用户数据', 'ユーザーデータ', 'ユーザー属性'],
  },
  funnels: {
    labels: { en: 'Funnels', ko: '퍼널', zh: '漏斗', ja: 'ファネル' },
    aliases: ['funnel', '퍼널 목록', '漏斗列表'],
  },
};

/** Column keys of each canonical sheet, in the order `renderWorkbook` writes them. */
export const COLUMNS = {
  product: ['field', 'value'],
  events: ['name', 'displayName', 'category', 'description', 'properties'],
  eventProperties: ['name', 'displayName', 'type', 'description', 'allowed'],
  commonProperties: ['name', 'displayName', 'type', 'description', 'allowed'],
  userProperties: ['name', 'displayName', 'type', 'update', 'description', 'allowed'],
  funnels: ['name', 'description', 'steps', 'stepConversion', 'windowHours'],
} as const satisfies Record<SheetKind, readonly string[]>;

/** Header labels and aliases of every column key, canonical and ThinkingData's. */
export const HEADERS: Record<string, Entry> = {
  field: { labels: { en: 'Field', ko: '항목', zh: '项目', ja: '項目' }, aliases: ['setting', 'key', '설정', '字段', '設定'] },
  value: { labels: { en: 'Value', ko: '값', zh: '值', ja: '値' } },
  name: {
    labels: { en: 'Name', ko: '이름', zh: '名称', ja: '名前' },
    aliases: ['property name', 'property_name', 'event name', 'event_name', 'funnel name', '속성 이름', '속성명', '이벤트 이름', '이벤트명', '퍼널 이름', '属性名', '属性名称', '事件名', '事件名称', '漏斗名称', 'プロパティ名', 'イベント名', 'ファネル名', '名'],
  },
  displayName: {
    labels: { en: 'Display Name', ko: '표시 이름', zh: '显示名称', ja: '表示名' },
    aliases: ['alias', 'event_alias', 'property_alias', 'property_name_kr', 'display', '별칭', '속성 별칭', '이벤트 별칭', '别名', '属性别名', '事件别名', '显示名', '別名', 'プロパティ別名', 'イベント別名'],
  },
  category: {
    labels: { en: 'Category', ko: '카테고리', zh: '分类', ja: 'カテゴリ' },
    aliases: ['tag', 'event_tag', '태그', '이벤트 태그', '标签', '事件标签', 'タグ', 'イベントタグ'],
  },
  description: {
    labels: { en: 'Description', ko: '설명', zh: '描述', ja: '説明' },
    aliases: ['event_description', 'property_description', 'desc', '이벤트 설명', '속성 설명', '说明', '事件描述', '属性描述', 'イベント説明', 'プロパティ説明'],
  },
  properties: {
    labels: { en: 'Properties', ko: '속성', zh: '属性', ja: 'プロパティ' },
    aliases: ['event properties', 'property list', '이벤트 속성', '속성 목록', '事件属性', '属性列表', 'イベントプロパティ'],
  },
  type: {
    labels: { en: 'Type', ko: '유형', zh: '类型', ja: '型' },
    aliases: ['data type', 'data_type', 'property_type', 'property type', '속성 유형', '타입', '데이터 유형', '属性类型', '数据类型', 'データ型', 'プロパティ型'],
  },
  update: {
    labels: { en: 'Update', ko: '업데이트 방식', zh: '更新方式', ja: '更新方法' },
    aliases: ['update method', 'update_method', 'update type', '업데이트', '갱신 방식', '更新类型', '更新方式'],
  },
  allowed: {
    labels: { en: 'Allowed Values', ko: '허용 값', zh: '允许值', ja: '許容値' },
    aliases: ['values', 'allowed', 'value range', '값 범위', '값', '取值', '取值范围', '値', '値の範囲'],
  },
  event: {
    labels: { en: 'Event', ko: '이벤트', zh: '事件', ja: 'イベント' },
    aliases: ['event_name', 'event name', '이벤트 이름', '이벤트명', '事件名', '事件名称', 'イベント名'],
  },
  steps: { labels: { en: 'Steps', ko: '단계', zh: '步骤', ja: 'ステップ' }, aliases: ['funnel steps', '스텝', '퍼널 단계', '漏斗步骤'] },
  stepConversion: {
    labels: { en: 'Step Conversion', ko: '단계별 전환율', zh: '步骤转化率', ja: 'ステップ転換率' },
    aliases: ['step conversions', 'step_conversion', 'step conversion rate', '단계 전환율', '各步转化率'],
  },
  conversion: {
    labels: { en: 'Conversion Rate', ko: '전환율', zh: '转化率', ja: 'コンバージョン率' },
    aliases: ['conversion_rate', 'conversion', 'overall conversion', '전체 전환율', '整体转化率', '転換率'],
  },
  windowHours: {
    labels: { en: 'Window (hours)', ko: '기간 (시간)', zh: '时间窗口 (小时)', ja: '期間 (時間)' },
    aliases: ['window', 'window hours', 'window_hours', 'time window', '시간 창', '전환 기간', '窗口期', '時間枠'],
  },
  // ThinkingData's event sheets: one row per event property, event columns repeated or merged.
  eventName: { labels: { en: 'event_name', ko: '이벤트 이름', zh: '事件名称', ja: 'イベント名' }, aliases: ['event name', '이벤트명', '事件名'] },
  eventDisplayName: { labels: { en: 'event_alias', ko: '이벤트 별칭', zh: '事件别名', ja: 'イベント別名' }, aliases: ['event display name', '이벤트 표시 이름', '事件显示名'] },
  eventDescription: { labels: { en: 'event_description', ko: '이벤트 설명', zh: '事件描述', ja: 'イベント説明' } },
  eventCategory: { labels: { en: 'event_tag', ko: '이벤트 태그', zh: '事件标签', ja: 'イベントタグ' }, aliases: ['event category', '이벤트 카테고리', '事件分类'] },
  propertyName: { labels: { en: 'property_name', ko: '속성 이름', zh: '属性名称', ja: 'プロパティ名' }, aliases: ['property', '속성명', '属性名'] },
  propertyDisplayName: { labels: { en: 'property_alias', ko: '속성 별칭', zh: '属性别名', ja: 'プロパティ別名' }, aliases: ['property display name', 'property_name_kr', '속성 표시 이름', '属性显示名'] },
  propertyType: { labels: { en: 'property_type', ko: '속성 유형', zh: '属性类型', ja: 'プロパティ型' }, aliases: ['data_type', 'data type', '속성 타입', '데이터 유형', '数据类型', 'データ型'] },
  propertyDescription: { labels: { en: 'property_description', ko: '속성 설명', zh: '属性描述', ja: 'プロパティ説明' } },
};

/** Columns of ThinkingData's one-row-per-property event sheet, in the generator's fixed positions A–H. */
export const EVENT_ROW_COLUMNS = ['eventName', 'eventDisplayName', 'eventDescription', 'eventCategory', 'propertyName', 'propertyDisplayName', 'propertyType', 'propertyDescription'] as const;
export type EventRowColumn = (typeof EVENT_ROW_COLUMNS)[number];

/** Which header keys each sheet may carry on read (more than it is written with). */
export const READ_COLUMNS: Record<SheetKind, readonly string[]> = {
  product: ['field', 'value'],
  events: ['name', 'displayName', 'category', 'description', 'properties'],
  // `event` first so "event_name" there means the optional event column, not the property's name.
  eventProperties: ['event', 'name', 'displayName', 'type', 'description', 'allowed'],
  commonProperties: ['event', 'name', 'displayName', 'type', 'description', 'allowed'],
  userProperties: ['name', 'displayName', 'type', 'update', 'description', 'allowed'],
  funnels: ['name', 'description', 'steps', 'stepConversion', 'conversion', 'windowHours'],
};

export type ProductField =
  | 'name' | 'industry' | 'platforms' | 'description' | 'countries' | 'startDate' | 'days' | 'targetDau' | 'seed'
  | 'd1' | 'd7' | 'd30' | 'payerRate' | 'dauMau' | 'scenario' | 'language';

export const PRODUCT_FIELDS: Record<ProductField, Entry> = {
  name: { labels: { en: 'Product Name', ko: '제품 이름', zh: '产品名称', ja: 'プロダクト名' }, aliases: ['name', 'product', 'app name', '제품명', '앱 이름', '产品名', '製品名'] },
  industry: { labels: { en: 'Industry', ko: '업종', zh: '行业', ja: '業種' }, aliases: ['category', '산업', '業界'] },
  platforms: { labels: { en: 'Platforms', ko: '플랫폼', zh: '平台', ja: 'プラットフォーム' }, aliases: ['platform'] },
  description: { labels: { en: 'Description', ko: '설명', zh: '描述', ja: '説明' }, aliases: ['제품 설명', '产品描述', '説明文'] },
  countries: { labels: { en: 'Countries', ko: '국가', zh: '国家', ja: '国' }, aliases: ['country', 'country mix', 'countries mix', '국가 비율', '国家分布', '国別比率'] },
  startDate: { labels: { en: 'Start Date', ko: '시작일', zh: '开始日期', ja: '開始日' }, aliases: ['start', 'start_date', '시작 날짜', '起始日期'] },
  days: { labels: { en: 'Days', ko: '일수', zh: '天数', ja: '日数' }, aliases: ['duration', 'duration days', '기간', '期間'] },
  targetDau: { labels: { en: 'Target DAU', ko: '목표 DAU', zh: '目标DAU', ja: '目標DAU' }, aliases: ['dau', 'target_dau'] },
  seed: { labels: { en: 'Seed', ko: '시드', zh: '随机种子', ja: 'シード' }, aliases: ['random seed', '种子'] },
  d1: { labels: { en: 'D1 Retention', ko: 'D1 리텐션', zh: '次日留存', ja: 'D1リテンション' }, aliases: ['d1', 'day 1 retention', 'D1 잔존율', 'D1留存', '翌日継続率'] },
  d7: { labels: { en: 'D7 Retention', ko: 'D7 리텐션', zh: '7日留存', ja: 'D7リテンション' }, aliases: ['d7', 'day 7 retention', 'D7 잔존율', 'D7留存', '7日継続率'] },
  d30: { labels: { en: 'D30 Retention', ko: 'D30 리텐션', zh: '30日留存', ja: 'D30リテンション' }, aliases: ['d30', 'day 30 retention', 'D30 잔존율', 'D30留存', '30日継続率'] },
  payerRate: { labels: { en: 'Payer Rate', ko: '결제율', zh: '付费率', ja: '課金率' }, aliases: ['payer_rate', 'paying rate', '결제 유저 비율', '付费用户比例', '課金ユーザー率'] },
  dauMau: { labels: { en: 'DAU/MAU', ko: 'DAU/MAU', zh: 'DAU/MAU', ja: 'DAU/MAU' }, aliases: ['stickiness', 'dau mau', '고착도', '粘性'] },
  scenario: { labels: { en: 'Scenario', ko: '시나리오', zh: '场景', ja: 'シナリオ' }, aliases: ['scenarios', '场景描述'] },
  language: { labels: { en: 'Language', ko: '언어', zh: '语言', ja: '言語' }, aliases: ['lang', 'locale'] },
};

export const TYPES: Record<PropertyType, Entry> = {
  number: { labels: { en: 'number', ko: '숫자', zh: '数值', ja: '数値' }, aliases: ['int', 'integer', 'float', 'double', 'decimal', 'numeric', 'long', '정수', '실수', '数字', '整数', '小数'] },
  string: { labels: { en: 'string', ko: '문자열', zh: '字符串', ja: '文字列' }, aliases: ['text', 'str', 'varchar', '텍스트', '文本', 'テキスト'] },
  boolean: { labels: { en: 'boolean', ko: '불리언', zh: '布尔', ja: 'ブール' }, aliases: ['bool', '불', '불린', '불리안', '논리', '布尔值', '真偽値', 'ブーリアン'] },
  time: { labels: { en: 'time', ko: '시간', zh: '时间', ja: '日時' }, aliases: ['datetime', 'date', 'date time', 'timestamp', '날짜', '일시', '시각', '日期', '日期时间', '日付', '時間'] },
  list: { labels: { en: 'list', ko: '리스트', zh: '列表', ja: 'リスト' }, aliases: ['array', '배열', '목록', '数组', '配列'] },
  object: { labels: { en: 'object', ko: '객체', zh: '对象', ja: 'オブジェクト' }, aliases: ['json', 'map', '오브젝트'] },
  object_group: {
    labels: { en: 'object group', ko: '객체 그룹', zh: '对象组', ja: 'オブジェクトグループ' },
    aliases: ['objectgroup', 'object_group', 'object array', 'objects', '오브젝트 그룹', '객체 배열', '对象数组', 'オブジェクト配列'],
  },
};

export const UPDATES: Record<UpdateMethod, Entry> = {
  set: { labels: { en: 'set', ko: '덮어쓰기', zh: '覆盖', ja: '上書き' }, aliases: ['userset', 'user_set', 'overwrite', '설정', '设置', '設定'] },
  set_once: { labels: { en: 'set once', ko: '최초값', zh: '首次设置', ja: '初回のみ' }, aliases: ['setonce', 'usersetonce', 'user_setonce', 'user_set_once', 'once', '최초 1회', '최초 설정', '仅首次', '初回設定'] },
  add: { labels: { en: 'add', ko: '누적', zh: '累加', ja: '加算' }, aliases: ['useradd', 'user_add', 'increment', '더하기', '누적 합산', '누적합', '增加', '累計'] },
  append: { labels: { en: 'append', ko: '추가', zh: '追加', ja: '追加' }, aliases: ['userappend', 'user_append', '리스트 추가', '末尾追加'] },
  uniq_append: {
    labels: { en: 'unique append', ko: '중복 없이 추가', zh: '去重追加', ja: '重複なし追加' },
    aliases: ['uniq_append', 'uniqappend', 'useruniqappend', 'user_uniq_append', 'unique_append', '중복 제거 추가', '唯一追加', 'ユニーク追加'],
  },
};

/** Language names accepted in the Product sheet's Language row. */
const LANGUAGE_NAMES: Record<Language, readonly string[]> = {
  en: ['en', 'english', '영어', '英语', '英語'],
  ko: ['ko', 'korean', '한국어', '韩语', '韓国語'],
  zh: ['zh', 'chinese', '중국어', '中文', '简体中文', '中国語'],
  ja: ['ja', 'japanese', '일본어', '日语', '日本語'],
};

/** A lookup from normalised alias to key, with the language each label belongs to. */
export interface AliasIndex<K extends string> {
  get(text: string): K | undefined;
  language(text: string): Language | undefined;
}

function buildIndex<K extends string>(table: Record<K, Entry>): AliasIndex<K> {
  const keys = new Map<string, K>();
  const languages = new Map<string, Language>();
  for (const [key, entry] of Object.entries(table) as [K, Entry][]) {
    for (const [language, label] of Object.entries(entry.labels) as [Language, string][]) {
      const norm = normalizeKey(label);
      if (!keys.has(norm)) keys.set(norm, key);
      if (!languages.has(norm)) languages.set(norm, language);
    }
    keys.set(normalizeKey(key), keys.get(normalizeKey(key)) ?? key);
    for (const alias of entry.aliases ?? []) if (!keys.has(normalizeKey(alias))) keys.set(normalizeKey(alias), key);
  }
  return {
    get: (text) => keys.get(normalizeKey(text)),
    language: (text) => languages.get(normalizeKey(text)),
  };
}

export const sheetIndex = buildIndex(SHEETS);
export const productFieldIndex = buildIndex(PRODUCT_FIELDS);
export const typeIndex = buildIndex(TYPES);
export const updateIndex = buildIndex(UPDATES);
export const languageIndex = buildIndex(
  Object.fromEntries(
    (Object.entries(LANGUAGE_NAMES) as [Language, readonly string[]][]).map(([k, names]) => [k, { labels: { en: k, ko: k, zh: k, ja: k }, aliases: names }]),
  ) as Record<Language, Entry>,
);

/** A header index restricted to the keys a sheet may carry, so "이벤트 이름" is `name` on Events. */
export function headerIndex(keys: readonly string[]): AliasIndex<string> {
  return buildIndex(Object.fromEntries(keys.map((k) => [k, HEADERS[k]!])) as Record<string, Entry>);
}

export function sheetLabel(kind: SheetKind, language: Language): string {
  return SHEETS[kind].labels[language];
}
export function headerLabel(key: string, language: Language): string {
  return HEADERS[key]?.labels[language] ?? key;
}
export function typeLabel(type: PropertyType, language: Language): string {
  return TYPES[type].labels[language];
}
export function updateLabel(update: UpdateMethod, language: Language): string {
  return UPDATES[update].labels[language];
}
export function productFieldLabel(field: ProductField, language: Language): string {
  return PRODUCT_FIELDS[field].labels[language];
}
/** The type labels a template offers in its dropdown, in the given language. */
export function typeLabels(language: Language): string[] {
  return Object.values(TYPES).map((e) => e.labels[language]);
}
/** The update-method labels a template offers in its dropdown, in the given language. */
export function updateLabels(language: Language): string[] {
  return Object.values(UPDATES).map((e) => e.labels[language]);
}
