import type { Interaction } from '../domain/interaction';

/**
 * Machines are not colleagues: which internal addresses look automated or like lists, by evidence
 * that holds in any tenant — never by a list of names. Pure: fed by the stored interactions and
 * what the directory says about each address.
 *
 * Anyone the user has written to or met is a colleague, whatever else is true: a shared mailbox
 * that answers mail is worked with. Otherwise, with mail from them only, an address looks
 * automated when
 * - its local part or its subdomain is one systems and list servers use (alerts@, notifications@,
 *   dl-…, …-request@, lists.…, mailman.…), a service's or function's mailbox (payables@,
 *   parking.transportation@) or a publication's (the.weekly@);
 * - its mail reaches the user only through lists or Bcc (the user is never named in To or Cc);
 * - it writes to many people at once (a broadcast: typically ten or more on each message);
 * - the directory has no such person (in a real tenant every colleague is in it), or has it without
 *   a job title or a department (an application's or a shared mailbox), after a few messages.
 * A mangled address (a percent-encoded '@' in its local part, "40enron@") is no one's, even if the
 * user answered it. The user can count an address as a colleague after all, or mark one as automated.
 */

export type AutomatedReason =
  'system_address' | 'list_only' | 'broadcast' | 'not_in_directory' | 'no_profile' | 'marked';

export interface AutomatedSender {
  address: string;
  reason: AutomatedReason;
  /** One line for the user: what the evidence is. */
  why: string;
  messages: number;
  lastAt: string;
}

export interface DirectoryFacts {
  jobTitle: string | null;
  department: string | null;
}

export interface AutomatedOptions {
  /** What the directory has at an address (a person's entry), undefined when it has nothing. */
  directory: (address: string) => DirectoryFacts | undefined;
  /** The user's "count as a colleague" (never automated) and "mark as automated". */
  countAsColleagues?: readonly string[];
  markedAutomated?: readonly string[];
}

/** Messages needed before "one-way" evidence (no directory entry, no profile) counts. */
const MIN_MESSAGES = 3;
/** A broadcast: the median message from them has at least this many people on it. */
const BROADCAST_PEOPLE = 10;

const SYSTEM_LOCAL =
  /^(alerts?|notif(y|ications?)|news(letters?)?|digest|updates|announce(ments?)?|mailman|listserv|majordomo|auto[._-]?(mail|mailer|notify|reply|responder)|automated?|robot|bot|daemon|workflow|system|(it[._-]?)?service[._-]?desk|help[._-]?desk|tickets?|ticketing|portal|.+[._-](alerts?|notifications?|noreply|no[._-]reply|bot|portal|system|mailer))$/;
const LIST_LOCAL = /^(dl|list|all)[._-].+|.+[._-](request|owner|bounces?|list|all)$|^owner-.+/;
/**
 * A word of a function's or an application's mailbox (RFC 2142's role addresses and the shared
 * mailboxes of a company's services), as any dot/dash-separated part of the local part:
 * payables@, ibuyit.payables@, parking.transportation@. A person's address is made of names.
 */
const ROLE_WORD =
  /^(payables|receivables|payroll|benefits|transportation|parking|facilities|travel|expenses|invoices?|billing|procurement|purchasing|recruiting|careers|jobs|helpdesk|support|info|webmaster|postmaster|hostmaster|abuse|communications|comms|press|events|training|surveys?|feedback|reporting|hotline|mailroom|reception|logistics|eserver)$/;
/** A publication, not a person: "the.globalist@", "the-weekly@". */
const PUBLICATION = /^the[._-]./;
/**
 * An address a mail system mangled, which no one owns whatever was sent to it: a local part that
 * starts with a percent-encoded '@' ('%40' → "40enron@", from `'@ENRON'` in a display name).
 */
const MANGLED = /^40[a-z]/;
const SYSTEM_SUBDOMAIN =
  /^(lists?|mailman|listserv|bounces?|news(letters?)?|notify|notifications?|alerts?)\./;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

interface Tally {
  engaged: boolean;
  met: boolean;
  /** When the user first wrote to them, and when their mail came: an answer comes after. */
  firstWrote: number | null;
  inbound: number[];
  messages: number;
  named: number;
  unnamed: number;
  participants: number[];
  last: number;
}

