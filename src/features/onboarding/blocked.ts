/**
 * What the tab says when the sync is blocked, by the server's reason (`blocked.code`): what went
 * wrong in the user's terms, and what they can do — consent again, sign in again, or ask IT. Pure.
 */
export interface BlockedMessage {
  title: string;
  body: string;
  /** The host's consent (or sign-in) flow can fix it; null when only IT can. */
  action: { label: string } | null;
}

const METADATA_ONLY = 'Rapport reads metadata only — who, when, how many — never the contents.';

export function blockedMessage(blocked: { code: string; detail: string }): BlockedMessage {
  switch (blocked.code) {
    case 'mailboxUnavailable':
      return {
        title: "Your mailbox isn't available to Microsoft Graph — ask IT",
        body: `Rapport can read only mailboxes that Exchange Online serves; yours may be inactive, hosted on-premises or without a licence. Tell IT what Microsoft Graph answered: ${blocked.detail}.`,
        action: null,
      };
    case 'signInRequired':
      return {
        title: 'Sign in again to keep your map up to date',
        body: `Your organisation asks you to sign in again before Rapport can read your calendar and mail. ${METADATA_ONLY}`,
        action: { label: 'Sign in again' },
      };
    case 'consentRequired':
      return {
        title: 'Rapport lost access to your mailbox: grant consent again',
        body: `Your map stops updating until you do. ${METADATA_ONLY}`,
        action: { label: 'Grant consent' },
      };
    default: // accessDenied (Graph's 403), and any reason this tab does not know yet
      return {
        title: 'Rapport lost access to your mailbox: grant consent again',
        body: `Your map stops updating until you do. ${METADATA_ONLY} If consenting again does not help, ask IT (Microsoft Graph answered: ${blocked.detail}).`,
        action: { label: 'Grant consent' },
      };
  }
}
