/**
 * Server-rendered SVG charts: no script, no image service. Values are drawn as
 * stacked bars per day and series; the numbers are also in the title of each bar.
 */
import type { FC } from 'hono/jsx';

export interface StackedSeries {
  key: string;
  label: string;
  color: string;
}

export interface StackedBarsProps {
  days: string[];
  series: StackedSeries[];
  /** values[day][series key] */
  values: Record<string, Record<string, number>>;
  title: string;
}

export const StackedBars: FC<StackedBarsProps> = ({ days, series, values, title }) => {
  const width = 720;
  const height = 220;
  const pad = { top: 12, right: 12, bottom: 28, left: 40 };
  const totals = days.map((d) => series.reduce((sum, s) => sum + (values[d]?.[s.key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const bw = plotW / Math.max(days.length, 1);
  const y = (v: number) => pad.top + plotH - (v / top) * plotH;
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} preserveAspectRatio="xMidYMid meet">
        <title>{title}</title>
        {ticks.map((t) => (
          <g>
            <line x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} class="grid" />
            <text x={pad.left - 6} y={y(t) + 4} text-anchor="end" class="axis">
              {t}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          let acc = 0;
          return (
            <g>
              {series.map((s) => {
                const v = values[d]?.[s.key] ?? 0;
                if (!v) return null;
                const y0 = y(acc + v);
                const h = y(acc) - y0;
                acc += v;
                return (
                  <rect x={pad.left + i * bw + bw * 0.15} y={y0} width={bw * 0.7} height={h} fill={s.color}>
                    <title>{`${d} ${s.label}: ${v}`}</title>
                  </rect>
                );
              })}
              {i % 2 === 0 || days.length <= 8 ? (
                <text x={pad.left + i * bw + bw / 2} y={height - 10} text-anchor="middle" class="axis">
                  {d.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        {series.map((s) => (
          <span class="legend">
            {/* An SVG fill, not a style attribute: the Content-Security-Policy allows no inline style. */}
            <svg class="swatch" aria-hidden="true" width="10" height="10" viewBox="0 0 10 10"><rect width="10" height="10" rx="2" fill={s.color} /></svg>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
};

function niceStep(max: number): number {
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw || 1));
  for (const m of [1, 2, 5, 10]) if (raw <= m * mag) return Math.max(1, m * mag);
  return Math.max(1, 10 * mag);
}
