import {
  Badge,
  Button,
  Checkbox,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { LoadError } from '../../components/LoadError';
import { useCardGridStyles } from '../../components/cardGrid';
import { Section } from '../../components/Section';
import { ViewSkeleton } from '../../components/ViewSkeleton';
import type { TokenSource } from '../../lib/api';
import { type Review, saveRating, takeSnapshot, useReview } from './api';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  stars: { display: 'flex', gap: tokens.spacingHorizontalXXS },
});

const BAND: Record<string, string> = { good: 'Good', fair: 'Fair', poor: 'Poor', none: 'No evidence' };

function ReRate({ item, getToken }: { item: Review['reRate'][number]; getToken: TokenSource }) {
  const s = { ...useCardGridStyles(), ...useStyles() };
  const [rating, setRating] = useState(item.selfRating);
  const [saving, setSaving] = useState(false);
  const rate = async (n: number) => {
    setSaving(true);
    try {
      await saveRating(getToken, item.address, n);
      setRating(n);
    } finally {
      setSaving(false);
    }
  };
  return (
    <li className={s.row}>
      <Text weight="semibold">{item.displayName}</Text>
      <Badge appearance="tint">evidence: {BAND[item.band] ?? item.band}</Badge>
      <span className={s.stars} role="group" aria-label={`Your rating of ${item.displayName}`}>
        {[1, 2, 3, 4, 5].map((n) => (
          <Button
            key={n}
            size="small"
            appearance={rating !== null && n <= rating ? 'primary' : 'outline'}
            aria-pressed={rating === n}
            aria-label={`${n} of 5`}
            disabled={saving}
            onClick={() => void rate(n)}
          >
            {n}
          </Button>
        ))}
      </span>
    </li>
  );
}

/**
 * The monthly review ("monitor monthly and take action"): what changed since last month's
 * snapshot, who slipped, who is due, the ratings to look at again, and next actions to pick.
 */
export default function ReviewView({
  getToken,
  onSuggest,
}: {
  getToken: TokenSource;
  /** Opens the Suggestions view (for one due person, proposing a time with them first). */
  onSuggest?: (address?: string) => void;
}) {
  const s = { ...useCardGridStyles(), ...useStyles() };
  const { result, reload } = useReview(getToken);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [saved, setSaved] = useState<string | null>(null);
  if (result.state === 'loading') return <ViewSkeleton />;
  if (result.state === 'error')
    return <LoadError what="your monthly review" error={result.error} retry={reload} />;
  const r = result.data;
  const close = async () => {
    const snap = await takeSnapshot(getToken);
    setSaved(snap.month);
    reload();
  };
  return (
    <div className={s.grid} data-testid="monthly-review">
      <Section title={r.since ? `Since ${r.since}` : 'Your first review'} testId="review-changes">
        {!r.since ? (
          <Text className={s.muted}>
            No earlier snapshot yet: close this review to keep one, and next month shows what changed.
          </Text>
        ) : !r.slipped.length && !r.improved.length && !r.newPeople.length ? (
          <Text className={s.muted}>No relationship changed band since {r.since}.</Text>
        ) : (
          <ul className={s.list}>
            {r.slipped.map((c) => (
              <li key={`s-${c.address}`} className={s.row}>
                <Badge color="danger">slipped</Badge>
                {c.displayName}: {BAND[c.from]} → {BAND[c.to]}
              </li>
            ))}
            {r.improved.map((c) => (
              <li key={`i-${c.address}`} className={s.row}>
                <Badge color="success">improved</Badge>
                {c.displayName}: {BAND[c.from]} → {BAND[c.to]}
              </li>
            ))}
            {r.newPeople.map((c) => (
              <li key={`n-${c.address}`} className={s.row}>
                <Badge color="informative">new</Badge>
                {c.displayName}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={`Due (${r.due.length})`}>
        {!r.due.length ? (
          <Text className={s.muted}>
            {r.stakeholders
              ? 'Nobody on your map is due.'
              : 'No stakeholders on your map yet: accept the proposed ones (Next actions), and who is due shows here.'}
          </Text>
        ) : (
          <ul className={s.list}>
            {r.due.slice(0, 12).map((d) => (
              <li key={d.address} className={s.row}>
                <Text weight="semibold">{d.displayName}</Text>
                <Text className={s.muted}>
                  {d.daysOverdue > 0
                    ? `${d.daysOverdue} days overdue`
                    : `due ${new Date(d.dueDate).toLocaleDateString()}`}
                </Text>
                {onSuggest ? (
                  <Button
                    size="small"
                    onClick={() => onSuggest(d.address)}
                    aria-label={`Suggest a time with ${d.displayName}`}
                  >
                    Suggest a time
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {onSuggest ? (
          <div>
            <Button appearance="primary" onClick={() => onSuggest()}>
              Plan lunches and coffees
            </Button>
          </div>
        ) : null}
      </Section>
      <Section title="Re-rate" testId="review-rerate">
        {!r.reRate.length ? (
          <Text className={s.muted}>
            {r.stakeholders
              ? 'Your ratings agree with the evidence.'
              : 'Nothing to re-rate yet: rate your stakeholders once they are on your map.'}
          </Text>
        ) : (
          <ul className={s.list}>
            {r.reRate.slice(0, 10).map((item) => (
              <ReRate key={item.address} item={item} getToken={getToken} />
            ))}
          </ul>
        )}
      </Section>
      <Section title="Coverage, 3 deep">
        <ul className={s.list}>
          {r.coverage.map((c) => (
            <li key={c.name} className={s.row}>
              <Text>{c.name}</Text>
              <Badge color={c.good >= c.target ? 'success' : 'warning'}>
                {c.good} of {c.target}
              </Badge>
              {c.was !== null && c.was !== c.good ? <Text className={s.muted}>(was {c.was})</Text> : null}
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Pick this month's actions" testId="review-actions">
        <ul className={s.list}>
          {r.suggestedActions.map((a) => (
            <li key={a}>
              <Checkbox
                label={a}
                checked={picked.has(a)}
                onChange={(_, d) =>
                  setPicked((p) => {
                    const next = new Set(p);
                    if (d.checked) next.add(a);
                    else next.delete(a);
                    return next;
                  })
                }
              />
            </li>
          ))}
        </ul>
        <Button appearance="primary" onClick={() => void close()}>
          Close this month's review
        </Button>
        {saved ? (
          <MessageBar intent="success" role="status">
            <MessageBarBody>
              Kept as the {saved} snapshot: next month's review starts from here.
            </MessageBarBody>
          </MessageBar>
        ) : null}
      </Section>
    </div>
  );
}
