import type { Request } from 'express';
import { GraphError } from './errors';

/** OData query options and Prefer headers, parsed once for every Graph route. */

export interface PreferHeader {
  maxPageSize: number | null;
  timeZone: string | null;
  immutableId: boolean;
}

export function parsePrefer(req: Request): PreferHeader {
  const raw = req.headers.prefer;
  const all = (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).split(',').map((s) => s.trim());
  let maxPageSize: number | null = null;
  let timeZone: string | null = null;
  let immutableId = false;
  for (const p of all) {
    const size = /^odata\.maxpagesize\s*=\s*(\d+)$/i.exec(p);
    if (size) maxPageSize = Number(size[1]);
    const tz = /^outlook\.timezone\s*=\s*"?([^"]+)"?$/i.exec(p);
    if (tz) timeZone = tz[1]!;
    if (/^IdType\s*=\s*"?ImmutableId"?$/i.test(p)) immutableId = true;
  }
  return { maxPageSize, timeZone, immutableId };
}

/** The query string value of `$name` (Graph accepts it with or without the dollar sign). */
export function queryOption(req: Request, name: string): string | undefined {
  const q = req.query as Record<string, unknown>;
  const v = q[`$${name}`] ?? q[name] ?? q[`$${name.toLowerCase()}`];
  return typeof v === 'string' ? v : undefined;
}

export function parseSelect(req: Request, known: readonly string[], entity: string): string[] | null {
  const raw = queryOption(req, 'select');
  if (raw === undefined) return null;
  const fields = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const lower = new Map(known.map((k) => [k.toLowerCase(), k]));
  return fields.map((f) => {
    const k = lower.get(f.toLowerCase());
    if (!k)
      throw new GraphError(
        400,
        'BadRequest',
        `Could not find a property named '${f}' on type 'microsoft.graph.${entity}'.`,
      );
    return k;
  });
}

export function parseTop(req: Request, max: number): number | null {
  const raw = queryOption(req, 'top');
  if (raw === undefined) return null;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new GraphError(
      400,
      'Request_UnsupportedQuery',
      `Invalid page size specified: '${raw}'. Must be between 1 and ${max} inclusive.`,
    );
  }
  return n;
}

export function pick<T extends object>(
  obj: T,
  fields: string[] | null,
  always: string[] = ['id'],
): Record<string, unknown> {
  if (!fields) return { ...(obj as Record<string, unknown>) };
  const out: Record<string, unknown> = {};
  for (const f of [...always, ...fields]) if (f in obj) out[f] = (obj as Record<string, unknown>)[f];
  return out;
}

/** Opaque continuation tokens: base64url JSON. Clients must treat them as opaque, and do. */
export const encodeToken = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
export function decodeToken<T>(s: string): T {
  try {
    return JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as T;
  } catch {
    throw new GraphError(400, 'BadRequest', 'The $skiptoken is invalid.');
  }
}

export const baseUrl = (req: Request) => `${req.protocol}://${req.get('host')}/v1.0`;

// ---------- A small $filter language: what a directory sync and the UI use ----------

