import { describe, expect, it } from 'vitest';
import type { SheetGrid } from '../grid.ts';
import { parseWorkbook } from './workbook.ts';

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('parseWorkbook: canonical sheets', () => {
  it('finds a header below title rows and accepts aliases, notes and numbers in text cells', () => {
    const grids: SheetGrid[] = [
      { name: '설명', rows: [['이 시트는 설명입니다']] },
      { name: 'Lists', hidden: true, rows: [['Name', 'Type'], ['x', 'number']] },
      {
        name: '제품',
        rows: [['항목', '값'], ['제품 이름', 'Star Saga'], ['D1 리텐션', '35%'], ['D7 Retention', '0.12'], ['결제율', 4], ['Target DAU', '5,000'], ['국가', 'KR:60, US@America/New_York:40'], ['플랫폼', 'iOS, Android']],
      },
      {
        name: ' EVENTS ',
        rows: [['My tracking plan'], [], ['Event Name (필수)', 'Alias', 'Tag', 'Description', 'Properties*'], ['login', '로그인', 'account', 'logged in', 'method, level'], [], ['logout']],
      },
      { name: 'event_properties', rows: [['name', 'data type', 'allowed values'], ['method', 'Text', 'guest, google'], ['level', '정수', '1..60']] },
    ];
    const { taxonomy, issues, layout } = parseWorkbook(grids);
    expect(layout).toBe('canonical');
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(taxonomy.product).toMatchObject({ name: 'Star Saga', targetDau: 5000, platforms: ['ios', 'android'], language: 'ko' });
    expect(taxonomy.product.targets).toEqual({ d1: 0.35, d7: 0.12, payerRate: 0.04 });
    expect(taxonomy.product.countries).toEqual([{ country: 'KR', timeZone: '', share: 60 }, { country: 'US', timeZone: 'America/New_York', share: 40 }]);
    expect(taxonomy.events.map((e) => [e.name, e.properties])).toEqual([['login', ['method', 'level']], ['logout', []]]);
    expect(taxonomy.eventProperties).toEqual([
      { name: 'method', displayName: '', type: 'string', description: '', allowed: { kind: 'list', values: ['guest', 'google'] } },
      { name: 'level', displayName: '', type: 'number', description: '', allowed: { kind: 'range', min: 1, max: 60 } },
    ]);
  });

  it('addresses issues to the cell they came from', () => {
    const grids: SheetGrid[] = [
      { name: 'Events', rows: [['Name', 'Properties'], ['login', 'method, missing'], ['2fast', ''], ['Login', '']] },
      { name: 'Event Properties', rows: [['Name', 'Type', 'Allowed Values'], ['method', 'text', '10..1'], ['bad name', 'blob', '']] },
      { name: 'User Properties', rows: [['Name', 'Type', 'Update'], ['method', 'number', 'useradd'], ['coins', 'string', 'add']] },
      { name: 'Funnels', rows: [['Name', 'Steps', 'Step Conversion'], ['f', 'login, nowhere', '-, 0.5, 0.2']] },
    ];
    const { issues } = parseWorkbook(grids);
    const at = (code: string) => issues.filter((i) => i.code === code).map((i) => `${i.sheet}!${i.column ?? ''}${i.row ?? ''}`);
    expect(at('event.unknown_property')).toEqual(['Events!B2']);
    expect(at('name.invalid')).toEqual(["Events!A3", 'Event Properties!A3']);
    expect(at('name.duplicate')).toEqual(['Events!A4']);
    expect(at('allowed.range_inverted')).toEqual(['Event Properties!C2']);
    expect(at('property.type_unknown')).toEqual(['Event Properties!B3']);
    expect(at('property.type_conflict')).toEqual(['User Properties!B2']);
    expect(at('property.update_type')).toEqual(['User Properties!C3']);
    expect(at('funnel.unknown_event')).toEqual(['Funnels!B2']);
    expect(at('funnel.step_conversion_count')).toEqual(['Funnels!C2']);
    for (const issue of issues) expect(issue.message).toMatch(/:/);
  });

  it('reports a workbook without an event sheet instead of throwing', () => {
    const { issues, taxonomy } = parseWorkbook([{ name: 'Sheet1', rows: [['hello']] }]);
    expect(codes(issues)).toContain('sheet.events_missing');
    expect(taxonomy.events).toEqual([]);
  });

  it('never parses hidden sheets', () => {
    const { taxonomy } = parseWorkbook([{ name: 'Events', hidden: true, rows: [['Name'], ['login']] }]);
    expect(taxonomy.events).toEqual([]);
  });
});

