import {
  ComposeAppointment,
  DialogHandle,
  EMAIL,
  Item,
  Listener,
  Quirk,
  Recipient,
  RecipientField,
  StandInCall,
  ThemeName,
  UserProfile,
  later,
} from './officeTypes';
import { OfficeInstance } from './officeInstance';

export * from './officeTypes';
export { OfficeInstance } from './officeInstance';

/**
 * What Outlook holds: the signed-in user, the selected (or composed) item, pinning, the theme. The
 * harness UI changes it; each pane load gets an `Office` over it (`officeFor`).
 */
export class Mailbox {
  profile: UserProfile = { displayName: '', emailAddress: '', timeZone: 'UTC' };
  /** The harness's cached API token, if it has one (the stand-in's SSO answers with it). */
  token?: () => Promise<string>;
  /** Directory addresses → names, so typed addresses resolve as Outlook resolves them. */
  directory = new Map<string, string>();
  selected: Item | null = null;
  /** False for a moment after a switch: `mailbox.item` is undefined then. */
  itemReady = true;
  pinned = true;
  theme: ThemeName = 'light';
  quirks = new Set<Quirk>();
  /** Every call the pane made, in order (tests read these back). */
  readonly calls: StandInCall[] = [];
  inFlight = 0;
  maxConcurrent = 0;
  /** How many times the pane was (re)loaded and asked for `Office`. */
  loads = 0;
  /** Set by the harness: reload the pane's frame (an unpinned pane on a switch, a theme change). */
  reloadPane: () => void = () => {};
  private current: OfficeInstance | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly ready: Promise<void>;
  private resolveReady!: () => void;
  private seq = 0;

  constructor() {
    this.ready = new Promise((r) => (this.resolveReady = r));
  }

