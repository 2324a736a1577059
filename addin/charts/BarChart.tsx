/** Small SVG bar charts: vertical for hour-of-day, horizontal for funnels and targets. */
export interface Bar {
  label: string;
  value: number;
  /** A marker drawn across the bar (a target), same scale as `value`. */
  marker?: number | null;
}

export function ColumnChart({ bars, title }: { bars: Bar[]; title: string }) {
  const width = 300;
  const height = 110;
  const top = Math.max(1e-9, ...bars.map((b) => b.value));
  const slot = (width - 8) / Math.max(1, bars.length);
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontSize: 12, fontWeight: 600 }}>{title}</figcaption>
      <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: 420 }}>
        {bars.map((b, i) => {
          const h = (b.value / top) * (height - 20);
          return (
            <g key={b.label}>
              <rect x={4 + i * slot + 1} y={height - 14 - h} width={Math.max(1, slot - 2)} height={h} fill="#107c41">
                <title>{`${b.label}: ${b.value}`}</title>
              </rect>
              {i % 6 === 0 && <text x={4 + i * slot} y={height - 3} fontSize="9" fill="#616161">{b.label}</text>}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function HorizontalBars({ bars, title, format, max }: { bars: Bar[]; title: string; format: (v: number) => string; max?: number }) {
  const row = 18;
  const width = 300;
  const labelWidth = 110;
  const top = max ?? Math.max(1e-9, ...bars.map((b) => Math.max(b.value, b.marker ?? 0)));
  const scale = (v: number) => (v / top) * (width - labelWidth - 40);
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontSize: 12, fontWeight: 600 }}>{title}</figcaption>
      <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${bars.length * row + 4}`} width="100%" style={{ maxWidth: 420 }}>
        {bars.map((b, i) => (
          <g key={`${b.label}-${i}`} transform={`translate(0, ${i * row + 2})`}>
            <text x={labelWidth - 4} y={12} fontSize="10" textAnchor="end" fill="#242424">{b.label.length > 18 ? `${b.label.slice(0, 17)}…` : b.label}</text>
            <rect x={labelWidth} y={3} width={Math.max(1, scale(b.value))} height={row - 6} fill="#107c41" />
            {b.marker !== undefined && b.marker !== null && <line x1={labelWidth + scale(b.marker)} x2={labelWidth + scale(b.marker)} y1={0} y2={row} stroke="#d13438" strokeWidth={2} />}
            <text x={labelWidth + scale(b.value) + 4} y={12} fontSize="10" fill="#616161">{format(b.value)}</text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
