import { Button, Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { AutomatedSenderWire } from '../../../contract/settings';
import { LoadError } from '../../components/LoadError';
import { ViewSkeleton } from '../../components/ViewSkeleton';
import { ApiError, type TokenSource } from '../../lib/api';
import { type SenderLists, withSenderChoice } from '../../lib/senderLists';
import { currentSettings, saveSettings, useAutomatedSenders } from './api';
import { type SaveOutcome, SaveStatus } from './SaveStatus';

const useStyles = makeStyles({
  section: { display: 'grid', gap: tokens.spacingVerticalM },
  list: { display: 'grid', gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: 'none' },
  item: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  who: { display: 'grid', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  mark: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
});

type Change = { add?: keyof SenderLists; address: string };

/**
 * "Not counted as colleagues (looks automated)": every address the map leaves out because the
 * evidence says it is a machine or a list, with that evidence, and the undo ("Count as a
 * colleague"); an address can be marked as automated too. Each change is its own PATCH of the two
 * lists, read afresh, so it never overwrites the rest of the settings.
 */
export function AutomatedSenders({ getToken }: { getToken: TokenSource }) {
  const s = useStyles();
  const { result, reload } = useAutomatedSenders(getToken);
  const [address, setAddress] = useState('');
  const [status, setStatus] = useState<SaveOutcome | null>(null);
  const change = async ({ add, address: raw }: Change) => {
    const a = raw.trim().toLowerCase();
    setStatus(null);
    try {
      await saveSettings(getToken, withSenderChoice(await currentSettings(getToken), a, add));
      setStatus({
        ok: true,
        text:
          add === 'markedAutomated'
            ? `${a} is no longer counted as a colleague`
            : `${a} counts as a colleague again`,
      });
      reload();
    } catch (e) {
      setStatus({ ok: false, text: e instanceof ApiError ? (e.detail ?? e.title) : String(e) });
    }
  };
  const item = (x: AutomatedSenderWire) => (
    <li key={x.address} className={s.item}>
      <div className={s.who}>
        <Text weight="semibold">{x.displayName ? `${x.displayName} (${x.address})` : x.address}</Text>
        <Text size={200}>{x.why}</Text>
      </div>
      {x.reason === 'marked' ? (
        <Button onClick={() => void change({ address: x.address })} aria-label={`Count again: ${x.address}`}>
          Count again
        </Button>
      ) : (
        <Button
          onClick={() => void change({ add: 'countAsColleagues', address: x.address })}
          aria-label={`Count as a colleague: ${x.address}`}
        >
          Count as a colleague
        </Button>
      )}
    </li>
  );
  return (
    <section className={s.section} aria-labelledby="automated-heading">
      <Text as="h2" size={500} weight="semibold" id="automated-heading">
        Not counted as colleagues (looks automated)
      </Text>
      <Text>
        Addresses you never wrote to or met whose mail looks automated or sent to lists: system and list
        addresses, mail that reaches you only through lists, broadcasts, and addresses your directory has no
        person for. They are not on your map nor suggested.
      </Text>
      {result.state === 'loading' ? (
        <ViewSkeleton label="Loading senders that look automated" />
      ) : result.state === 'error' ? (
        <LoadError what="the senders that look automated" error={result.error} retry={reload} />
      ) : result.data.senders.length === 0 ? (
        <Text italic>None: everyone you hear from counts.</Text>
      ) : (
        <ul className={s.list} aria-label="Not counted as colleagues">
          {result.data.senders.map(item)}
        </ul>
      )}
      <form
        className={s.mark}
        onSubmit={(e) => {
          e.preventDefault();
          if (address.trim()) void change({ add: 'markedAutomated', address }).then(() => setAddress(''));
        }}
      >
        <Field label="Mark an address as automated">
          <Input type="email" value={address} onChange={(_, d) => setAddress(d.value)} />
        </Field>
        <Button type="submit">Mark as automated</Button>
      </form>
      <SaveStatus status={status} />
    </section>
  );
}
