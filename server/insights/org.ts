/**
 * What the directory says about the user's place: the manager chain, depth from the top, and who
 * is leadership for them. Pure.
 */
export interface DirectoryEntry {
  id: string;
  mail: string | null;
  addresses: string[];
  displayName: string | null;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  managerId: string | null;
}

export class OrgIndex {
  readonly byId = new Map<string, DirectoryEntry>();
  readonly byAddress = new Map<string, DirectoryEntry>();
  private readonly reports = new Map<string, DirectoryEntry[]>();

  constructor(entries: DirectoryEntry[]) {
    for (const e of entries) {
      this.byId.set(e.id, e);
      for (const a of e.addresses) this.byAddress.set(a.toLowerCase(), e);
      if (e.mail) this.byAddress.set(e.mail.toLowerCase(), e);
    }
    for (const e of entries) {
      if (!e.managerId) continue;
      const list = this.reports.get(e.managerId);
      if (list) list.push(e);
      else this.reports.set(e.managerId, [e]);
    }
  }

  /** Manager, their manager, … up to the top (cycles in bad directory data are cut). */
  managerChain(id: string): DirectoryEntry[] {
    const chain: DirectoryEntry[] = [];
    const seen = new Set([id]);
    let cur = this.byId.get(id)?.managerId ?? null;
    while (cur && !seen.has(cur)) {
      seen.add(cur);
      const m = this.byId.get(cur);
      if (!m) break;
      chain.push(m);
      cur = m.managerId;
    }
    return chain;
  }

  /** Hops from the top of the organisation (the top is 0). */
  depth(id: string): number {
    return this.managerChain(id).length;
  }

  directReports(id: string): DirectoryEntry[] {
    return this.reports.get(id) ?? [];
  }

  /** Everyone at a given depth. */
  atDepth(depth: number): DirectoryEntry[] {
    return [...this.byId.values()].filter((e) => this.depth(e.id) === depth);
  }
}
