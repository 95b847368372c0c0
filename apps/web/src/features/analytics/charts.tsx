// Hand-written SVG charts (no chart library: the app has a tight JavaScript budget). Each chart
// also carries its numbers as text for screen readers.

/** Vertical bars over time (one per day or week), with a few gridlines and sparse date labels. */
export function ColumnChart({
  points,
  caption,
  formatDate,
  formatValue,
}: {
  points: { date: string; count: number }[];
  caption: string;
  formatDate: (day: string) => string;
  formatValue: (n: number) => string;
}) {
  const W = 360;
  const H = 170;
  const pad = { l: 30, r: 6, t: 8, b: 22 };
  const max = Math.max(1, ...points.map((p) => p.count));
  const step = Math.max(1, Math.ceil(max / 4));
  const top = step * Math.ceil(max / step);
  const innerW = W - pad.l - pad.r;
  const innerH = H - pad.t - pad.b;
  const slot = innerW / Math.max(1, points.length);
  const y = (v: number) => pad.t + innerH - (v / top) * innerH;
  const every = Math.max(1, Math.ceil(points.length / 5));
  return (
    <figure className="chart">
      <figcaption>{caption}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={caption} className="chart-svg">
        {Array.from({ length: top / step + 1 }, (_, i) => i * step).map((v) => (
          <g key={v}>
            <line x1={pad.l} x2={W - pad.r} y1={y(v)} y2={y(v)} className="chart-grid" />
            <text x={pad.l - 4} y={y(v) + 3} textAnchor="end" className="chart-label">
              {formatValue(v)}
            </text>
          </g>
        ))}
        {points.map((p, i) => {
          const h = (p.count / top) * innerH;
          return (
            <rect
              key={p.date}
              x={pad.l + i * slot + slot * 0.15}
              y={pad.t + innerH - h}
              width={Math.max(1, slot * 0.7)}
              height={h}
              className="chart-bar"
            >
              <title>{`${formatDate(p.date)} : ${formatValue(p.count)}`}</title>
            </rect>
          );
        })}
        {points.map((p, i) =>
          i % every === 0 ? (
            <text
              key={p.date}
              x={pad.l + i * slot + slot / 2}
              y={H - 6}
              textAnchor="middle"
              className="chart-label"
            >
              {formatDate(p.date)}
            </text>
          ) : null,
        )}
      </svg>
      <table className="visually-hidden">
        <tbody>
          {points.map((p) => (
            <tr key={p.date}>
              <th scope="row">{formatDate(p.date)}</th>
              <td>{p.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** A horizontal bar: `value` out of `max` (the label and numbers are HTML next to it, so they wrap). */
export function Bar({
  value,
  max,
  tone = 'accent',
}: {
  value: number;
  max: number;
  tone?: 'accent' | 'warn' | 'muted';
}) {
  const pct = max > 0 ? Math.min(100, (value / max) * 100) : 0;
  return (
    <svg
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      className="hbar"
      aria-hidden="true"
      focusable="false"
    >
      <rect x="0" y="0" width="100" height="10" className="hbar-track" />
      <rect x="0" y="0" width={pct} height="10" className={`hbar-fill ${tone}`} />
    </svg>
  );
}

/** Labelled horizontal bars (users by role, by country, top courses…). */
export function BarList({
  items,
  caption,
}: {
  items: { label: string; value: number; detail?: string }[];
  caption: string;
}) {
  const max = Math.max(0, ...items.map((i) => i.value));
  return (
    <figure className="chart">
      <figcaption>{caption}</figcaption>
      <ul className="bar-list">
        {items.map((i) => (
          <li key={i.label}>
            <div className="row">
              <span className="bar-label">{i.label}</span>
              <span className="bar-value">{i.detail ?? i.value}</span>
            </div>
            <Bar value={i.value} max={max} />
          </li>
        ))}
      </ul>
    </figure>
  );
}
