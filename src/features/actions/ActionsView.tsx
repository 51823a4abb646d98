import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { Empty } from '../../components/LoadError';
import { useCardGridStyles } from '../../components/cardGrid';
import { Section } from '../../components/Section';
import type { ViewProps } from '../map/MapView';
import { saveStakeholder } from '../person/api';

const useStyles = makeStyles({
  item: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    justifyContent: 'space-between',
  },
});

/** What to do next: overdue people, coverage gaps with candidates to add, mentors. */
export default function ActionsView({ map, getToken, onOpen, onChanged }: ViewProps) {
  const s = { ...useCardGridStyles(), ...useStyles() };
  const [adding, setAdding] = useState<string | null>(null);
  const gaps = map.functions.filter((f) => !f.covered && (f.people > 0 || f.candidates.length > 0));
  const add = async (address: string) => {
    setAdding(address);
    try {
      await saveStakeholder(getToken, address, { status: 'accepted' });
      onChanged();
    } finally {
      setAdding(null);
    }
  };
  return (
    <div className={s.grid}>
      <Section title={`Overdue (${map.due.length})`}>
        {!map.due.length ? (
          <Text className={s.muted}>No one is overdue.</Text>
        ) : (
          <ul className={s.list}>
            {map.due.slice(0, 20).map((d) => (
              <li key={d.address} className={s.item}>
                <Button appearance="transparent" onClick={() => onOpen(d.address)}>
                  {d.displayName}
                </Button>
                <Text size={200}>{Math.round(d.daysOverdue)} days overdue</Text>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={`Coverage gaps (${gaps.length})`}>
        {!gaps.length ? (
          <Text className={s.muted}>Every function you work with is covered.</Text>
        ) : (
          <ul className={s.list}>
            {gaps.map((f) => (
              <li key={f.name}>
                <Text weight="semibold">{f.name}</Text>{' '}
                <Text size={200} className={s.muted}>
                  {f.good} of {f.target} good
                </Text>
                <ul className={s.list}>
                  {f.candidates.slice(0, 3).map((c) => (
                    <li key={c.address} className={s.item}>
                      <Text size={200}>
                        {c.displayName}
                        {c.jobTitle ? ` · ${c.jobTitle}` : ''}
                      </Text>
                      <Button
                        size="small"
                        disabled={adding === c.address}
                        onClick={() => void add(c.address)}
                        aria-label={`Add ${c.displayName}`}
                      >
                        Add
                      </Button>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Mentors to consider">
        {!map.mentors.length ? (
          <Empty>No mentor suggestions yet.</Empty>
        ) : (
          <ul className={s.list}>
            {map.mentors.map((m) => (
              <li key={m.id}>
                <Text weight="semibold">{m.displayName}</Text>
                {m.jobTitle ? <Text className={s.muted}> · {m.jobTitle}</Text> : null}
                <br />
                <Text size={200}>{m.why}</Text>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