/** The automated senders among the interactions' internal counterparts, by address. */
export function automatedSenders(
  interactions: readonly Interaction[],
  o: AutomatedOptions,
): Map<string, AutomatedSender> {
  const colleagues = new Set(o.countAsColleagues ?? []);
  const marked = new Set(o.markedAutomated ?? []);
  const tallies = new Map<string, Tally>();
  for (const i of interactions) {
    if (!i.internal || i.counterpart.startsWith('@')) continue;
    let t = tallies.get(i.counterpart);
    if (!t) {
      t = {
        engaged: false,
        met: false,
        firstWrote: null,
        inbound: [],
        messages: 0,
        named: 0,
        unnamed: 0,
        participants: [],
        last: 0,
      };
      tallies.set(i.counterpart, t);
    }
    // A meeting with them, or mail the user sent them: someone the user works with.
    if (i.sourceType === 'event' || i.direction !== 'inbound') {
      t.engaged = true;
      if (i.sourceType === 'event') t.met = true;
      else t.firstWrote = Math.min(t.firstWrote ?? Infinity, i.at.getTime());
      continue;
    }
    t.messages++;
    t.inbound.push(i.at.getTime());
    if (i.ownerNamed === true) t.named++;
    if (i.ownerNamed === false) t.unnamed++;
    t.participants.push(i.participants);
    t.last = Math.max(t.last, i.at.getTime());
  }
  const out = new Map<string, AutomatedSender>();
  for (const [address, t] of tallies) {
    if (colleagues.has(address)) continue;
    // A system's or a function's address is worked with only if it answers (a shared mailbox
    // writing back after the user wrote to it, a meeting with it); writing to one is not a tie.
    // Any other address the user wrote to or met is a colleague.
    const named = byName(address);
    const answers = t.firstWrote !== null && t.inbound.some((at) => at > t.firstWrote!);
    const verdict = marked.has(address)
      ? { reason: 'marked' as const, why: 'You marked it as automated.' }
      : MANGLED.test(address)
        ? { reason: 'system_address' as const, why: 'A mangled address (an encoded "@"), which no one owns.' }
        : named
          ? answers || t.met
            ? null
            : named
          : t.engaged
            ? null
            : judge(t, o.directory(address));
    if (verdict)
      out.set(address, {
        address,
        ...verdict,
        messages: t.messages,
        lastAt: new Date(t.last).toISOString(),
      });
  }
  // Marked addresses with no mail in the window still show, so the mark can be undone.
  for (const address of marked)
    if (!out.has(address) && !colleagues.has(address))
      out.set(address, {
        address,
        reason: 'marked',
        why: 'You marked it as automated.',
        messages: 0,
        lastAt: new Date(0).toISOString(),
      });
  return out;
}

/** What the address alone says: a system's, a list's, a function's or a publication's. */
function byName(address: string): { reason: AutomatedReason; why: string } | null {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const never = 'it never answered you';
  if (SYSTEM_LOCAL.test(local) || SYSTEM_SUBDOMAIN.test(domain))
    return { reason: 'system_address', why: `A system or list server's address, and ${never}.` };
  if (LIST_LOCAL.test(local))
    return { reason: 'system_address', why: `Named like a distribution list, and ${never}.` };
  if (local.split(/[._-]/).some((w) => ROLE_WORD.test(w)))
    return { reason: 'system_address', why: `A service's or a function's mailbox, and ${never}.` };
  if (PUBLICATION.test(local))
    return { reason: 'system_address', why: `A publication's address, and ${never}.` };
  return null;
}

/** What one-way mail from an address says, after a few messages. */
function judge(t: Tally, entry: DirectoryFacts | undefined): { reason: AutomatedReason; why: string } | null {
  const never = 'you never wrote to it or met it';
  if (t.messages < MIN_MESSAGES) return null;
  if (t.unnamed >= MIN_MESSAGES && t.named === 0)
    return {
      reason: 'list_only',
      why: `Its ${t.messages} messages reached you only through lists or Bcc, and ${never}.`,
    };
  const people = median(t.participants);
  if (people >= BROADCAST_PEOPLE)
    return {
      reason: 'broadcast',
      why: `Writes to ${people} people at a time (typically), and ${never}.`,
    };
  if (!entry)
    return {
      reason: 'not_in_directory',
      why: `Not a person in your directory, sent you ${t.messages} messages, and ${never}.`,
    };
  if (!entry.jobTitle && !entry.department)
    return {
      reason: 'no_profile',
      why: `In your directory without a job title or department, sent you ${t.messages} messages, and ${never}.`,
    };
  return null;
}
