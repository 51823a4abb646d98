/**
 * Compares the *shape* of a dev-tenant response with an example from the Graph docs: every
 * property (and OData annotation) the docs show must be present with the same JSON type, and array
 * items are compared with the docs' first item. Values are not compared: the docs use placeholders.
 */
export interface ShapeOptions {
  /** Paths (dot-joined, '[]' for array items) the docs show but the dev tenant may omit. */
  optional?: string[];
  /** Paths whose type the docs get wrong (e.g. "isRead": "true" as a string). */
  ignoreType?: string[];
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** Returns a list of differences; empty when the shapes agree. */
export function shapeDifferences(
  actual: unknown,
  docs: unknown,
  opts: ShapeOptions = {},
  path = '',
): string[] {
  const out: string[] = [];
  const dk = kind(docs);
  const ak = kind(actual);
  // The docs print null for values they don't show; anything is compatible with that. Graph's
  // properties are nullable, so a null answer fits any documented type — except collections,
  // which Graph returns as [] rather than null.
  if (dk === 'null' || (ak === 'null' && dk !== 'array')) return out;
  if (ak !== dk) {
    if (!opts.ignoreType?.includes(path)) out.push(`${path || '(root)'}: docs ${dk}, dev tenant ${ak}`);
    return out;
  }
  if (dk === 'array') {
    const d = docs as Json[];
    const a = actual as Json[];
    if (d.length > 0 && a.length > 0) {
      // Arrays may mix kinds (a delta page has changed items and @removed tombstones): compare each
      // item with the docs' item it shares most property names with.
      const keys = (x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.keys(x) : []);
      for (const item of a) {
        const ik = new Set(keys(item));
        const best = d.reduce(
          (b, c) =>
            keys(c).filter((k) => ik.has(k)).length > keys(b).filter((k) => ik.has(k)).length ? c : b,
          d[0],
        );
        out.push(...shapeDifferences(item, best, opts, `${path}[]`));
      }
    }
    return out;
  }
  if (dk === 'object') {
    const d = docs as Record<string, Json>;
    const a = actual as Record<string, Json>;
    for (const key of Object.keys(d)) {
      const p = path ? `${path}.${key}` : key;
      if (!(key in a)) {
        if (!opts.optional?.includes(p)) out.push(`${p}: missing in dev tenant`);
        continue;
      }
      out.push(...shapeDifferences(a[key], d[key], opts, p));
    }
  }
  return [...new Set(out)];
}
