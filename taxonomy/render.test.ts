import { describe, expect, it } from 'vitest';
import { emptyTaxonomy } from './model.ts';
import { parseWorkbook } from './parse/workbook.ts';
import { renderWorkbook } from './render.ts';

function sample() {
  const t = emptyTaxonomy();
  t.events.push({ name: 'login', displayName: '', category: '', description: '', properties: ['level'] });
  t.eventProperties.push({ name: 'level', displayName: '', type: 'object_group', description: '' }, { name: 'level.n', displayName: '', type: 'number', description: '' });
  t.userProperties.push({ name: 'coins', displayName: '', type: 'number', description: '', update: 'set_once' });
  t.funnels.push({ name: 'f', description: '', steps: ['login', 'login'], stepConversion: [null, 0.25], windowHours: 48 });
  return t;
}

describe('renderWorkbook', () => {
  it('writes sheet names, headers, types and update methods in the chosen language', () => {
    const names = (lang: 'en' | 'ko' | 'zh' | 'ja') => renderWorkbook(sample(), lang).map((g) => g.name);
    expect(names('en')).toEqual(['Product', 'Events', 'Event Properties', 'Common Properties', 'User Properties', 'Funnels']);
    expect(names('ko')).toEqual(['제품', '이벤트', '이벤트 속성', '공통 속성', '유저 속성', '퍼널']);
    expect(names('zh')).toEqual(['产品', '事件', '事件属性', '公共属性', '用户属性', '漏斗']);
    expect(names('ja')).toEqual(['プロダクト', 'イベント', 'イベントプロパティ', '共通プロパティ', 'ユーザープロパティ', 'ファネル']);
    const ko = renderWorkbook(sample(), 'ko');
    expect(ko[2]!.rows).toEqual([['이름', '표시 이름', '유형', '설명', '허용 값'], ['level', '', '객체 그룹', '', ''], ['level.n', '', '숫자', '', '']]);
    expect(ko[4]!.rows[1]).toEqual(['coins', '', '숫자', '최초값', '', '']);
    expect(ko[5]!.rows[1]).toEqual(['f', '', 'login, login', '-, 0.25', 48]);
  });

  it('reads back a workbook whose sheets, headers and cells mix languages', () => {
    const [product, events, eventProps, common, user, funnels] = renderWorkbook(sample(), 'ko');
    const mixed = [
      { ...product!, name: 'Product' },
      { ...events!, rows: [renderWorkbook(sample(), 'ja')[1]!.rows[0]!, ...events!.rows.slice(1)] },
      { ...eventProps!, name: 'イベントプロパティ', rows: eventProps!.rows.map((r, i) => (i === 1 ? ['level', '', 'Object Group', '', ''] : r)) },
      common!,
      { ...user!, rows: user!.rows.map((r, i) => (i === 1 ? ['coins', '', '数值', 'user_setOnce', '', ''] : r)) },
      { ...funnels!, name: '#Funnels' },
    ];
    const { taxonomy, issues } = parseWorkbook(mixed);
    expect(issues).toEqual([]);
    expect(taxonomy).toEqual(sample());
  });
});
