import { scaleLinear } from "d3-scale";
import { formatDanishDate } from "~/domain/dates";
import type { AbsenceTimeline, MarkerState, TimelineMarker } from "~/domain/absence-timeline";

/** What each state is called and drawn as: the shape carries the state for readers who cannot tell the colours apart. */
export const MARKER_STATES: Record<MarkerState, { label: string; shape: string }> = {
  done: { label: "Udført til tiden", shape: "fyldt cirkel" },
  "done-late": { label: "Udført efter fristen", shape: "firkant" },
  overdue: { label: "Overskredet", shape: "trekant" },
  "due-soon": { label: "Snart", shape: "rombe" },
  upcoming: { label: "Kommende", shape: "åben cirkel" },
};

const LEGEND_ORDER: MarkerState[] = ["upcoming", "due-soon", "overdue", "done", "done-late"];

/**
 * The drawing is sized in screen pixels (CSP allows no inline style, so nothing scales it on
 * screen): a day is PX_PER_DAY wide, a short absence is stretched to MIN_WIDTH, and a drawing
 * wider than its box scrolls inside it (a phone). Print scales it to the page.
 */
const PX_PER_DAY = 5;
const MIN_WIDTH = 720;
const MARGIN = { left: 12, right: 40 };
const BAND_Y = 22;
const BAND_H = 14;
const AXIS_Y = 62;
const LANE_Y = 88;
const LANE_H = 26;
/** Room a marker takes on its lane: the shape and its number. */
const MARKER_W = 34;
const R = 6;
const TODAY_LABEL_H = 14;

function Shape({ state, x, y }: { state: MarkerState; x: number; y: number }) {
  const cls = `timeline-marker timeline-marker--${state}`;
  switch (state) {
    case "done":
      return <circle className={cls} cx={x} cy={y} r={R} />;
    case "upcoming":
      return <circle className={cls} cx={x} cy={y} r={R - 1} />;
    case "done-late":
      return <rect className={cls} x={x - R + 0.5} y={y - R + 0.5} width={2 * R - 1} height={2 * R - 1} />;
    case "overdue":
      return <polygon className={cls} points={`${x},${y - R - 1} ${x + R + 1},${y + R} ${x - R - 1},${y + R}`} />;
    case "due-soon":
      return <polygon className={cls} points={`${x},${y - R - 1} ${x + R + 1},${y} ${x},${y + R + 1} ${x - R - 1},${y}`} />;
  }
}

/** Markers on lanes below the axis, so those on nearby days do not cover each other. */
function lanes(markers: TimelineMarker[], x: (offset: number) => number): number[] {
  const lastX: number[] = [];
  return markers.map((m) => {
    const mx = x(m.offset + 0.5);
    let lane = lastX.findIndex((lx) => mx - lx >= MARKER_W);
    if (lane === -1) lane = lastX.length;
    lastX[lane] = mx;
    return lane;
  });
}

function LegendShape({ state }: { state: MarkerState }) {
  return (
    <svg className="timeline-legend-shape" width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      <Shape state={state} x={9} y={9} />
    </svg>
  );
}

/**
 * The timeline of an absence as server-rendered SVG. The drawing is one image with a
 * title and a description; the numbered list under it says the same in words, and
 * the deadline table (tableId) has every detail.
 */
