import { makeStyles, tokens } from '@fluentui/react-components';
import { scaleBand, scaleLinear } from 'd3-scale';
import type { MonthShare } from '../map/api';

const useStyles = makeStyles({
  svg: { width: '100%', maxWidth: '640px', height: 'auto', display: 'block' },
  axis: { fill: tokens.colorNeutralForeground3, fontSize: '10px' },
  bar: { fill: tokens.colorBrandBackground },
  grid: { stroke: tokens.colorNeutralStroke3 },
});

/** Internal share of meeting hours per month, as bars (months without meetings are left empty). */
export function ShareChart({ months }: { months: MonthShare[] }) {
  const s = useStyles();
  const w = 640;
  const h = 200;
  const m = { top: 10, right: 10, bottom: 24, left: 34 };
  const x = scaleBand<string>()
    .domain(months.map((d) => d.month))
    .range([m.left, w - m.right])
    .padding(0.2);
  const y = scaleLinear()
    .domain([0, 1])
    .range([h - m.bottom, m.top]);
  return (
    <svg
      className={s.svg}
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label="Internal share of meetings by month"
      data-testid="share-chart"
    >
      {[0, 0.5, 1].map((t) => (
        <g key={t}>
          <line x1={m.left} x2={w - m.right} y1={y(t)} y2={y(t)} className={s.grid} />
          <text x={m.left - 4} y={y(t) + 3} textAnchor="end" className={s.axis}>
            {Math.round(t * 100)}%
          </text>
        </g>
      ))}
      {months.map((d) => {
        const v = d.meetingShare ?? d.mailShare;
        return (
          <g key={d.month}>
            {v !== null ? (
              <rect x={x(d.month)} width={x.bandwidth()} y={y(v)} height={y(0) - y(v)} className={s.bar}>
                <title>{`${d.month}: ${Math.round(v * 100)}% internal`}</title>
              </rect>
            ) : null}
            <text x={(x(d.month) ?? 0) + x.bandwidth() / 2} y={h - 8} textAnchor="middle" className={s.axis}>
              {d.month.slice(2)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
