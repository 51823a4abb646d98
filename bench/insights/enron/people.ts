/**
 * One person, one row: how the benchmark counts duplicate people in a top 10.
 *
 * - A duplicate (counted, `enronDuplicatePeopleTop10`) is a row whose address the dataset's
 *   people.jsonl says belongs to a person already shown higher in the same top 10 (its `address`
 *   and `aliases`): the second and later rows of one person.
 * - A same-name pair (reported, not counted: the dataset does not say they are one person) is two
 *   rows whose local parts share the surname token while their given names agree or one side has
 *   none or only an initial — `hillis@` and `kimberly.hillis@`, `k..allen@` and `phillip.allen@`.
 */
import type { EnronPeople } from './data';

/** Rows (addresses) of a top 10 that repeat a person shown higher up. */
export function duplicatePeople(top10: string[], people: EnronPeople): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const a of top10) {
    const k = people.personOf(a);
    if (seen.has(k)) out.push(a);
    seen.add(k);
  }
  return out;
}

const tokens = (address: string) =>
  address
    .slice(0, address.lastIndexOf('@'))
    .split(/[^a-z']+/)
    .filter(Boolean);

function sameName(a: string, b: string): boolean {
  const x = tokens(a);
  const y = tokens(b);
  if (!x.length || !y.length || x.at(-1) !== y.at(-1) || x.at(-1)!.length < 3) return false;
  const gx = x.slice(0, -1);
  const gy = y.slice(0, -1);
  if (!gx.length || !gy.length) return true;
  return gx[0] === gy[0] || gx[0]!.length === 1 || gy[0]!.length === 1;
}

/** Pairs of rows in a top 10 that look like one person by name, and the dataset does not merge. */
export function sameNamePairs(top10: string[], people: EnronPeople): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < top10.length; i++)
    for (let j = i + 1; j < top10.length; j++) {
      const [a, b] = [top10[i]!, top10[j]!];
      if (people.personOf(a) !== people.personOf(b) && sameName(a, b)) out.push([a, b]);
    }
  return out;
}