export function AbsenceTimelinePicture({ timeline: t, idPrefix = "timeline", tableId }: { timeline: AbsenceTimeline; idPrefix?: string; tableId?: string }) {
  const axisWidth = Math.max(t.days * PX_PER_DAY, MIN_WIDTH - MARGIN.left - MARGIN.right);
  const width = MARGIN.left + axisWidth + MARGIN.right;
  const scale = scaleLinear().domain([0, t.days]).range([MARGIN.left, MARGIN.left + axisWidth]);
  // A tenth of a pixel is finer than any screen; longer decimals only make the page heavier.
  const x = (offset: number) => Math.round(scale(offset) * 10) / 10;
  const markerLanes = lanes(t.markers, x);
  const laneCount = Math.max(1, ...markerLanes.map((l) => l + 1));
  // The today line is labelled at its foot, so its label never meets the return's or the limit's at the top.
  const height = LANE_Y + laneCount * LANE_H + TODAY_LABEL_H;
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  const listId = `${idPrefix}-list`;
  const range = `${formatDanishDate(t.start)} til ${formatDanishDate(t.end)}`;
  const desc =
    `${t.weeks.length} uger fra første fraværsdag ${formatDanishDate(t.start)}.` +
    (t.employerPeriod ? ` Arbejdsgiverperioden ${formatDanishDate(t.employerPeriod.from)}–${formatDanishDate(t.employerPeriod.to)}.` : "") +
    (t.fastTrackWindow ? ` Fast track kan anmodes til og med ${formatDanishDate(t.fastTrackWindow.to)}.` : "") +
    (t.today ? ` I dag er ${formatDanishDate(t.today.date)}.` : "") +
    ` ${t.markers.length === 1 ? "1 frist" : `${t.markers.length} frister`}, oplistet under tegningen.`;
  const vLine = (offset: number, cls: string, label: string) => (
    <g className={cls}>
      <line x1={x(offset)} x2={x(offset)} y1={BAND_Y - 8} y2={height - TODAY_LABEL_H} />
      <text x={x(offset) - 3} y={BAND_Y - 10} textAnchor="end">
        {label}
      </text>
    </g>
  );

  return (
    <figure className="absence-timeline" data-testid="absence-timeline">
      <div className="absence-timeline-scroll" tabIndex={0} role="group" aria-label={`Tidslinje, ${range}`}>
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          aria-describedby={tableId ? `${listId} ${tableId}` : listId}
        >
          <title id={titleId}>{`Tidslinje for fraværet, ${range}`}</title>
          <desc id={descId}>{desc}</desc>
          {t.employerPeriod ? (
            <g className="timeline-band timeline-band--employer" data-band="employer-period">
              <rect x={x(t.employerPeriod.fromOffset)} y={BAND_Y} width={x(t.employerPeriod.toOffset) - x(t.employerPeriod.fromOffset)} height={BAND_H} />
              <text x={x(t.employerPeriod.toOffset) + 4} y={BAND_Y + BAND_H - 3}>
                Arbejdsgiverperiode
              </text>
            </g>
          ) : null}
          {t.fastTrackWindow ? (
            <g className="timeline-band timeline-band--fast-track" data-band="fast-track-window">
              <rect
                x={x(t.fastTrackWindow.fromOffset)}
                y={BAND_Y + BAND_H + 2}
                width={x(t.fastTrackWindow.toOffset) - x(t.fastTrackWindow.fromOffset)}
                height={BAND_H - 4}
              />
              <text x={x(t.fastTrackWindow.toOffset) + 4} y={BAND_Y + 2 * BAND_H - 3}>
                Fast track muligt
              </text>
            </g>
          ) : null}
          <g className="timeline-axis">
            <line x1={x(0)} x2={x(t.days)} y1={AXIS_Y} y2={AXIS_Y} />
            {t.weeks.map((w) => (
              <g key={w.week}>
                <line x1={x(w.offset)} x2={x(w.offset)} y1={AXIS_Y - 4} y2={AXIS_Y + 4} />
                <text x={x(w.offset + 3.5)} y={AXIS_Y + 14} textAnchor="middle">
                  {w.week}
                </text>
              </g>
            ))}
          </g>
          {t.durationLimit ? vLine(t.durationLimit.offset, "timeline-line timeline-line--limit", "Varighedsgrænse") : null}
          {t.returnedOn ? vLine(t.returnedOn.offset, "timeline-line timeline-line--returned", "Raskmeldt") : null}
          {t.today ? (
            <g className="timeline-line timeline-line--today" data-testid="timeline-today">
              <line x1={x(t.today.offset + 0.5)} x2={x(t.today.offset + 0.5)} y1={BAND_Y - 8} y2={height - TODAY_LABEL_H} />
              <text x={x(t.today.offset + 0.5)} y={height - 3} textAnchor="middle">
                I dag
              </text>
            </g>
          ) : null}
          {t.markers.map((m, i) => {
            const mx = x(m.offset + 0.5);
            const my = LANE_Y + markerLanes[i]! * LANE_H;
            return (
              <g key={m.id} className="timeline-marker-group" data-marker={m.id} data-state={m.state}>
                <line className="timeline-stem" x1={mx} x2={mx} y1={AXIS_Y} y2={my - R} />
                <Shape state={m.state} x={mx} y={my} />
                <text className="timeline-marker-number" x={mx + R + 3} y={my + 4}>
                  {m.number}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption>
        <p className="form-hint timeline-axis-caption">Ugenumre fra første fraværsdag.{t.todayAfterEnd ? " I dag ligger efter tidslinjens sidste dag." : ""}</p>
        <ol className="timeline-list nobullet-list" id={listId}>
          {t.markers.map((m) => (
            <li key={m.id} data-marker={m.id}>
              <LegendShape state={m.state} /> <span className="timeline-list-number">{m.number}.</span> {m.title}: <time dateTime={m.date}>{formatDanishDate(m.date)}</time> –{" "}
              {MARKER_STATES[m.state].label}
            </li>
          ))}
        </ol>
        <ul className="timeline-key nobullet-list" aria-label="Signaturforklaring">
          {LEGEND_ORDER.map((s) => (
            <li key={s}>
              <LegendShape state={s} /> {MARKER_STATES[s].label} ({MARKER_STATES[s].shape})
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
