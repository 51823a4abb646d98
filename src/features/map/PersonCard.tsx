import { Badge, Button, Card, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { MapPerson } from '../../lib/mapApi';
import { BAND_LABEL, FLAG_LABEL } from '../../lib/health';

const useStyles = makeStyles({
  card: { width: '280px', pointerEvents: 'auto', boxShadow: tokens.shadow16 },
  muted: { color: tokens.colorNeutralForeground3 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});

const BAND_BADGE = { good: 'success', fair: 'warning', poor: 'danger', none: 'subtle' } as const;

/** The map's card for one person: who, health and why. */
export function PersonCard({ person, onOpen }: { person: MapPerson; onOpen?: () => void }) {
  const s = useStyles();
  return (
    <Card className={s.card} data-testid="map-card" size="small">
      <Text weight="semibold" size={400}>
        {person.displayName}
      </Text>
      <Text className={s.muted}>{[person.jobTitle, person.function].filter(Boolean).join(' · ')}</Text>
      <div className={s.row}>
        <Badge appearance="filled" color={BAND_BADGE[person.health.band]}>
          {BAND_LABEL[person.health.band]}
        </Badge>
        <Text size={200}>Strength {person.strength.toFixed(1)}</Text>
        {person.calibration.flag ? (
          <Badge appearance="outline" color="important">
            Check: {FLAG_LABEL[person.calibration.flag]}
          </Badge>
        ) : null}
      </div>
      <Text size={200}>{person.explanation}</Text>
      {onOpen ? (
        <Button size="small" appearance="primary" onClick={onOpen}>
          Open details
        </Button>
      ) : null}
    </Card>
  );
}