/** The generator's `#이벤트 데이터`: event columns repeated on every property row. */
const generatorEvents: SheetGrid = {
  name: '#이벤트 데이터',
  rows: [
    ['이벤트 이름', '이벤트 별칭', '이벤트 설명', '이벤트 태그', '속성 이름', '속성 별칭', '속성 유형', '속성 설명'],
    ['stage_clear', '스테이지 클리어', '클리어했을 때', '전투', 'stage_id', '스테이지 ID', 'string', ''],
    ['stage_clear', '스테이지 클리어', '클리어했을 때', '전투', 'rewards', '보상', 'object group', ''],
    ['stage_clear', '스테이지 클리어', '클리어했을 때', '전투', 'rewards.item_id', '아이템', 'string', ''],
    ['daily_reward', '출석', '', '리텐션', 'rewards', '보상', 'object group', ''],
    ['daily_reward', '출석', '', '리텐션', 'rewards.amount', '수량', 'number', ''],
    ['stage_fail', '실패', '', '전투', 'stage_id', '스테이지 ID', 'string', ''],
    ['app_exit', '앱 종료', '', '시스템', '', '', '', ''],
  ],
};

describe('parseWorkbook: ThinkingData layouts', () => {
  it('reads the generator workbook: shared properties once, object children per event', () => {
    const grids: SheetGrid[] = [
      { name: '#유저 ID 체계', rows: [['유형', '속성 이름'], ['단일', '#account_id']] },
      generatorEvents,
      { name: '#공통 이벤트 속성', rows: [['속성 이름', '속성 별칭', '속성 유형', '속성 설명'], ['vip_level', 'VIP', 'number', '0~10']] },
      { name: '#유저 데이터', rows: [['속성 이름', '속성 별칭', '속성 유형', '업데이트 방식', '속성 설명', '속성 태그'], ['total_pay', '누적', 'number', 'useradd', '', '결제'], ['chars', '', 'list', 'useruniqappend', '', '']] },
      { name: '#Funnels', rows: [['name', 'description', 'steps', 'conversion_rate'], ['clear', '', 'stage_clear,daily_reward,stage_fail', '0.25']] },
    ];
    const { taxonomy, issues, layout } = parseWorkbook(grids);
    expect(layout).toBe('td-generator');
    expect(issues).toEqual([]);
    expect(taxonomy.product.language).toBe('ko');
    expect(taxonomy.events.map((e) => [e.name, e.category, e.properties])).toEqual([
      ['stage_clear', '전투', ['stage_id', 'rewards.item_id']],
      ['daily_reward', '리텐션', ['rewards.amount']],
      ['stage_fail', '전투', ['stage_id']],
      ['app_exit', '시스템', []],
    ]);
    expect(taxonomy.eventProperties.map((p) => `${p.name}:${p.type}`)).toEqual(['stage_id:string', 'rewards:object_group', 'rewards.item_id:string', 'rewards.amount:number']);
    expect(taxonomy.commonProperties).toEqual([{ name: 'vip_level', displayName: 'VIP', type: 'number', description: '0~10', allowed: { kind: 'range', min: 0, max: 10, decimals: 0 } }]);
    expect(taxonomy.userProperties.map((p) => `${p.name}:${p.update}`)).toEqual(['total_pay:add', 'chars:uniq_append']);
    expect(taxonomy.funnels[0]!.stepConversion).toEqual([null, 0.5, 0.5]);
  });

  it('carries merged or empty event cells down, and reads #Properties with an event column', () => {
    const events: SheetGrid = {
      name: '#Events',
      rows: [
        ['event_name', 'event_alias', 'event_description', 'event_tag', 'property_name', 'property_alias', 'property_type', 'property_description'],
        ['sign_up', '회원가입', '', '계정', 'signup_method', '', 'String', ''],
        [null, null, null, null, 'marketing_opt_in', '', 'Boolean', ''],
        ['sign_up', '회원가입', '', '계정', 'items', '', 'Object Group', ''],
        ['sign_up', '회원가입', '', '계정', 'items.price', '', 'Number', ''],
      ],
      merges: [{ top: 3, left: 0, bottom: 4, right: 0 }],
    };
    const props: SheetGrid = { name: '#Properties', rows: [['property_name', 'property_name_kr', 'data_type', 'description', 'event_name'], ['platform', '플랫폼', 'String', '', ''], ['coupon', '', 'String', '', 'sign_up']] };
    const { taxonomy, issues } = parseWorkbook([events, props]);
    expect(issues).toEqual([]);
    expect(taxonomy.events).toHaveLength(1);
    expect(taxonomy.events[0]!.properties).toEqual(['signup_method', 'marketing_opt_in', 'items.price', 'coupon']);
    expect(taxonomy.commonProperties.map((p) => p.name)).toEqual(['platform']);
    expect(taxonomy.eventProperties.map((p) => p.name)).toEqual(['signup_method', 'marketing_opt_in', 'items', 'items.price', 'coupon']);
  });

  it('detects ThinkingData\'s own template: title rows, "(필수)" headers, an explanation sheet', () => {
    const grids: SheetGrid[] = [
      { name: '설명', rows: [['트래킹 플랜 작성 가이드'], ['필수 항목은 빨간색입니다']] },
      { name: '#유저 ID 체계', rows: [['유형', '속성 이름']] },
      {
        name: '#이벤트 데이터',
        rows: [
          ['이벤트 데이터'],
          [],
          ['이벤트 이름 (필수)', '이벤트 별칭', '이벤트 설명', '이벤트 태그', '속성 이름 (필수)', '속성 별칭', '속성 유형 (필수)', '속성 설명'],
          ['purchase', '구매', '', '결제', 'price', '가격', '숫자', ''],
          ['', '', '', '', 'currency', '통화', '문자열', ''],
        ],
      },
      { name: '#공통 이벤트 속성', rows: [['공통 이벤트 속성'], ['속성 이름 (필수)', '속성 별칭', '속성 유형 (필수)'], ['channel', '', '문자열']] },
      { name: '#유저 데이터', rows: [['속성 이름 (필수)', '속성 유형 (필수)', '업데이트 방식'], ['coins', '숫자', 'useradd']] },
    ];
    const { taxonomy, issues, layout } = parseWorkbook(grids);
    expect(layout).toBe('td-template');
    expect(issues).toEqual([]);
    expect(taxonomy.events).toEqual([{ name: 'purchase', displayName: '구매', category: '결제', description: '', properties: ['price', 'currency'] }]);
    expect(taxonomy.commonProperties.map((p) => p.name)).toEqual(['channel']);
    expect(taxonomy.userProperties).toEqual([{ name: 'coins', displayName: '', type: 'number', description: '', update: 'add' }]);
  });

  it('points at the cell of a property with an unknown type in ThinkingData sheets', () => {
    const grid: SheetGrid = { ...generatorEvents, rows: [...generatorEvents.rows, ['app_exit', '', '', '', 'reason', '', 'enum', '']] };
    const { issues } = parseWorkbook([grid]);
    expect(issues.map((i) => [i.code, `${i.column}${i.row}`])).toEqual([['property.type_unknown', 'G9']]);
  });

  it('reports one property with two types on two events once, at the second row', () => {
    const grid: SheetGrid = {
      name: '#Events',
      rows: [
        ['event_name', 'event_alias', 'event_description', 'event_tag', 'property_name', 'property_alias', 'property_type', 'property_description'],
        ['a', '', '', '', 'level', '', 'Number', ''],
        ['b', '', '', '', 'level', '', 'String', ''],
      ],
    };
    const { issues, taxonomy } = parseWorkbook([grid]);
    expect(issues.map((i) => [i.code, `${i.sheet}!${i.column}${i.row}`])).toEqual([['property.type_conflict', '#Events!G3']]);
    expect(taxonomy.events.map((e) => e.properties)).toEqual([['level'], ['level']]);
  });

  it('attaches properties to the events named in an event column of a property sheet', () => {
    const grids: SheetGrid[] = [
      { name: 'Events', rows: [['Name', 'Properties'], ['a', 'x']] },
      { name: 'Event Properties', rows: [['Event', 'Name', 'Type'], ['a', 'y', 'number'], ['b', 'y', 'number'], ['', 'z', 'string']] },
    ];
    const { taxonomy, issues } = parseWorkbook(grids);
    expect(taxonomy.events.map((e) => [e.name, e.properties])).toEqual([['a', ['x', 'y']], ['b', ['y']]]);
    expect(taxonomy.eventProperties.map((p) => p.name)).toEqual(['y', 'z']);
    expect(issues.map((i) => `${i.code} ${i.sheet}!${i.column}${i.row}`)).toEqual(['event.unknown_property Events!B2']);
  });
});
