/**
 * One stream's change log (a calendar, or one mail folder): which item ids changed at which
 * sequence number, oldest first. Only an id's latest entry counts, so "what changed after N" is a
 * binary search plus a scan of the changes themselves — a delta page over a 50,000-message folder
 * costs the page, not the folder. Two flat arrays and one id → seq map keep per-item overhead low.
 */
export class ChangeLog {
  private seqs: number[] = [];
  private ids: string[] = [];
  /** Each id's latest change in this stream. */
  private readonly latest = new Map<string, number>();

  record(id: string, seq: number): void {
    this.seqs.push(seq);
    this.ids.push(id);
    this.latest.set(id, seq);
    // Superseded entries are skipped on read; drop them once they outnumber the live ones.
    if (this.seqs.length > 2 * this.latest.size + 1024) this.compact();
  }

  /** Whether the id ever appeared in this stream (live or removed). */
  has(id: string): boolean {
    return this.latest.has(id);
  }

  get size(): number {
    return this.latest.size;
  }

  /**
   * Ids whose latest change lies in (after, upTo], oldest first; stops after `limit` accepted ids.
   * `accept` filters (e.g. the initial round skips removed items) without ending the scan.
   */
  changes(
    after: number,
    upTo: number,
    limit: number,
    accept: (id: string) => boolean = () => true,
  ): { ids: string[]; seqs: number[]; more: boolean } {
    const ids: string[] = [];
    const seqs: number[] = [];
    for (let i = this.firstAfter(after); i < this.seqs.length; i++) {
      const seq = this.seqs[i]!;
      if (seq > upTo) break;
      const id = this.ids[i]!;
      if (this.latest.get(id) !== seq || !accept(id)) continue;
      if (ids.length === limit) return { ids, seqs, more: true };
      ids.push(id);
      seqs.push(seq);
    }
    return { ids, seqs, more: false };
  }

  private firstAfter(seq: number): number {
    let lo = 0;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid]! <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private compact(): void {
    const seqs: number[] = [];
    const ids: string[] = [];
    for (let i = 0; i < this.seqs.length; i++) {
      if (this.latest.get(this.ids[i]!) === this.seqs[i]) {
        seqs.push(this.seqs[i]!);
        ids.push(this.ids[i]!);
      }
    }
    this.seqs = seqs;
    this.ids = ids;
  }
}