  /** The harness has its user and its first item: `Office.onReady` may resolve. */
  markReady(): void {
    this.resolveReady();
  }
  whenReady(): Promise<void> {
    return this.ready;
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  /** React's useSyncExternalStore wants a new snapshot on change: a counter will do. */
  version = 0;
  changed(): void {
    this.version++;
    for (const l of this.listeners) l.onChange();
  }
  log(api: string, detail?: unknown): void {
    this.calls.push({ api, at: Math.round(performance.now()), ...(detail === undefined ? {} : { detail }) });
    if (this.calls.length > 2000) this.calls.splice(0, this.calls.length - 2000);
  }

  newId(prefix: string): string {
    return `${prefix}-${++this.seq}`;
  }

  /** Outlook's recipient type: the user's own domain or the directory are users, the rest external. */
  recipient(address: string, displayName?: string): Recipient {
    const a = address.trim().toLowerCase();
    const dir = this.directory.get(a);
    const own = this.profile.emailAddress.split('@')[1];
    const internal = dir !== undefined || (!!own && a.endsWith(`@${own}`));
    return {
      displayName: displayName?.trim() || dir || a,
      emailAddress: a,
      recipientType: internal ? 'user' : 'externalUser',
    };
  }

  // ---------- what the user does in the harness ----------

  /**
   * Selects (or opens for compose) an item, or nothing. Pinned: ItemChanged, with the item briefly
   * undefined. Not pinned: Outlook closes the pane and opens it afresh on the new item.
   */
  select(item: Item | null): void {
    this.log('harness.select', item ? { kind: item.kind, id: item.id } : null);
    this.selected = item;
    if (!this.pinned || !this.current) {
      this.itemReady = true;
      this.changed();
      this.reloadPane();
      return;
    }
    this.itemReady = false;
    this.changed();
    const office = this.current;
    const late = this.quirks.has('late-item');
    if (late) later(() => office.fireItemChanged(), 5);
    later(() => {
      if (this.selected !== item) return; // switched again meanwhile
      this.itemReady = true;
      this.changed();
      if (!late) office.fireItemChanged();
    }, 40);
  }

  /** Enter or ';' in a well: the typed text resolves to recipients, and RecipientsChanged fires. */
  commitTyped(field: RecipientField, text?: string): Recipient[] {
    const item = this.selected;
    if (!item || item.kind === 'read') return [];
    const typing = item.typing as Record<RecipientField, string>;
    const raw = text ?? typing[field] ?? '';
    const parts = raw
      .split(/[;,]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const added: Recipient[] = [];
    const rest: string[] = [];
    for (const p of parts) {
      const m = /^(.*?)\s*<([^>]+)>$/.exec(p);
      const address = (m ? m[2]! : p).trim();
      if (!EMAIL.test(address)) rest.push(p);
      else added.push(this.recipient(address, m?.[1]?.replace(/^"|"$/g, '')));
    }
    typing[field] = rest.join('; ');
    this.addTo(item, field, added);
    this.changed();
    if (added.length) this.current?.fireRecipientsChanged([field]);
    return added;
  }

  /** Text typed in a well, not yet resolved: Outlook's getAsync does not report it. */
  setTyping(field: RecipientField, text: string): void {
    const item = this.selected;
    if (!item || item.kind === 'read') return;
    (item.typing as Record<RecipientField, string>)[field] = text;
    this.changed();
  }

  /** Removing a chip: RecipientsChanged fires. */
  remove(field: RecipientField, address: string): void {
    const list = this.list(field);
    if (!list) return;
    const i = list.findIndex((r) => r.emailAddress === address.toLowerCase());
    if (i < 0) return;
    list.splice(i, 1);
    this.changed();
    this.current?.fireRecipientsChanged([field]);
  }

  /** A pick from the address book: the recipient is there, but Outlook fires no RecipientsChanged. */
  pickFromDirectory(field: RecipientField, address: string, displayName?: string): void {
    const item = this.selected;
    if (!item || item.kind === 'read') return;
    this.log('harness.pickFromDirectory', { field, address });
    this.addTo(item, field, [this.recipient(address, displayName)]);
    this.changed();
  }

  /** The meeting's subject or times edited in the harness. */
  editAppointment(patch: Partial<Pick<ComposeAppointment, 'subject' | 'start' | 'end'>>): void {
    const item = this.selected;
    if (item?.kind !== 'appointment') return;
    Object.assign(item, patch);
    this.changed();
    if (patch.start || patch.end) this.current?.fireAppointmentTimeChanged(item);
  }
  editSubject(subject: string): void {
    const item = this.selected;
    if (!item || item.kind === 'read') return;
    item.subject = subject;
    this.changed();
  }

  setTheme(theme: ThemeName): void {
    this.theme = theme;
    this.changed();
    // Office add-ins read officeTheme when they load; Outlook has no theme event for mail add-ins.
    this.reloadPane();
  }
  setPinned(pinned: boolean): void {
    this.pinned = pinned;
    this.changed();
  }

  // ---------- shared with the Office instances ----------

  list(field: RecipientField): Recipient[] | null {
    const item = this.selected;
    if (!item || item.kind === 'read') return null;
    if (item.kind === 'compose' && (field === 'to' || field === 'cc' || field === 'bcc')) return item[field];
    if (item.kind === 'appointment' && (field === 'requiredAttendees' || field === 'optionalAttendees'))
      return item[field];
    return null;
  }
  addTo(item: Item, field: RecipientField, rs: Recipient[]): void {
    if (item.kind === 'read') return;
    const list = (item as unknown as Record<RecipientField, Recipient[] | undefined>)[field];
    if (!list) return;
    // Outlook keeps a duplicate typed twice; the well shows both. Keep them, as it does.
    list.push(...rs);
  }

  /** A fresh Office for a pane (re)load; the previous pane's handlers go with it. */
  officeFor(paneWindow: Window, opener?: { dialog: DialogHandle }): OfficeInstance {
    const o = new OfficeInstance(this, paneWindow, opener?.dialog);
    if (!opener) {
      this.loads++;
      this.current = o;
      this.log('harness.paneLoaded', { loads: this.loads });
    }
    return o;
  }

  /** What tests read back. */
  snapshot() {
    const item = this.selected;
    return {
      profile: { ...this.profile },
      pinned: this.pinned,
      theme: this.theme,
      loads: this.loads,
      itemReady: this.itemReady,
      maxConcurrent: this.maxConcurrent,
      item: item
        ? item.kind === 'appointment'
          ? { ...item, start: item.start.toISOString(), end: item.end.toISOString() }
          : JSON.parse(JSON.stringify(item))
        : null,
      calls: this.calls.map((c) => ({ ...c })),
    };
  }
}
