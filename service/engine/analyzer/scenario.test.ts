import { describe, expect, it } from 'vitest';
import { planScenario } from './scenario.ts';

const ctx = { days: 60, payments: ['purchase'], shopping: ['add_to_cart'] };

describe('planScenario', () => {
  it('reads day numbers in the workbook languages', () => {
    const plan = planScenario('10일차에 세일. 20日目にメンテナンス。第30天 更新', ctx, '2.4.0');
    expect(plan.timeline.map((m) => [m.name, m.fromDay])).toEqual([['sale_1', 9], ['outage_1', 19], ['release_1', 29]]);
    expect(plan.releases).toEqual([{ version: '2.5.0', day: 29, rolloutDays: 7 }]);
  });

  it('turns dates and named days into day indexes from the start date', () => {
    const plan = planScenario('Black Friday sale; outage on 2026-11-10', { ...ctx, startDate: '2026-11-01' }, '1.0.0');
    // Thanksgiving 2026 is Thursday 26 November.
    expect(plan.timeline[0]).toMatchObject({ name: 'sale_1', fromDay: 26, toDay: 28 });
    expect(plan.timeline[0]!.events).toContainEqual({ event: 'purchase', multiplier: 2.5 });
    expect(plan.timeline[1]).toMatchObject({ name: 'outage_1', fromDay: 9, toDay: 9 });
  });

  it('keeps named versions only when they move forward, and clamps days into the range', () => {
    const plan = planScenario('update 1.2 on day 5. release 3.0 on day 500', ctx, '2.4.0');
    expect(plan.releases.map((r) => [r.version, r.day])).toEqual([['2.5.0', 4], ['3.0.0', 59]]);
  });

  it('reads the example scenarios: a summon event, a raid update that brings players back, a push campaign, a pricing change', () => {
    const game = planScenario('10일째 신규 영웅 픽업 소환 이벤트로 소환과 결제가 늘어나고, 20일째 길드 레이드 업데이트로 복귀 유저가 늘어납니다.', ctx, '2.4.0');
    expect(game.timeline.map((m) => `${m.name}@${m.fromDay}`)).toEqual(['limited_event_1@9', 'comeback_1@19', 'release_1@19']);
    expect(game.timeline[0]!.events).toEqual([{ event: 'purchase', multiplier: 1.8 }]);
    expect(game.releases).toEqual([{ version: '2.5.0', day: 19, rolloutDays: 7 }]);
    const shop = planScenario('A mid-month sale from day 14 to day 16 doubles coupon downloads; a push campaign on day 20 brings back lapsed shoppers.', ctx, '1.0.0');
    expect(shop.timeline.map((m) => `${m.name}@${m.fromDay}-${m.toDay}`)).toEqual(['sale_1@13-15', 'comeback_1@19-21']);
    const saas = planScenario('a pricing change on day 15 raises trial-to-paid conversion', ctx, '1.0.0');
    expect(saas.timeline.map((m) => `${m.name}@${m.fromDay}-${m.toDay}`)).toEqual(['pricing_change_1@14-59']);
  });

  it('ignores text without a known scenario', () => {
    expect(planScenario('A calm month with nothing special', ctx, '1.0.0')).toEqual({ timeline: [], releases: [] });
  });
});
