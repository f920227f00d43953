import { scaleBand, scaleLinear } from "d3-scale";
import type { ReactNode } from "react";

/** "2026-03" → "mar": short enough for 24 bars side by side; the year goes on a line of its own. */
const MONTHS_SHORT = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
export function shortMonth(month: string): string {
  return MONTHS_SHORT[Number(month.slice(5, 7)) - 1]!;
}

const MONTHS_LONG = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];
export function longMonth(month: string): string {
  return `${MONTHS_LONG[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

// toLocaleString with options builds a new Intl.NumberFormat on every call: a statistics page formats
// about a hundred numbers, and that was a fifth of its rendering. One formatter per number of decimals.
const danishFormats = new Map<number, Intl.NumberFormat>();

export function danishNumber(n: number, decimals = 1): string {
  let format = danishFormats.get(decimals);
  if (!format) danishFormats.set(decimals, (format = new Intl.NumberFormat("da-DK", { minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
  return format.format(n);
}

interface Bar {
  key: string;
  label: string;
  /** A second line under the label (the year under January and the first month). */
  sublabel?: string | undefined;
  value: number;
}

/**
 * A vertical bar chart as SVG, drawn on the server. The numbers are in the table beside
 * it; the chart is one image whose description points there (describedBy).
 */
export function BarChart(props: { title: string; bars: Bar[]; unit: string; describedBy: string; decimals?: number; testId?: string }) {
  const { bars } = props;
  const width = Math.max(360, 52 + bars.length * (bars.length > 12 ? 22 : 44));
  const height = 220;
  const margin = { top: 16, right: 8, bottom: 42, left: 44 };
  const max = Math.max(0, ...bars.map((b) => b.value));
  const y = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .nice(4)
    .range([height - margin.bottom, margin.top]);
  const x = scaleBand<string>()
    .domain(bars.map((b) => b.key))
    .range([margin.left, width - margin.right])
    .padding(0.25);
  const ticks = y.ticks(4);
  const r = (n: number) => Math.round(n * 10) / 10;
  return (
    // Focusable: on a phone the chart scrolls inside its box, and a keyboard user must be able to scroll it.
    <div className="stat-chart" data-testid={props.testId} tabIndex={0} role="group" aria-label={props.title}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.title} aria-describedby={props.describedBy}>
        <g className="stat-grid">
          {ticks.map((t) => (
            <line key={t} x1={margin.left} x2={width - margin.right} y1={r(y(t))} y2={r(y(t))} />
          ))}
        </g>
        <g className="stat-axis">
          {ticks.map((t) => (
            <text key={t} x={margin.left - 6} y={r(y(t)) + 4} textAnchor="end">
              {`${danishNumber(t, t % 1 === 0 ? 0 : 1)}${props.unit}`}
            </text>
          ))}
          <line x1={margin.left} x2={width - margin.right} y1={height - margin.bottom} y2={height - margin.bottom} />
        </g>
        {bars.map((b) => {
          const bx = r(x(b.key) ?? 0);
          const top = r(y(b.value));
          return (
            <g key={b.key} data-bar={b.key}>
              <rect className="stat-bar" x={bx} y={top} width={r(x.bandwidth())} height={r(height - margin.bottom - top)} />
              <text x={r(bx + x.bandwidth() / 2)} y={height - margin.bottom + 14} textAnchor="middle">
                {b.label}
              </text>
              {b.sublabel ? (
                <text x={r(bx + x.bandwidth() / 2)} y={height - margin.bottom + 28} textAnchor="middle">
                  {b.sublabel}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/**
 * Deadlines met on time, late and overdue per kind, as stacked horizontal bars. The
 * three parts differ by fill and outline as well as colour, and the table says it in numbers.
 */
export function PunctualityChart(props: { rows: Array<{ id: string; title: string; onTime: number; late: number; overdue: number }>; describedBy: string }) {
  const rowH = 28;
  const margin = { top: 8, right: 16, bottom: 24, left: 8 };
  const labelW = 0;
  const width = 520;
  const height = margin.top + props.rows.length * (rowH + 18) + margin.bottom;
  const max = Math.max(1, ...props.rows.map((r) => r.onTime + r.late + r.overdue));
  const x = scaleLinear()
    .domain([0, max])
    .range([margin.left + labelW, width - margin.right]);
  const r = (n: number) => Math.round(n * 10) / 10;
  return (
    <div className="stat-chart" data-testid="punctuality-chart" tabIndex={0} role="group" aria-label="Frister">
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Frister overholdt til tiden, for sent og overskredet" aria-describedby={props.describedBy}>
        {props.rows.map((row, i) => {
          const top = margin.top + i * (rowH + 18);
          const parts = [
            { cls: "stat-bar stat-bar--ontime", from: 0, n: row.onTime },
            { cls: "stat-bar stat-bar--late", from: row.onTime, n: row.late },
            { cls: "stat-bar stat-bar--overdue", from: row.onTime + row.late, n: row.overdue },
          ];
          return (
            <g key={row.id} data-row={row.id}>
              <text x={margin.left} y={top + 12}>
                {row.title}
              </text>
              {parts.map((p) =>
                p.n > 0 ? <rect key={p.cls} className={p.cls} x={r(x(p.from))} y={top + 16} width={r(x(p.from + p.n) - x(p.from))} height={rowH - 12} /> : null,
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** The key to the punctuality chart's three parts, in words and shapes. */
export function PunctualityKey() {
  const item = (cls: string, label: string) => (
    <li>
      <svg width="18" height="12" viewBox="0 0 18 12" aria-hidden="true" focusable="false" className="timeline-legend-shape">
        <rect className={cls} x="1" y="1" width="16" height="10" />
      </svg>{" "}
      {label}
    </li>
  );
  return (
    <ul className="timeline-key nobullet-list" aria-label="Signaturforklaring">
      {item("stat-bar stat-bar--ontime", "Til tiden (grøn)")}
      {item("stat-bar stat-bar--late", "For sent (rød)")}
      {item("stat-bar stat-bar--overdue", "Overskredet i åbne sager, ikke udført (hvid med rød kant)")}
    </ul>
  );
}

/**
 * The table beside a chart, the same figures in words: the first column names the row, the others
 * are numbers (right-aligned). A table wider than a phone scrolls in its own labelled region.
 */
export function StatTable(props: {
  id: string;
  caption: string;
  columns: readonly string[];
  rows: ReadonlyArray<{ key: string; data: Record<`data-${string}`, string>; header: ReactNode; cells: readonly ReactNode[] }>;
  regionLabel?: string;
}) {
  const [first, ...numbers] = props.columns;
  const table = (
    <table className="table table--zebra table--compact" id={props.id} data-testid={props.id}>
      <caption className="sr-only">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          {numbers.map((label) => (
            <th key={label} scope="col" className="text-align-right">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.key} {...r.data}>
            <th scope="row">{r.header}</th>
            {r.cells.map((cell, i) => (
              <td key={i} className="text-align-right">
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return props.regionLabel ? (
    <div className="table--responsive-scroll" tabIndex={0} role="region" aria-label={props.regionLabel}>
      {table}
    </div>
  ) : (
    table
  );
}
