import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { MapLayout } from './layout';

const useStyles = makeStyles({
  sector: { fill: tokens.colorNeutralBackground1, stroke: tokens.colorNeutralStroke2 },
  sectorAlt: { fill: tokens.colorNeutralBackground3 },
  ring: { fill: 'none', stroke: tokens.colorNeutralStroke3, strokeDasharray: '2 4' },
  ringLabel: { fill: tokens.colorNeutralForeground4, fontSize: '10px' },
  fnLabel: { fill: tokens.colorNeutralForeground2, fontSize: '12px', fontWeight: 600 },
  you: { fill: tokens.colorBrandBackground },
  youText: { fill: tokens.colorNeutralForegroundOnBrand, fontSize: '13px', fontWeight: 600 },
});

/** What the people are drawn on: a sector per function (named, with its count), strength rings, you. */
export function MapBackdrop({ layout }: { layout: MapLayout<unknown> }) {
  const s = useStyles();
  return (
    <>
      {layout.sectors.map((sec, i) => (
        <g key={sec.name}>
          <path d={sec.path} className={mergeClasses(s.sector, i % 2 ? s.sectorAlt : undefined)} />
          <text
            x={sec.label.x}
            y={sec.label.y}
            textAnchor={sec.label.anchor}
            dominantBaseline="middle"
            className={s.fnLabel}
          >
            {sec.name} ({sec.count})
          </text>
        </g>
      ))}
      {layout.rings.map((r) => (
        <g key={r.r} aria-hidden="true">
          <circle r={r.r} className={s.ring} />
          <text x={3} y={-r.r - 2} className={s.ringLabel}>
            {r.strength}
          </text>
        </g>
      ))}
      <circle r={layout.inner - 6} className={s.you} />
      <text textAnchor="middle" dominantBaseline="middle" className={s.youText}>
        You
      </text>
    </>
  );
}