type Value = string | number | boolean | null;
export type FilterNode =
  | { op: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { op: 'not'; expr: FilterNode }
  | { op: 'eq' | 'ne' | 'ge' | 'le' | 'gt' | 'lt'; prop: string; value: Value }
  | { op: 'in'; prop: string; values: Value[] }
  | { op: 'startswith' | 'endswith'; prop: string; value: string };

/** Parses `$filter`; `advanced` marks operators Graph only supports as advanced queries (endswith, ne, not). */
export function parseFilter(src: string): { node: FilterNode; advanced: boolean } {
  const tokens = src.match(/'(?:[^']|'')*'|\(|\)|,|[^\s(),]+/g) ?? [];
  let pos = 0;
  let advanced = false;
  const bad = (why: string): never => {
    throw new GraphError(400, 'BadRequest', `Invalid filter clause: ${why}`);
  };
  const peek = () => tokens[pos];
  const next = () => tokens[pos++] ?? bad('unexpected end of expression');
  const literal = (t: string): Value => {
    if (t.startsWith("'")) {
      if (t.length < 2 || !t.endsWith("'")) bad(`unterminated string literal ${t}`);
      return t.slice(1, -1).replace(/''/g, "'");
    }
    if (t === 'true' || t === 'false') return t === 'true';
    if (t === 'null') return null;
    if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
    return bad(`syntax error at '${t}'`);
  };
  const primary = (): FilterNode => {
    const t = next();
    if (t === '(') {
      const e = orExpr();
      if (next() !== ')') bad('missing )');
      return e;
    }
    if (t.toLowerCase() === 'not') {
      advanced = true;
      return { op: 'not', expr: primary() };
    }
    const fn = t.toLowerCase();
    if ((fn === 'startswith' || fn === 'endswith') && peek() === '(') {
      next();
      const prop = next();
      if (next() !== ',') bad('expected ,');
      const v = literal(next());
      if (next() !== ')') bad('missing )');
      if (typeof v !== 'string') bad(`${fn} needs a string`);
      if (fn === 'endswith') advanced = true;
      return { op: fn, prop, value: v as string };
    }
    const op = (next() ?? '').toLowerCase();
    if (op === 'in') {
      if (next() !== '(') bad('expected (');
      const values: Value[] = [];
      for (;;) {
        values.push(literal(next()));
        const sep = next();
        if (sep === ')') break;
        if (sep !== ',') bad('expected , or )');
      }
      return { op: 'in', prop: t, values };
    }
    if (!['eq', 'ne', 'ge', 'le', 'gt', 'lt'].includes(op)) bad(`unsupported operator '${op}'`);
    if (op === 'ne') advanced = true;
    return { op: op as 'eq', prop: t, value: literal(next()) };
  };
  const andExpr = (): FilterNode => {
    let left = primary();
    while (peek()?.toLowerCase() === 'and') {
      next();
      left = { op: 'and', left, right: primary() };
    }
    return left;
  };
  const orExpr = (): FilterNode => {
    let left = andExpr();
    while (peek()?.toLowerCase() === 'or') {
      next();
      left = { op: 'or', left, right: andExpr() };
    }
    return left;
  };
  const node = orExpr();
  if (pos !== tokens.length) bad(`unexpected '${tokens[pos]}'`);
  return { node, advanced };
}

export function evaluateFilter(
  node: FilterNode,
  item: Record<string, unknown>,
  props: readonly string[],
): boolean {
  const get = (p: string) => {
    const k = props.find((x) => x.toLowerCase() === p.toLowerCase());
    if (!k) throw new GraphError(400, 'BadRequest', `Could not find a property named '${p}'.`);
    return item[k];
  };
  const cmp = (a: unknown) => (typeof a === 'string' ? a.toLowerCase() : a);
  switch (node.op) {
    case 'and':
      return evaluateFilter(node.left, item, props) && evaluateFilter(node.right, item, props);
    case 'or':
      return evaluateFilter(node.left, item, props) || evaluateFilter(node.right, item, props);
    case 'not':
      return !evaluateFilter(node.expr, item, props);
    case 'in':
      return node.values.map(cmp).includes(cmp(get(node.prop)) as Value);
    case 'startswith':
      return String(get(node.prop) ?? '')
        .toLowerCase()
        .startsWith(node.value.toLowerCase());
    case 'endswith':
      return String(get(node.prop) ?? '')
        .toLowerCase()
        .endsWith(node.value.toLowerCase());
    default: {
      const a = cmp(get(node.prop));
      const b = cmp(node.value);
      if (node.op === 'eq') return a === b || (b === null && a === undefined);
      if (node.op === 'ne') return a !== b;
      if (a === null || a === undefined || b === null) return false;
      if (node.op === 'ge') return (a as string) >= (b as string);
      if (node.op === 'le') return (a as string) <= (b as string);
      if (node.op === 'gt') return (a as string) > (b as string);
      return (a as string) < (b as string);
    }
  }
}

/** A route parameter as a string (Express 5 types allow arrays for wildcards). */
export function param(req: Request, name: string): string | undefined {
  const v = (req.params as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v.join('/') : v;
}
