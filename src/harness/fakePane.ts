/**
 * A tiny pane of the harness's own (`/harness/?pane=fake`): it finds the stand-in exactly as the
 * real pane does and lists the people on the item. For trying the stand-in without the real pane;
 * never shipped to Outlook.
 */
interface Person {
  displayName: string;
  emailAddress: string;
  recipientType?: string;
}
interface Res<T> {
  status: string;
  value: T;
}
type Getter = { getAsync(cb: (r: Res<Person[]>) => void): void };
interface FakeItem {
  itemType: string;
  from?: Person | null;
  to?: Person[] | Getter;
  cc?: Person[] | Getter;
  bcc?: Getter;
  requiredAttendees?: Getter;
  optionalAttendees?: Getter;
  addHandlerAsync(t: string, h: () => void, cb?: () => void): void;
}
interface FakeOffice {
  onReady(): Promise<{ host: string }>;
  EventType: { ItemChanged: string; RecipientsChanged: string };
  context: {
    officeTheme: { bodyBackgroundColor: string; bodyForegroundColor: string };
    mailbox: {
      item: FakeItem | null | undefined;
      addHandlerAsync(t: string, h: () => void, cb?: () => void): void;
    };
  };
}

const get = (g: Getter) =>
  new Promise<Person[]>((resolve) => g.getAsync((r) => resolve(r.status === 'succeeded' ? r.value : [])));

export async function runFakePane(root: HTMLElement): Promise<void> {
  let office: FakeOffice;
  try {
    office = (
      window.parent as unknown as { RapportOfficeStandIn: (w: Window) => FakeOffice }
    ).RapportOfficeStandIn(window);
  } catch {
    root.textContent = 'No Office stand-in in the parent window.';
    return;
  }
  await office.onReady();
  const theme = office.context.officeTheme;
  document.body.style.background = theme.bodyBackgroundColor;
  document.body.style.color = theme.bodyForegroundColor;
  document.body.style.fontFamily = 'system-ui, sans-serif';
  const list = document.createElement('ul');
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.dataset.testid = 'fake-pane-status';
  root.append(status, list);
  let watched: FakeItem | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const draw = (kind: string, people: Person[]) => {
    status.textContent = `${kind}: ${people.length} people`;
    list.replaceChildren(
      ...people.map((p) => {
        const li = document.createElement('li');
        li.dataset.testid = 'fake-pane-person';
        li.dataset.address = p.emailAddress;
        li.textContent = `${p.displayName} <${p.emailAddress}> ${p.recipientType ?? ''}`;
        return li;
      }),
    );
  };
  const read = async (): Promise<void> => {
    const item = office.context.mailbox.item;
    if (item === undefined) {
      setTimeout(() => void read(), 50); // not ready yet right after a switch
      return;
    }
    if (item === null) return draw('nothing selected', []);
    if (item !== watched && item.itemType) {
      watched = item;
      if (!Array.isArray(item.to))
        item.addHandlerAsync(office.EventType.RecipientsChanged, () => {
          clearTimeout(timer);
          timer = setTimeout(() => void read(), 50);
        });
    }
    if (item.requiredAttendees && item.optionalAttendees)
      return draw('meeting', [
        ...(await get(item.requiredAttendees)),
        ...(await get(item.optionalAttendees)),
      ]);
    if (Array.isArray(item.to))
      return draw('read', [...(item.from ? [item.from] : []), ...item.to, ...((item.cc as Person[]) ?? [])]);
    draw('compose', [
      ...(await get(item.to as Getter)),
      ...(await get(item.cc as Getter)),
      ...(await get(item.bcc!)),
    ]);
  };
  office.context.mailbox.addHandlerAsync(office.EventType.ItemChanged, () => void read());
  // The re-read on a timer that catches what RecipientsChanged misses (address-book picks).
  setInterval(() => void read(), 1000);
  await read();
}
