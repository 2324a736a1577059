/** `report.html`: the run's insights as one self-contained page (inline CSS and SVG, no scripts). */
import { barChart, escapeHtml, lineChart } from './svg-charts.ts';
import type { Insights, TargetCheck } from './types.ts';

const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
const num = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 2 });
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function formatTargetValue(t: TargetCheck, v: number | null): string {
  return t.metric === 'dau' ? (v === null ? '–' : num(v)) : pct(v);
}

function targetsTable(targets: readonly TargetCheck[]): string {
  if (!targets.length) return '<p class="muted">The workbook states no targets.</p>';
  const rows = targets
    .map((t) => {
      const tol = t.tolerance.kind === 'points' ? `±${(t.tolerance.value * 100).toFixed(0)} pts` : `±${(t.tolerance.value * 100).toFixed(0)}%`;
      return `<tr><td>${escapeHtml(t.metric)}</td><td>${formatTargetValue(t, t.target)}</td><td>${formatTargetValue(t, t.achieved)}</td><td>${tol}</td><td class="${t.met ? 'ok' : t.noise ? 'muted' : t.measured ? 'bad' : 'muted'}">${t.met ? 'met' : t.noise ? `within sampling noise of ${num(t.sample ?? 0)} users` : t.measured ? 'missed' : 'not measurable in this range'}</td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th>Metric</th><th>Target</th><th>Achieved</th><th>Tolerance</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
}

function warningsList(warnings: readonly string[]): string {
  if (!warnings.length) return '';
  return `<ul class="warnings">${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`;
}

function section(title: string, body: string): string {
  return `<section><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

export function renderReportHtml(ins: Insights, title = 'Demo data run'): string {
  const dates = ins.daily.map((d) => d.date.slice(5));
  const kpis = [
    ['Active users', num(ins.totals.activeUsers)],
    ['New users', num(ins.totals.newUsers)],
    ['Events', num(ins.totals.events)],
    ['Sessions', num(ins.totals.sessions)],
    ['Payer rate', pct(ins.monetization.payerRate)],
    ['Revenue', num(ins.totals.revenue)],
  ]
    .map(([k, v]) => `<div class="kpi"><div class="muted">${k}</div><div class="big">${v}</div></div>`)
    .join('');
  const dauTarget = ins.targets.find((t) => t.metric === 'dau')?.target;
  const funnels = ins.funnels
    .map(
      (f) =>
        `<h3>${escapeHtml(f.name)} <span class="muted">(${f.newUsers ? 'users new in the range; ' : ''}window ${f.windowHours} h; red marks: target step conversion)</span></h3>` +
        barChart(
          `Funnel ${f.name}`,
          f.steps.map((s) => s.event),
          f.steps.map((s) => s.overall),
          { percent: true, targets: f.steps.map((s, k) => (s.target === null || k === 0 ? null : (f.steps[k - 1]!.overall ?? 0) * s.target)) },
        ) +
        `<table><thead><tr><th>Step</th><th>Users</th><th>From previous</th><th>Target</th><th>Overall</th></tr></thead><tbody>${f.steps
          .map((s) => `<tr><td>${escapeHtml(s.event)}</td><td>${num(s.users)}</td><td>${pct(s.conversion)}</td><td>${pct(s.target)}</td><td>${pct(s.overall)}</td></tr>`)
          .join('')}</tbody></table>`,
    )
    .join('');
  const top = ins.topEvents.map((e) => `<tr><td>${escapeHtml(e.name)}</td><td>${num(e.count)}</td></tr>`).join('');
  const s = ins.sessions;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:980px;color:#111827;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}h3{font-size:14px;margin:16px 0 4px}
.muted{color:#6b7280;font-size:12px}.kpis{display:grid;grid-template-columns:repeat(6,1fr);gap:8px;margin-top:16px}
.kpi{border:1px solid #e5e7eb;border-radius:8px;padding:8px}.big{font-size:18px;font-weight:600}
table{border-collapse:collapse;margin:8px 0;font-size:13px}td,th{border-bottom:1px solid #f3f4f6;padding:3px 10px;text-align:right}td:first-child,th:first-child{text-align:left}
.ok{color:#16a34a;font-weight:600}.bad{color:#dc2626;font-weight:600}.warnings{color:#92400e;font-size:13px;padding-left:18px}svg{width:100%;max-width:640px;height:auto;display:block}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:16px}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<div class="muted">${escapeHtml(ins.range.startDate)} · ${ins.range.days} days</div>
<div class="kpis">${kpis}</div>
${section('Achieved vs target', targetsTable(ins.targets) + warningsList(ins.calibrationWarnings))}
${section(
  'Active users',
  lineChart(
    'Daily, weekly and monthly active users',
    dates,
    [
      { name: 'DAU', values: ins.daily.map((d) => d.dau) },
      { name: 'WAU', values: ins.daily.map((d) => d.wau) },
      { name: 'MAU', values: ins.daily.map((d) => d.mau) },
      ...(dauTarget ? [{ name: 'DAU target', values: ins.daily.map(() => dauTarget), dashed: true }] : []),
    ],
  ) + barChart('New users per day', dates, ins.daily.map((d) => d.newUsers)),
)}
${section(
  'Retention',
  lineChart('Retention by days since first active day', ins.retention.offsets.map((o) => `D${o}`), [{ name: 'retained', values: ins.retention.curve }], { percent: true }) +
    `<p class="muted">D1 ${pct(ins.retention.curve[0] ?? null)} · D7 ${pct(ins.retention.curve[6] ?? null)} · D30 ${pct(ins.retention.curve[29] ?? null)}; pooled over every cohort that had the days inside the range.</p>`,
)}
${section('Funnels', funnels || '<p class="muted">The workbook defines no funnels.</p>')}
${section(
  'When people play',
  `<div class="grid"><div><h3>Session starts by local hour</h3>${barChart('Sessions by local hour', Array.from({ length: 24 }, (_, h) => String(h)), ins.localHour)}</div><div><h3>By local weekday</h3>${barChart('Sessions by weekday', WEEKDAYS, ins.weekday)}</div></div>`,
)}
${section(
  'Sessions',
  `<table><thead><tr><th></th><th>Mean</th><th>Median</th><th>P90</th><th>P99</th></tr></thead><tbody>
<tr><td>Sessions per active day</td><td>${num(s.perActiveDay.mean)}</td><td>${s.perActiveDay.p50}</td><td>${s.perActiveDay.p90}</td><td>${s.perActiveDay.p99}</td></tr>
<tr><td>Session length (s)</td><td>${num(s.lengthSec.mean)}</td><td>${s.lengthSec.p50}</td><td>${s.lengthSec.p90}</td><td>${s.lengthSec.p99}</td></tr>
<tr><td>Events per session</td><td>${num(s.eventsPerSession.mean)}</td><td>${s.eventsPerSession.p50}</td><td>${s.eventsPerSession.p90}</td><td>${s.eventsPerSession.p99}</td></tr></tbody></table>`,
)}
${section(
  'Monetisation',
  `<p>Payer rate ${pct(ins.monetization.payerRate)} · ARPU ${num(ins.monetization.arpu)} · ARPPU ${num(ins.monetization.arppu)} · top 1% of payers bring ${pct(ins.monetization.top1PctShare)} of revenue, top 10% bring ${pct(ins.monetization.top10PctShare)}.</p>`,
)}
${section('Top events', `<table><thead><tr><th>Event</th><th>Count</th></tr></thead><tbody>${top}</tbody></table>`)}
${section(
  'Who',
  ['segments', 'countries', 'platforms']
    .map((k) => {
      const m = ins.mix[k as keyof Insights['mix']];
      return `<h3>${k}</h3><table><tbody>${Object.entries(m)
        .map(([name, n]) => `<tr><td>${escapeHtml(name)}</td><td>${num(n)}</td><td>${pct(ins.totals.activeUsers ? n / ins.totals.activeUsers : 0)}</td></tr>`)
        .join('')}</tbody></table>`;
    })
    .join(''),
)}
</body></html>
`;
}
