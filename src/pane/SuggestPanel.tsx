import { Button, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useState } from 'react';
import { SuggestionCard } from '../features/suggestions/SuggestionCard';
import {
  anotherTime,
  dismissSuggestion,
  sendSuggestion,
  snoozeSuggestion,
  type Suggestion,
  suggestFor,
} from '../features/suggestions/api';
import type { TokenSource } from '../lib/api';
import type { MapPerson } from '../lib/mapApi';
import { errorText, type Note } from './ColleagueCard';

/** Lunch or coffee with them: the suggestions engine's proposal, its slots, preview and send. */
export default function SuggestPanel({
  person,
  getToken,
  onDone,
}: {
  person: MapPerson;
  getToken: TokenSource;
  onDone: (n: Note) => void;
}) {
  const [s, setS] = useState<Suggestion | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'busy'>('idle');
  const [message, setMessage] = useState<{
    intent: 'error' | 'success' | 'info' | 'warning';
    text: string;
  } | null>(null);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const act = async (f: () => Promise<void>) => {
    setState('busy');
    setMessage(null);
    try {
      await f();
    } catch (e) {
      setMessage({ intent: 'error', text: errorText(e) });
    } finally {
      setState('idle');
    }
  };
  if (!s) {
    return (
      <div>
        <Button
          appearance="primary"
          disabled={state !== 'idle'}
          onClick={() =>
            void act(async () => {
              setState('loading');
              setS((await suggestFor(getToken, person.address)).suggestion);
            })
          }
        >
          Find a time with {person.displayName.split(' ')[0]}
        </Button>
        {state === 'loading' ? <Spinner size="tiny" label="Looking for mutual free time…" /> : null}
        {message ? (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{message.text}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
    );
  }
  return (
    <SuggestionCard
      s={s}
      zone={zone}
      // The server holds the weekly budget and answers 409 budget_exhausted: Send stays enabled here.
      budget={{ weekly: 1, remaining: 1 }}
      busy={state !== 'idle'}
      message={message}
      asked
      actions={{
        onSend: (x, start) =>
          void act(async () => {
            const sent = await sendSuggestion(getToken, x.id, start);
            onDone({
              intent: 'success',
              text: `Invite sent to ${sent.invite.person.displayName} (${sent.budget.remaining} of ${sent.budget.weekly} left this week).`,
            });
          }),
        onAnother: (x) => void act(async () => setS((await anotherTime(getToken, x.id)).suggestion)),
        onSnooze: (x) =>
          void act(async () => {
            await snoozeSuggestion(getToken, x.id, 7);
            onDone({ intent: 'success', text: 'Snoozed for a week.' });
          }),
        onDismiss: (x, scope) =>
          void act(async () => {
            await dismissSuggestion(getToken, x.id, scope);
            onDone({ intent: 'success', text: 'Dismissed.' });
          }),
      }}
    />
  );
}
