/** Charts of a run's insights: DAU, retention, funnels, hour of day, achieved vs target. */
import { useEffect, useState } from 'react';
import { Field, MessageBar, MessageBarBody, Select, Text } from '@fluentui/react-components';
import type { RunSummary } from '../../service/api/schemas/runs.ts';
import type { InsightsView } from '../api/insights.ts';
import { errorText, useServices } from '../app/services.ts';
import { ColumnChart, HorizontalBars } from '../charts/BarChart.tsx';
import { LineChart } from '../charts/LineChart.tsx';

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;
const num = (v: number) => (v >= 10_000 ? `${Math.round(v / 1000)}k` : String(Math.round(v * 100) / 100));

export function InsightsCharts({ insights }: { insights: InsightsView }) {
  const { t } = useServices();
  const target = (metric: string) => insights.targets.find((x) => x.metric === metric)?.target;
  return (
    <div data-testid="insights" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <LineChart title={t('chartDau')} points={insights.daily.map((d) => ({ label: d.date.slice(5), value: d.dau }))} format={num} target={target('dau')} />
      <LineChart
        title={t('chartRetention')}
        points={insights.retention.offsets.map((o, i) => ({ label: `D${o}`, value: insights.retention.curve[i] ?? null }))}
        format={pct}
        max={1}
      />
      {insights.funnels.map((f) => (
        <HorizontalBars
          key={f.name}
          title={`${t('chartFunnels')}: ${f.name}${f.newUsers ? ` (${t('chartFunnelNewUsers')})` : ''}`}
          // Each step's conversion from the previous one, so the target marker is on the same scale.
          bars={f.steps.map((s) => ({ label: s.event, value: s.conversion ?? 1, marker: s.target }))}
          format={pct}
          max={1}
        />
      ))}
      <ColumnChart title={t('chartHours')} bars={insights.localHour.map((v, h) => ({ label: String(h).padStart(2, '0'), value: v }))} />
      {insights.targets.length > 0 && (
        <table style={{ fontSize: 12, borderCollapse: 'collapse' }} aria-label={t('chartTargets')}>
          <caption style={{ textAlign: 'left', fontWeight: 600 }}>{t('chartTargets')}</caption>
          <tbody>
            {insights.targets.map((x) => {
              const fmt = x.metric === 'dau' ? num : pct;
              return (
                <tr key={x.metric} style={{ borderBottom: '1px solid #eee' }}>
                  <td style={{ padding: '2px 6px' }}>{x.metric}</td>
                  <td style={{ padding: '2px 6px', whiteSpace: 'nowrap' }}>{x.achieved === null ? '—' : fmt(x.achieved)}</td>
                  <td style={{ padding: '2px 6px', color: '#616161', whiteSpace: 'nowrap' }}>/ {fmt(x.target)}</td>
                  <td style={{ padding: '2px 6px', color: x.achieved === null || x.noise ? '#616161' : x.met ? '#107c41' : '#a4262c' }} title={x.noise ? t('withinNoiseHint') : undefined}>
                    {x.achieved === null ? '—' : x.met ? t('met') : x.noise ? t('withinNoise') : t('missed')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {insights.calibrationWarnings.map((w) => (
        <MessageBar key={w} intent="warning" data-testid="calibration-warning">
          <MessageBarBody>{w}</MessageBarBody>
        </MessageBar>
      ))}
    </div>
  );
}

export function InsightsScreen({ runId, onChooseRun }: { runId: string | null; onChooseRun: (id: string) => void }) {
  const { api, t } = useServices();
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [insights, setInsights] = useState<InsightsView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.listRuns().then(
      (list) => setRuns(list.runs.filter((r) => ['generated', 'sending', 'sent'].includes(r.status))),
      (e: unknown) => setError(errorText(e)),
    );
  }, [api]);

  useEffect(() => {
    setInsights(null);
    setError(null);
    if (!runId) return;
    let alive = true;
    api.insights(runId).then(
      (value) => alive && setInsights(value),
      (e: unknown) => alive && setError(errorText(e)),
    );
    return () => {
      alive = false;
    };
  }, [api, runId]);

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <Text>{t('insightsIntro')}</Text>
      <Field label={t('chooseRun')}>
        <Select value={runId ?? ''} onChange={(_, d) => d.value && onChooseRun(d.value)}>
          <option value="">—</option>
          {runId && !runs.some((r) => r.id === runId) && <option value={runId}>{runId}</option>}
          {runs.map((r) => (
            <option key={r.id} value={r.id}>{`${new Date(r.createdAt).toLocaleString()} · ${r.status}`}</option>
          ))}
        </Select>
      </Field>
      {insights && <InsightsCharts insights={insights} />}
      {runId && !insights && !error && <Text italic>{t('working')}</Text>}
      {error && (
        <MessageBar intent="warning">
          <MessageBarBody>{t('noInsights')} {error}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
