/** A small SVG line chart: enough for DAU and retention curves, without a chart library. */
export interface LinePoint {
  label: string;
  value: number | null;
}

export function LineChart({ points, title, format = String, max, target }: { points: LinePoint[]; title: string; format?: (v: number) => string; max?: number; target?: number }) {
  const width = 300;
  const height = 120;
  const pad = { left: 36, right: 8, top: 8, bottom: 18 };
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const top = max ?? Math.max(1e-9, ...values, target ?? 0);
  const x = (i: number) => pad.left + (points.length <= 1 ? 0 : (i / (points.length - 1)) * (width - pad.left - pad.right));
  const y = (v: number) => pad.top + (1 - v / top) * (height - pad.top - pad.bottom);
  let path = '';
  points.forEach((p, i) => {
    if (p.value === null) return;
    path += `${path === '' || points[i - 1]?.value === null ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`;
  });
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontSize: 12, fontWeight: 600 }}>{title}</figcaption>
      <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: 420 }}>
        <line x1={pad.left} x2={width - pad.right} y1={y(0)} y2={y(0)} stroke="#c8c8c8" />
        <text x={pad.left - 4} y={y(top) + 4} fontSize="9" textAnchor="end" fill="#616161">{format(top)}</text>
        <text x={pad.left - 4} y={y(0)} fontSize="9" textAnchor="end" fill="#616161">{format(0)}</text>
        {target !== undefined && <line x1={pad.left} x2={width - pad.right} y1={y(target)} y2={y(target)} stroke="#d13438" strokeDasharray="4 3" />}
        <path d={path} fill="none" stroke="#107c41" strokeWidth={2} />
        {points.length > 0 && (
          <>
            <text x={x(0)} y={height - 4} fontSize="9" fill="#616161">{points[0]!.label}</text>
            <text x={x(points.length - 1)} y={height - 4} fontSize="9" textAnchor="end" fill="#616161">{points[points.length - 1]!.label}</text>
          </>
        )}
      </svg>
    </figure>
  );
}
