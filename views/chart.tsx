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

export interface HBarRow {
  /** Stable name of the row (data-row), e.g. a funnel stage or a campaign id. */
  key: string;
  label: string;
  /** values[series key] */
  values: Record<string, number>;
  /** Extra text after the bars, e.g. "56% of contacted". */
  note?: string;
}

export interface HBarsProps {
  title: string;
  rows: HBarRow[];
  series: StackedSeries[];
  /** How a value is written at the end of its bar (default: a whole number with separators). */
  format?: (v: number) => string;
  id?: string;
}

/**
 * Horizontal bars, one band per row and one bar per series in it: a funnel
 * (one series, a row per stage) or a comparison of campaigns. Each bar carries
 * its number as text and in data-value, so the chart reads without hovering.
 */
export const HBars: FC<HBarsProps> = ({ title, rows, series, format, id }) => {
  const fmt = format ?? ((v: number) => v.toLocaleString('en-US'));
  const width = 720;
  const labelW = 170;
  const valueW = 150;
  const barH = series.length > 1 ? 14 : 22;
  const band = barH * series.length + 14;
  const height = Math.max(1, rows.length) * band + 8;
  const max = Math.max(1e-9, ...rows.flatMap((r) => series.map((s) => r.values[s.key] ?? 0)));
  const plotW = width - labelW - valueW;
  const short = (t: string) => (t.length > 24 ? `${t.slice(0, 23)}…` : t);
  return (
    <figure class="chart hbars" id={id}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} preserveAspectRatio="xMidYMid meet">
        <title>{title}</title>
        {rows.map((r, i) => {
          const y0 = 4 + i * band;
          return (
            <g class="hbar-row" data-row={r.key}>
              <text x={labelW - 8} y={y0 + (band - 14) / 2 + 4} text-anchor="end" class="label">
                <title>{r.label}</title>
                {short(r.label)}
              </text>
              {series.map((s, j) => {
                const v = r.values[s.key] ?? 0;
                const w = Math.max(v > 0 ? 2 : 0, (v / max) * plotW);
                const y = y0 + j * barH;
                return (
                  <g data-series={s.key} data-value={String(v)}>
                    <rect x={labelW} y={y} width={w} height={barH - 3} rx="2" fill={s.color}>
                      <title>{`${r.label} · ${s.label}: ${fmt(v)}`}</title>
                    </rect>
                    <text x={labelW + w + 6} y={y + barH - 6} class="value">
                      {fmt(v)}
                      {j === series.length - 1 && r.note ? ` · ${r.note}` : ''}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      {series.length > 1 ? (
        <figcaption>
          {series.map((s) => (
            <span class="legend">
              <svg class="swatch" aria-hidden="true" width="10" height="10" viewBox="0 0 10 10"><rect width="10" height="10" rx="2" fill={s.color} /></svg>
              {s.label}
            </span>
          ))}
        </figcaption>
      ) : null}
    </figure>
  );
};
