// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createInsightsAccumulator } from '../../service/insights/index.ts';
import { ApiClient } from '../api/client.ts';
import { InsightsViewSchema } from '../api/insights.ts';
import { ServicesContext } from '../app/services.ts';
import { translator } from '../i18n/messages.ts';
import '../testing/jsdom-shims.ts';
import { MemoryGateway } from '../workbook/memory-gateway.ts';
import { InsightsCharts } from './InsightsScreen.tsx';

afterEach(cleanup);

/** Insights as the service computes them: 100 new users, 44 back the next day, against D1 50 % and 45 %. */
function insightsWith(d1Target: number, users: number) {
  const acc = createInsightsAccumulator({ startDate: '2026-01-01', days: 10, funnels: [], targets: { d1: d1Target } });
  for (let i = 0; i < users; i++) {
    const activeDays = i < users * 0.44 ? [0, 1] : [0];
    acc.addUser({ installDay: 0, segment: 's', country: 'KR', platform: 'ios', activeDays, sessions: activeDays.map((day) => ({ day, localHour: 20, localWeekday: 3, durationSec: 60, eventCount: 1 })), eventNames: activeDays.map(() => 'open'), eventTimesMs: activeDays.map((d) => d * 86_400_000), revenue: 0, payments: 0 });
  }
  // Through JSON and the pane's own schema, as the pane receives them.
  return InsightsViewSchema.parse(JSON.parse(JSON.stringify(acc.finish())));
}

function verdictOf(insights: ReturnType<typeof insightsWith>): string {
  const t = translator('en');
  render(
    <ServicesContext.Provider value={{ gateway: new MemoryGateway(), api: new ApiClient({ fetch: () => Promise.reject(new Error('offline')) }), language: 'en', t }}>
      <InsightsCharts insights={insights} />
    </ServicesContext.Provider>,
  );
  const row = screen.getByText('d1').closest('tr')!;
  return within(row).getAllByRole('cell').at(-1)!.textContent ?? '';
}

describe('achieved vs target in the pane', () => {
  it('says a miss a small sample explains is within noise, and a real one missed', () => {
    expect(verdictOf(insightsWith(0.5, 100))).toBe('within noise');
    cleanup();
    expect(verdictOf(insightsWith(0.5, 10_000))).toBe('missed');
    cleanup();
    expect(verdictOf(insightsWith(0.45, 100))).toBe('met');
  });

  it('reads insights saved before the noise verdict existed as plain met or missed', () => {
    const old = insightsWith(0.5, 100) as Record<string, unknown> & { targets: Record<string, unknown>[] };
    const stripped = { ...old, targets: old.targets.map(({ noise: _noise, sample: _sample, ...rest }) => rest) };
    expect(verdictOf(InsightsViewSchema.parse(stripped))).toBe('missed');
  });
});
