import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { BAND_LABEL } from '../../lib/health';
import { BAND_COLOR, BAND_STROKE, bandPath, FLAG_COLOR, STAKEHOLDER_STROKE } from './bandStyle';

const useStyles = makeStyles({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    justifyContent: 'center',
    marginTop: tokens.spacingVerticalM,
  },
  key: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
});

/** What the dots' shapes, colours, rings and outlines mean. */
export function MapLegend() {
  const s = useStyles();
  return (
    <div className={s.legend} aria-label="Legend">
      {(['good', 'fair', 'poor', 'none'] as const).map((b) => (
        <span key={b} className={s.key}>
          <svg width="14" height="14" aria-hidden="true">
            <path
              transform="translate(7 7)"
              d={bandPath(b, 5)}
              style={{ fill: BAND_COLOR[b], stroke: BAND_STROKE[b] }}
            />
          </svg>
          <Text size={200}>{BAND_LABEL[b]}</Text>
        </span>
      ))}
      <span className={s.key}>
        <svg width="18" height="18" aria-hidden="true">
          <circle cx="9" cy="9" r="4" style={{ fill: BAND_COLOR.none }} />
          <circle cx="9" cy="9" r="7.5" style={{ fill: 'none', stroke: FLAG_COLOR, strokeWidth: 2 }} />
        </svg>
        <Text size={200}>Your rating disagrees with the evidence</Text>
      </span>
      <span className={s.key}>
        <svg width="14" height="14" aria-hidden="true">
          <path
            transform="translate(7 7)"
            d={bandPath('good', 5)}
            style={{ fill: BAND_COLOR.good, stroke: STAKEHOLDER_STROKE, strokeWidth: 2 }}
          />
        </svg>
        <Text size={200}>Outlined, name in bold: your stakeholder</Text>
      </span>
    </div>
  );
}
