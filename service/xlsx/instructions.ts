/**
 * The instructions sheet written at the front of every workbook, in the workbook's language.
 * Sheet names inside the text are the English ones; every language's aliases are accepted on read.
 */
import { typeLabels, updateLabels } from '../../taxonomy/layout.ts';
import type { Language } from '../../taxonomy/model.ts';

export interface Instructions {
  sheetName: string;
  title: string;
  lines: readonly (readonly [string, string])[];
}

const en: Instructions = {
  sheetName: 'Instructions',
  title: 'Demo Data Studio taxonomy workbook',
  lines: [
    ['What this is', 'Describe what your product tracks; Demo Data Studio generates realistic ThinkingEngine data from it.'],
    ['Product', 'One setting per row: name, industry, platforms, countries and time zones, date range, target DAU, seed, retention and payer-rate targets, and a free-text scenario.'],
    ['Events', 'One row per event: name (letters, digits, _; starts with a letter), display name, category, description, and the event properties it carries (comma-separated).'],
    ['Event / Common / User Properties', 'One row per property: name, display name, type, description and allowed values. Common properties go on every event.'],
    ['Types', '{types}. Children of an object are rows named parent.child.'],
    ['Allowed values', 'A range "1..100", a list "a, b, c", or a weighted list "a:70, b:20, c:10". Leave empty to let the generator choose.'],
    ['User properties', 'Update method: {updates} (how events change the value).'],
    ['Funnels', 'Ordered steps (event names, comma-separated), an optional target conversion per step, and a time window in hours.'],
    ['Dropdowns', 'Type and update-method cells offer a dropdown; the lists live on a hidden sheet.'],
    ['Check your work', "Run 'demo-data validate <file.xlsx>' or use the add-in's Validate button: every problem names its cell."],
  ],
};

const ko: Instructions = {
  sheetName: '안내',
  title: 'Demo Data Studio 택소노미 워크북',
  lines: [
    ['용도', '제품에서 수집하는 데이터를 정의하면 Demo Data Studio가 이를 바탕으로 ThinkingEngine 데모 데이터를 생성합니다.'],
    ['제품', '한 행에 하나의 설정: 이름, 업종, 플랫폼, 국가와 시간대, 기간, 목표 DAU, 시드, 리텐션 및 결제율 목표, 시나리오 설명.'],
    ['이벤트', '한 행에 하나의 이벤트: 이름(영문자로 시작, 영문/숫자/_), 표시 이름, 분류, 설명, 이벤트 속성(쉼표로 구분).'],
    ['이벤트 / 공통 / 유저 속성', '한 행에 하나의 속성: 이름, 표시 이름, 유형, 설명, 허용 값. 공통 속성은 모든 이벤트에 포함됩니다.'],
    ['유형', '{types}. 객체의 하위 속성은 parent.child 형식의 이름으로 적습니다.'],
    ['허용 값', '범위 "1..100", 목록 "a, b, c", 가중치 목록 "a:70, b:20, c:10". 비워 두면 생성기가 정합니다.'],
    ['유저 속성', '업데이트 방식: {updates} (이벤트가 값을 바꾸는 방식).'],
    ['퍼널', '순서가 있는 단계(이벤트 이름, 쉼표로 구분), 단계별 목표 전환율(선택), 시간 창(시간 단위).'],
    ['드롭다운', '유형과 업데이트 방식 셀에서 목록을 선택할 수 있습니다. 목록은 숨겨진 시트에 있습니다.'],
    ['검사', "'demo-data validate <파일.xlsx>'를 실행하거나 추가 기능의 검사 버튼을 누르세요. 모든 문제는 셀 주소와 함께 표시됩니다."],
  ],
};

const zh: Instructions = {
  sheetName: '说明',
  title: 'Demo Data Studio 埋点方案工作簿',
  lines: [
    ['用途', '描述产品采集的数据，Demo Data Studio 据此生成逼真的 ThinkingEngine 演示数据。'],
    ['产品', '每行一个设置：名称、行业、平台、国家与时区、日期范围、目标 DAU、随机种子、留存与付费率目标、场景描述。'],
    ['事件', '每行一个事件：名称（字母开头，字母/数字/_）、显示名、分类、描述、事件属性（逗号分隔）。'],
    ['事件 / 公共 / 用户属性', '每行一个属性：名称、显示名、类型、描述、取值范围。公共属性附加在所有事件上。'],
    ['类型', '{types}。对象的子属性写作 parent.child。'],
    ['取值', '范围 "1..100"，列表 "a, b, c"，加权列表 "a:70, b:20, c:10"。留空则由生成器决定。'],
    ['用户属性', '更新方式：{updates}（事件如何改变该值）。'],
    ['漏斗', '有序步骤（事件名，逗号分隔）、可选的每步目标转化率、时间窗口（小时）。'],
    ['下拉列表', '类型和更新方式单元格提供下拉选择，列表位于隐藏工作表中。'],
    ['检查', "运行 'demo-data validate <文件.xlsx>' 或使用加载项的校验按钮：每个问题都会标明单元格。"],
  ],
};

const ja: Instructions = {
  sheetName: '説明',
  title: 'Demo Data Studio タクソノミー ワークブック',
  lines: [
    ['概要', 'プロダクトで収集するデータを定義すると、Demo Data Studio がそれに基づいて ThinkingEngine のデモデータを生成します。'],
    ['プロダクト', '1 行に 1 設定：名前、業種、プラットフォーム、国とタイムゾーン、期間、目標 DAU、シード、リテンションと課金率の目標、シナリオ。'],
    ['イベント', '1 行に 1 イベント：名前（英字で始まり英数字と _）、表示名、カテゴリ、説明、イベントプロパティ（カンマ区切り）。'],
    ['イベント / 共通 / ユーザープロパティ', '1 行に 1 プロパティ：名前、表示名、型、説明、許容値。共通プロパティはすべてのイベントに付きます。'],
    ['型', '{types}。オブジェクトの子は parent.child という名前の行に書きます。'],
    ['許容値', '範囲 "1..100"、リスト "a, b, c"、重み付きリスト "a:70, b:20, c:10"。空欄ならジェネレーターが決めます。'],
    ['ユーザープロパティ', '更新方法：{updates}（イベントによる値の変え方）。'],
    ['ファネル', '順序付きステップ（イベント名、カンマ区切り）、ステップごとの目標転換率（任意）、時間枠（時間）。'],
    ['ドロップダウン', '型と更新方法のセルはドロップダウンで選べます。リストは非表示シートにあります。'],
    ['確認', "'demo-data validate <ファイル.xlsx>' を実行するか、アドインの検証ボタンを押してください。問題はセル番地付きで表示されます。"],
  ],
};

const TEXTS: Record<Language, Instructions> = { en, ko, zh, ja };

/** The instructions in `language`, naming the type and update labels that language's dropdowns offer. */
export function instructionsFor(language: Language): Instructions {
  const text = TEXTS[language];
  const fill = (body: string) => body.replace('{types}', typeLabels(language).join(', ')).replace('{updates}', updateLabels(language).join(', '));
  return { ...text, lines: text.lines.map(([topic, body]) => [topic, fill(body)] as const) };
}

/** Every language's instructions sheet name, so readers can recognise and skip it. */
export const INSTRUCTION_SHEET_NAMES: readonly string[] = Object.values(TEXTS).map((i) => i.sheetName);
