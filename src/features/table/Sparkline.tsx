import { tokens } from '@fluentui/react-components';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';

/** A tiny inline line of a person's monthly strength, oldest first. */
export function Sparkline({ series, label }: { series: number[]; label: string }) {
  const w = 64;
  const h = 18;
  if (series.length < 2) return null;
  const x = scaleLinear()
    .domain([0, series.length - 1])
    .range([1, w - 1]);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...series)])
    .range([h - 2, 2]);
  const d = line<number>()
    .x((_, i) => x(i))
    .y((v) => y(v))(series);
  return (
    <svg width={w} height={h} role="img" aria-label={label} data-testid="sparkline">
      <path d={d ?? ''} style={{ fill: 'none', stroke: tokens.colorBrandForeground1, strokeWidth: 1.5 }} />
    </svg>
  );
}
