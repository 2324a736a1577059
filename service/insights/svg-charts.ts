/**
 * Tiny server-side SVG charts for the self-contained report: no script, no network, readable when
 * the file is opened from disk or attached to an email.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const W = 640;
const H = 220;
const PAD = { left: 48, right: 12, top: 12, bottom: 28 };
const COLORS = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626'];

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const exp = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * exp >= value) return m * exp;
  return 10 * exp;
}

function formatTick(v: number, percent: boolean): string {
  if (percent) return `${Math.round(v * 100)}%`;
  if (v >= 1_000_000) return `${(v / 1_000_000).toFixed(1)}M`;
  if (v >= 1000) return `${(v / 1000).toFixed(v >= 10_000 ? 0 : 1)}k`;
  return String(Math.round(v * 100) / 100);
}

function frame(maxY: number, labels: readonly string[], percent: boolean, body: string, title: string): string {
  const innerH = H - PAD.top - PAD.bottom;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const y = PAD.top + innerH * (1 - f);
    return `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" stroke="#e5e7eb"/><text x="${PAD.left - 6}" y="${y + 4}" text-anchor="end">${formatTick(maxY * f, percent)}</text>`;
  });
  const every = Math.max(1, Math.ceil(labels.length / 8));
  const innerW = W - PAD.left - PAD.right;
  const xLabels = labels
    .map((l, i) => (i % every === 0 ? `<text x="${PAD.left + (innerW * (i + 0.5)) / labels.length}" y="${H - 8}" text-anchor="middle">${escapeHtml(l)}</text>` : ''))
    .join('');
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title)}" font-size="10" fill="#374151">${ticks.join('')}${body}${xLabels}</svg>`;
}

export interface Series {
  name: string;
  values: readonly (number | null)[];
  dashed?: boolean;
}

export function lineChart(title: string, labels: readonly string[], series: readonly Series[], opts: { percent?: boolean } = {}): string {
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const maxY = opts.percent ? Math.min(1, niceMax(Math.max(0, ...all))) : niceMax(Math.max(0, ...all));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (innerW * (i + 0.5)) / Math.max(1, labels.length);
  const y = (v: number) => PAD.top + innerH * (1 - v / maxY);
  const paths = series.map((s, si) => {
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    const color = COLORS[si % COLORS.length]!;
    return `<path d="${d}" fill="none" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/>`;
  });
  const legend = series
    .map((s, si) => `<tspan fill="${COLORS[si % COLORS.length]}">■ </tspan><tspan>${escapeHtml(s.name)}  </tspan>`)
    .join('');
  return frame(maxY, labels, !!opts.percent, `${paths.join('')}<text x="${PAD.left}" y="${PAD.top + 10}">${legend}</text>`, title);
}

export function barChart(title: string, labels: readonly string[], values: readonly number[], opts: { percent?: boolean; targets?: readonly (number | null)[] } = {}): string {
  const maxY = opts.percent ? 1 : niceMax(Math.max(0, ...values));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, values.length);
  const bars = values.map((v, i) => {
    const h = (innerH * v) / maxY;
    const bx = PAD.left + slot * i + slot * 0.15;
    let out = `<rect x="${bx.toFixed(1)}" y="${(PAD.top + innerH - h).toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[0]}"><title>${escapeHtml(labels[i] ?? '')}: ${formatTick(v, !!opts.percent)}</title></rect>`;
    const t = opts.targets?.[i];
    if (t !== null && t !== undefined) {
      const ty = PAD.top + innerH * (1 - t / maxY);
      out += `<line x1="${bx.toFixed(1)}" x2="${(bx + slot * 0.7).toFixed(1)}" y1="${ty.toFixed(1)}" y2="${ty.toFixed(1)}" stroke="#dc2626" stroke-width="2"/>`;
    }
    return out;
  });
  return frame(maxY, labels, !!opts.percent, bars.join(''), title);
}
