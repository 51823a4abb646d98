import { Badge, Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { Empty } from '../../components/LoadError';
import { useCardGridStyles } from '../../components/cardGrid';
import { Section } from '../../components/Section';
import { isStakeholder } from '../../lib/stakeholder';
import type { ViewProps } from '../../components/viewProps';
import { saveStakeholder } from '../../lib/stakeholderApi';
import { proposalCount, proposalOrder } from './proposals';

const useStyles = makeStyles({
  item: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    justifyContent: 'space-between',
  },
  who: { display: 'grid' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalXS, flexShrink: 0 },
  heading: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline', flexWrap: 'wrap' },
});

/**
 * What to do next: overdue stakeholders; the people Rapport proposes per function (from who the
 * user already meets, then the directory's most senior), to add or set aside — the first-run
 * banner's "Review proposals" leads here; and mentors.
 */
export default function ActionsView({ map, getToken, onOpen, onChanged, onSuggest }: ViewProps) {
  const s = { ...useCardGridStyles(), ...useStyles() };
  const [busy, setBusy] = useState<string | null>(null);
  const functions = proposalOrder(map.functions);
  const proposals = proposalCount(map.functions);
  const chosen = map.people.some(isStakeholder);
  const decide = async (address: string, status: 'accepted' | 'rejected') => {
    setBusy(address);
    try {
      await saveStakeholder(getToken, address, { status });
      onChanged();
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className={s.grid}>
      <Section title={`Overdue (${map.due.length})`}>
        {onSuggest ? (
          <div>
            <Button appearance="primary" onClick={() => onSuggest()}>
              Plan lunches and coffees
            </Button>
          </div>
        ) : null}
        {map.due.length ? (
          <ul className={s.list}>
            {map.due.slice(0, 20).map((d) => (
              <li key={d.address} className={s.item}>
                <Button appearance="transparent" onClick={() => onOpen(d.address)}>
                  {d.displayName}
                </Button>
                <span className={s.buttons}>
                  <Text size={200}>{Math.round(d.daysOverdue)} days overdue</Text>
                  {onSuggest ? (
                    <Button
                      size="small"
                      onClick={() => onSuggest(d.address)}
                      aria-label={`Suggest a time with ${d.displayName}`}
                    >
                      Suggest a time
                    </Button>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <Text className={s.muted}>
            {chosen
              ? 'No one is overdue.'
              : 'No stakeholders on your map yet: add the people critical to your success, and who is overdue shows here.'}
          </Text>
        )}
      </Section>
      <Section title={`Proposed stakeholders (${proposals})`} testId="proposals">
        {!functions.length ? (
          <Text className={s.muted}>
            Nothing to propose: every function you work with has people on your map or set aside.
          </Text>
        ) : (
          <ul className={s.list}>
            {functions.map((f) => (
              <li key={f.name}>
                <span className={s.heading}>
                  <Text weight="semibold">{f.name}</Text>
                  <Text size={200} className={s.muted}>
                    {f.good} of {f.target} good
                  </Text>
                  {f.covered ? null : (
                    <Badge appearance="tint" color="warning" size="small">
                      coverage gap
                    </Badge>
                  )}
                </span>
                {f.candidates.length ? (
                  <ul className={s.list}>
                    {f.candidates.map((c) => (
                      <li key={c.address} className={s.item} data-testid="proposal">
                        <span className={s.who}>
                          <Text size={200}>
                            {c.displayName}
                            {c.jobTitle ? ` · ${c.jobTitle}` : ''}
                          </Text>
                          <Text size={100} className={s.muted}>
                            {c.source === 'directory'
                              ? 'Senior in this function, from the directory'
                              : c.strength >= 1
                                ? `Already in touch · strength ${Math.round(c.strength)} of 100`
                                : 'Already in touch, rarely'}
                          </Text>
                        </span>
                        <span className={s.buttons}>
                          <Button
                            size="small"
                            disabled={busy === c.address}
                            onClick={() => void decide(c.address, 'accepted')}
                            aria-label={`Add ${c.displayName}`}
                          >
                            Add
                          </Button>
                          <Button
                            size="small"
                            appearance="subtle"
                            disabled={busy === c.address}
                            onClick={() => void decide(c.address, 'rejected')}
                            aria-label={`Not now: ${c.displayName}`}
                          >
                            Not now
                          </Button>
                        </span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <Text size={200} className={s.muted}>
                    {' '}
                    No one left to propose: deepen the relationships you have.
                  </Text>
                )}
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
