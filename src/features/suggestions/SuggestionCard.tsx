import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Menu,
  MenuButton,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarBody,
  makeStyles,
  mergeClasses,
  Radio,
  RadioGroup,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useId, useRef, useState } from 'react';
import type { Suggestion } from './api';
import {
  chosenSlot,
  formatSlot,
  kindLine,
  SOURCE_LABEL,
  sendBlocked,
  snoozedLabel,
  theirTime,
} from './format';

export const useCardStyles = makeStyles({
  card: {
    display: 'grid',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  asked: { border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}` },
  dimmed: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
  },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline', flexWrap: 'wrap' },
  name: { margin: 0, ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  slotText: { display: 'grid' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    '& dd': { margin: 0 },
    '& dt': { color: tokens.colorNeutralForeground3 },
  },
  body: {
    whiteSpace: 'pre-wrap',
    fontFamily: tokens.fontFamilyBase,
    margin: 0,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
});

export interface CardMessage {
  intent: 'success' | 'warning' | 'error' | 'info';
  text: string;
}

export interface CardActions {
  onSend: (s: Suggestion, start: string) => void;
  onAnother: (s: Suggestion) => void;
  onSnooze: (s: Suggestion) => void;
  onDismiss: (s: Suggestion, scope: 'suggestion' | 'person') => void;
}

const firstName = (name: string) => name.split(' ')[0] || name;

/** Exactly what the colleague receives, for the chosen slot: subject, time, place, body. */
function Preview({
  s,
  start,
  zone,
  blocked,
  onSend,
}: {
  s: Suggestion;
  start: string | null;
  zone: string;
  blocked: string | null;
  onSend: () => void;
}) {
  const c = useCardStyles();
  const slot = s.slots.find((x) => x.start === start) ?? null;
  const theirs = slot ? theirTime(slot, zone, s.theirTimeZone) : null;
  const where = [s.preview.location, s.preview.online ? 'Teams meeting' : null].filter(Boolean).join(' · ');
  return (
    <Dialog>
      <DialogTrigger disableButtonEnhancement>
        <Button>Preview</Button>
      </DialogTrigger>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>What {s.person.displayName} will receive</DialogTitle>
          <DialogContent>
            <dl className={c.facts} data-testid="invite-preview">
              <dt>To</dt>
              <dd>
                {s.person.displayName} ({s.person.address})
              </dd>
              <dt>Subject</dt>
              <dd>{s.preview.subject}</dd>
              <dt>When</dt>
              <dd>
                {slot ? formatSlot(slot, zone) : 'No time chosen'}
                {theirs ? (
                  <>
                    <br />
                    <Text size={200}>{theirs}</Text>
                  </>
                ) : null}
              </dd>
              <dt>Where</dt>
              <dd>{where || '—'}</dd>
              <dt>Message</dt>
              <dd>
                <pre className={c.body}>{s.preview.body}</pre>
              </dd>
            </dl>
            <Text size={200} className={c.muted}>
              Only this is sent: none of your notes, ratings or why Rapport suggests them.
            </Text>
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">Close</Button>
            </DialogTrigger>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="primary" disabled={blocked !== null} onClick={onSend}>
                Send this invite
              </Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** One proposal: who, what, why, three times to choose from, the preview and the actions. */
export function SuggestionCard({
  s,
  zone,
  budget,
  busy,
  message,
  focus,
  asked = false,
  actions,
}: {
  s: Suggestion;
  /** The user's zone: the slots are shown in it. */
  zone: string;
  budget: { weekly: number; remaining: number };
  busy: boolean;
  message?: CardMessage | null;
  /** Moves focus to the card's heading (asked for, or taking the place of one just sent). */
  focus?: boolean;
  asked?: boolean;
  actions: CardActions;
}) {
  const c = useCardStyles();
  const headingId = useId();
  const reasonId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const start = chosenSlot(s.slots, picked);
  const blocked = sendBlocked(s, start, budget);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  const p = s.person;
  const send = () => start && actions.onSend(s, start);
  return (
    <article
      className={mergeClasses(c.card, asked && c.asked)}
      aria-labelledby={headingId}
      data-testid={asked ? 'asked-suggestion' : 'suggestion'}
      data-person={p.address}
      aria-busy={busy || undefined}
    >
      <div className={c.head}>
        <Text
          as="h3"
          weight="semibold"
          size={400}
          id={headingId}
          ref={heading}
          tabIndex={-1}
          className={c.name}
        >
          {p.displayName}
        </Text>
        <Badge appearance="tint" color={asked ? 'brand' : 'informative'}>
          {SOURCE_LABEL[s.source]}
        </Badge>
      </div>
      <Text size={200} className={c.muted}>
        {[p.jobTitle, p.function, p.officeLocation].filter(Boolean).join(' · ')}
      </Text>
      <Text weight="semibold">{kindLine(s)}</Text>
      <Text>{s.why}</Text>
      {s.slots.length ? (
        <Field label={`Choose a time (your time)`}>
          <RadioGroup value={start ?? ''} onChange={(_, d) => setPicked(d.value)} disabled={busy}>
            {s.slots.map((slot) => {
              const theirs = theirTime(slot, zone, s.theirTimeZone);
              return (
                <Radio
                  key={slot.start}
                  value={slot.start}
                  label={
                    <span className={c.slotText}>
                      <span>{formatSlot(slot, zone)}</span>
                      {theirs ? (
                        <Text size={200} className={c.muted}>
                          {theirs}
                        </Text>
                      ) : null}
                    </span>
                  }
                />
              );
            })}
          </RadioGroup>
        </Field>
      ) : null}
      <div className={c.actions}>
        <Button
          appearance="primary"
          disabledFocusable={blocked !== null || busy}
          aria-describedby={blocked ? reasonId : undefined}
          onClick={send}
        >
          Send
        </Button>
        <Preview s={s} start={start} zone={zone} blocked={blocked ?? (busy ? 'busy' : null)} onSend={send} />
        <Button disabled={busy} onClick={() => actions.onAnother(s)}>
          Another time
        </Button>
        <Button disabled={busy} onClick={() => actions.onSnooze(s)}>
          Snooze a week
        </Button>
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <MenuButton appearance="subtle" disabled={busy}>
              Dismiss
            </MenuButton>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuItem onClick={() => actions.onDismiss(s, 'suggestion')}>Dismiss this suggestion</MenuItem>
              <MenuItem onClick={() => actions.onDismiss(s, 'person')}>
                Don’t suggest {firstName(p.displayName)} again
              </MenuItem>
            </MenuList>
          </MenuPopover>
        </Menu>
      </div>
      {blocked ? (
        <Text size={200} id={reasonId} className={c.muted}>
          {blocked}
        </Text>
      ) : null}
      {message ? (
        <MessageBar intent={message.intent} role={message.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      ) : null}
    </article>
  );
}

/** A snoozed suggestion: dimmed, with the date it comes back, and Dismiss. */
export function SnoozedCard({
  s,
  zone,
  busy,
  actions,
}: {
  s: Suggestion;
  zone: string;
  busy: boolean;
  actions: Pick<CardActions, 'onDismiss'>;
}) {
  const c = useCardStyles();
  const headingId = useId();
  return (
    <article
      className={mergeClasses(c.card, c.dimmed)}
      aria-labelledby={headingId}
      data-testid="snoozed-suggestion"
    >
      <div className={c.head}>
        <Text as="h3" weight="semibold" id={headingId} className={c.name}>
          {s.person.displayName}
        </Text>
        <Text size={200}>{kindLine(s)}</Text>
      </div>
      <Text size={200}>{snoozedLabel(s, zone)}</Text>
      <div className={c.actions}>
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <MenuButton appearance="subtle" size="small" disabled={busy}>
              Dismiss
            </MenuButton>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuItem onClick={() => actions.onDismiss(s, 'suggestion')}>Dismiss this suggestion</MenuItem>
              <MenuItem onClick={() => actions.onDismiss(s, 'person')}>
                Don’t suggest {firstName(s.person.displayName)} again
              </MenuItem>
            </MenuList>
          </MenuPopover>
        </Menu>
      </div>
    </article>
  );
}
