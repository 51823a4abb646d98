import type { Interaction } from '../domain/interaction';

/**
 * The unofficial leader of a group: the colleague most central among that group's people in the
 * user's own meetings and threads. Centrality is PageRank over co-attendance (two people on the same
 * meeting or message are linked, weighted by how often), personalised by how much each appears —
 * so someone everybody else is with ranks high even if the user rarely meets them alone. Pure.
 */
export interface LeaderPick {
  counterpart: string;
  score: number;
  /** Items (meetings and messages) they were on, among the group's items. */
  items: number;
  groupItems: number;
  /** Distinct group members they appeared alongside. */
  alongside: number;
  reason: string;
}

export function pageRank(
  nodes: string[],
  edges: Map<string, Map<string, number>>,
  personalisation: Map<string, number>,
  damping = 0.85,
  iterations = 50,
): Map<string, number> {
  const n = nodes.length;
  const pTotal = nodes.reduce((s, x) => s + (personalisation.get(x) ?? 0), 0) || n;
  const p = new Map(nodes.map((x) => [x, (personalisation.get(x) ?? (pTotal === n ? 1 : 0)) / pTotal]));
  let rank = new Map(nodes.map((x) => [x, 1 / n]));
  const outWeight = new Map(
    nodes.map((x) => [x, [...(edges.get(x)?.values() ?? [])].reduce((a, b) => a + b, 0)]),
  );
  for (let it = 0; it < iterations; it++) {
    const next = new Map(nodes.map((x) => [x, (1 - damping) * p.get(x)!]));
    let dangling = 0;
    for (const x of nodes) {
      const r = rank.get(x)!;
      const w = outWeight.get(x)!;
      if (!w) {
        dangling += r;
        continue;
      }
      for (const [y, wy] of edges.get(x)!) next.set(y, next.get(y)! + (damping * r * wy) / w);
    }
    for (const x of nodes) next.set(x, next.get(x)! + damping * dangling * p.get(x)!);
    rank = next;
  }
  return rank;
}

export function unofficialLeader(
  interactions: Interaction[],
  members: Set<string>,
  groupName: string,
): LeaderPick | null {
  // Items (meetings and messages) by source, keeping only the group's members on each.
  const events = new Map<string, string[]>();
  const messages = new Map<string, string[]>();
  for (const i of interactions) {
    if (!members.has(i.counterpart)) continue;
    const items = i.sourceType === 'event' ? events : messages;
    const list = items.get(i.sourceId);
    if (!list) items.set(i.sourceId, [i.counterpart]);
    else if (!list.includes(i.counterpart)) list.push(i.counterpart);
  }
  const appearances = new Map<string, number>();
  const edges = new Map<string, Map<string, number>>();
  for (const list of [...events.values(), ...messages.values()]) {
    for (const a of list) appearances.set(a, (appearances.get(a) ?? 0) + 1);
    if (list.length < 2) continue;
    const w = 1 / (list.length - 1); // a big meeting links everyone a little
    for (const a of list)
      for (const b of list) {
        if (a === b) continue;
        const m = edges.get(a) ?? new Map<string, number>();
        m.set(b, (m.get(b) ?? 0) + w);
        edges.set(a, m);
      }
  }
  const groupItems = events.size + messages.size;
  const nodes = [...appearances.keys()].sort();
  if (nodes.length < 2) return null; // one person is not a group
  const ranks = pageRank(nodes, edges, appearances);
  const [best] = [...ranks.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (!best) return null;
  const [counterpart, score] = best;
  const on = appearances.get(counterpart) ?? 0;
  const alongside = edges.get(counterpart)?.size ?? 0;
  return {
    counterpart,
    score: Math.round(score * 1000) / 1000,
    items: on,
    groupItems,
    alongside,
    reason:
      `On ${on} of your ${groupItems} meetings and threads with ${groupName}` +
      (alongside ? `, alongside ${alongside} of its people` : '') +
      '.',
  };
}
