import type { PeopleCardsResponse } from '../../contract';
import { domainOf, isInternalAddress } from '../domain/address';
import { isAcceptedStakeholder, type MapPerson, type RelationshipMap } from './map';
import { primaryAddress } from '../domain/identity';
import type { DirectoryEntry } from './org';

/**
 * The Outlook pane's cards for everyone on an email, from the map already computed: one card per
 * colleague (null person when there is no evidence), a domain-only marker per external, the user
 * left out, duplicates once (one person under two of their addresses too), in the order given. A
 * recipient who manages a stakeholder whose health is poor, while that stakeholder is not on the
 * email, carries the "don't go over their head" hint; an address the map leaves out as automated
 * carries that evidence. Pure.
 */
export function paneCards(input: {
  map: RelationshipMap;
  /** The map's row for an address, by any of the person's addresses. */
  personOf: (address: string) => MapPerson | null;
  directoryByAddress: ReadonlyMap<string, DirectoryEntry>;
  directoryById: ReadonlyMap<string, DirectoryEntry>;
  domains: readonly string[];
  ownerId: string;
  addresses: readonly string[];
}): PeopleCardsResponse {
  const seen = new Set<string>();
  const list: string[] = [];
  for (const raw of input.addresses) {
    const a = raw.trim().toLowerCase();
    const entry = a ? input.directoryByAddress.get(a) : undefined;
    const who = (entry ? primaryAddress(entry) : null) ?? a;
    if (!a || seen.has(who)) continue;
    seen.add(who);
    if (entry?.id === input.ownerId) continue; // the user themself
    list.push(a);
  }
  const onEmail = new Set(list.map((a) => input.directoryByAddress.get(a)?.id).filter(Boolean));
  const { poorByManager, automatedBy } = indexesOf(input.map, input.directoryById);
  const summary = { colleagues: 0, onMap: 0, due: 0, external: 0 };
  const cards: PeopleCardsResponse['cards'] = list.map((address) => {
    if (!isInternalAddress(address, input.domains)) {
      summary.external++;
      return { kind: 'external' as const, address, domain: domainOf(address) };
    }
    summary.colleagues++;
    const person = input.personOf(address);
    if (person && isAcceptedStakeholder(person)) summary.onMap++;
    if (person && isAcceptedStakeholder(person) && (person.health.daysOverdue ?? 0) > 0) summary.due++;
    const entry = input.directoryByAddress.get(address);
    const machine = person
      ? undefined
      : (automatedBy.get(address) ?? (entry ? automatedBy.get(primaryAddress(entry) ?? '') : undefined));
    const poor = entry ? poorByManager.get(entry.id) : undefined;
    return {
      kind: 'colleague' as const,
      address,
      inDirectory: Boolean(entry),
      person,
      managerOf:
        poor && !onEmail.has(poor.id!)
          ? { address: poor.address, displayName: poor.displayName, band: poor.health.band }
          : null,
      automated: machine ? { reason: machine.reason, why: machine.why } : null,
    };
  });
  return { asOf: input.map.asOf, cards, summary };
}

/**
 * What every cards request asks of the map, worked out once per map (the service caches the map,
 * and the pane asks at every recipients change): stakeholders in poor health by their manager's
 * directory id, and the automated senders by address.
 */
const indexes = new WeakMap<
  RelationshipMap,
  { poorByManager: Map<string, MapPerson>; automatedBy: Map<string, RelationshipMap['automated'][number]> }
>();
function indexesOf(map: RelationshipMap, directoryById: ReadonlyMap<string, DirectoryEntry>) {
  let x = indexes.get(map);
  if (!x) {
    const poorByManager = new Map<string, MapPerson>();
    for (const p of map.people) {
      if (!isAcceptedStakeholder(p) || p.health.band !== 'poor' || !p.id) continue;
      const managerId = directoryById.get(p.id)?.managerId;
      if (managerId && !poorByManager.has(managerId)) poorByManager.set(managerId, p);
    }
    x = { poorByManager, automatedBy: new Map(map.automated.map((a) => [a.address, a])) };
    indexes.set(map, x);
  }
  return x;
}
