import { makeStyles, tokens } from '@fluentui/react-components';
import { scaleBand, scaleLinear } from 'd3-scale';
import type { MonthShare } from '../../lib/mapApi';

const useStyles = makeStyles({
  svg: { width: '100%', maxWidth: '720px', height: 'auto', display: 'block' },
  axis: { fill: tokens.colorNeutralForeground3, fontSize: '11px' },
  meetings: { fill: tokens.colorBrandBackground },
  mail: { fill: tokens.colorNeutralForeground3 },
  grid: { stroke: tokens.colorNeutralStroke3 },
  guide: { stroke: tokens.colorPaletteMarigoldBorderActive, strokeDasharray: '5 3', strokeWidth: 1.5 },
  legend: {
    display: 'flex',
    gap: tokens.spacingHorizontalL,
    flexWrap: 'wrap',
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    marginTop: tokens.spacingVerticalXS,
  },
  swatch: {
    display: 'inline-block',
    width: '12px',
    height: '12px',
    marginRight: '6px',
    verticalAlign: '-1px',
  },
  swatchMeetings: { backgroundColor: tokens.colorBrandBackground },
  swatchMail: { backgroundColor: tokens.colorNeutralForeground3 },
  swatchGuide: {
    borderTop: `2px dashed ${tokens.colorPaletteMarigoldBorderActive}`,
    height: 0,
    verticalAlign: '3px',
  },
});

/** The seeds' rule of thumb: about a third of a seller's time goes to colleagues. */
export const INTERNAL_GUIDE = 0.33;

const monthLabel = (ym: string) =>
  new Date(`${ym}-01T00:00:00Z`).toLocaleDateString(undefined, {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  });
const pct = (v: number | null) => (v === null ? 'none' : `${Math.round(v * 100)} %`);

/** Internal share per month: meeting hours and mail side by side, against the one-third guide. */
export function ShareChart({ months }: { months: MonthShare[] }) {
  const s = useStyles();
  const w = 720;
  const h = 220;
  const m = { top: 12, right: 12, bottom: 26, left: 40 };
  const x = scaleBand<string>()
    .domain(months.map((d) => d.month))
    .range([m.left, w - m.right])
    .padding(0.25);
  const inner = scaleBand<'meetings' | 'mail'>()
    .domain(['meetings', 'mail'])
    .range([0, x.bandwidth()])
    .padding(0.08);
  const y = scaleLinear()
    .domain([0, 1])
    .range([h - m.bottom, m.top]);
  const latest = [...months].reverse().find((d) => d.meetingShare !== null || d.mailShare !== null);
  const summary = latest
    ? `Internal share by month. ${monthLabel(latest.month)}: meetings ${pct(latest.meetingShare)}, mail ${pct(latest.mailShare)}; guide ${Math.round(INTERNAL_GUIDE * 100)} %.`
    : 'Internal share by month: no meetings or mail yet.';
  const bar = (d: MonthShare, series: 'meetings' | 'mail') => {
    const v = series === 'meetings' ? d.meetingShare : d.mailShare;
    if (v === null) return null;
    return (
      <rect
        x={(x(d.month) ?? 0) + (inner(series) ?? 0)}
        width={inner.bandwidth()}
        y={y(v)}
        height={y(0) - y(v)}
        className={series === 'meetings' ? s.meetings : s.mail}
        data-series={series}
      >
        <title>{`${monthLabel(d.month)}: ${series} ${pct(v)} internal`}</title>
      </rect>
    );
  };
  return (
    <figure style={{ margin: 0 }}>
      <svg
        className={s.svg}
        viewBox={`0 0 ${w} ${h}`}
        role="img"
        aria-label={summary}
        data-testid="share-chart"
      >
        {[0, 0.5, 1].map((t) => (
          <g key={t}>
            <line x1={m.left} x2={w - m.right} y1={y(t)} y2={y(t)} className={s.grid} />
            <text x={m.left - 6} y={y(t) + 4} textAnchor="end" className={s.axis}>
              {Math.round(t * 100)}%
            </text>
          </g>
        ))}
        {months.map((d) => (
          <g key={d.month}>
            {bar(d, 'meetings')}
            {bar(d, 'mail')}
            <text x={(x(d.month) ?? 0) + x.bandwidth() / 2} y={h - 8} textAnchor="middle" className={s.axis}>
              {monthLabel(d.month)}
            </text>
          </g>
        ))}
        <line
          x1={m.left}
          x2={w - m.right}
          y1={y(INTERNAL_GUIDE)}
          y2={y(INTERNAL_GUIDE)}
          className={s.guide}
        />
      </svg>
      <figcaption className={s.legend}>
        <span>
          <span className={`${s.swatch} ${s.swatchMeetings}`} aria-hidden />
          Meeting hours
        </span>
        <span>
          <span className={`${s.swatch} ${s.swatchMail}`} aria-hidden />
          Mail
        </span>
        <span>
          <span className={`${s.swatch} ${s.swatchGuide}`} aria-hidden />
          Guide: a third of your time with colleagues
        </span>
      </figcaption>
    </figure>
  );
}
