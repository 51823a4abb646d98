import type { Request, Response } from 'express';
import type { MailboxStore, Stream } from '../../mailbox/store';
import { GraphError } from '../errors';
import { baseUrl, parsePrefer, queryOption } from '../odata';
import { type DeltaState, decodeDelta, encodeDelta } from './deltaToken';

/**
 * One delta round engine for calendarView and mail-folder delta (v1.0 semantics): the initial
 * request's options are locked into the state token; a round is nextLink pages ending with a
 * deltaLink; the next round returns only what changed since, removals as `@removed`; a token from
 * an older generation is 410 SyncStateNotFound with a restart URL in `Location`.
 */

/** What the engine shows for one changed id: the item, a removal, or nothing (filtered out). */
export type DeltaView = { live: Record<string, unknown> } | { removed: true } | null;

export interface DeltaStream {
  stream: Stream;
  /** Path below /v1.0 that nextLinks and deltaLinks point at (e.g. 'me/calendarView/delta'). */
  linkPath: string;
  entity: 'event' | 'message';
  /** The restart URL for a 410: the initial request with an empty $deltatoken. */
  restartUrl(previous: DeltaState | null): string;
  /** Validates the initial request's query options and returns what the token locks in. */
  initial(req: Request): Partial<DeltaState>;
  view(id: string, st: DeltaState): DeltaView;
}

const DEFAULT_PAGE = 10;
const MAX_PAGE = 1000;

export function pageSizeFrom(req: Request): number | null {
  const prefer = parsePrefer(req).maxPageSize;
  const top = queryOption(req, 'top');
  const n = prefer ?? (top !== undefined ? Number(top) : null);
  if (n === null) return null;
  if (!Number.isInteger(n) || n < 1)
    throw new GraphError(400, 'ErrorInvalidParameter', `Invalid page size specified: '${n}'.`);
  return Math.min(MAX_PAGE, n);
}

function expired(spec: DeltaStream, previous: DeltaState | null, message: string): GraphError {
  return new GraphError(410, 'SyncStateNotFound', message, { Location: spec.restartUrl(previous) });
}

/** Reads the state a request carries (or starts a new round); throws Graph's errors. */
export function deltaState(req: Request, store: MailboxStore, userId: string, spec: DeltaStream): DeltaState {
  const skip = queryOption(req, 'skiptoken') || '';
  const delta = queryOption(req, 'deltatoken') || '';
  const token = skip || delta;
  const generation = store.generation(userId, spec.stream);
  if (!token) {
    const snap = store.currentSeq(userId);
    return { u: userId, s: spec.stream, g: generation, since: 0, snap, after: 0, ...spec.initial(req) };
  }
  let st: DeltaState;
  try {
    st = decodeDelta(store.tokenKey, token);
  } catch {
    throw expired(spec, null, 'The sync state generation is not found; the delta token is invalid.');
  }
  if (st.u !== userId || st.s !== spec.stream)
    throw new GraphError(400, 'ErrorInvalidParameter', 'The delta token does not belong to this resource.');
  if (st.g !== generation)
    throw expired(
      spec,
      st,
      `The sync state generation is not found; generation=${st.g};[highest=${generation}].`,
    );
  // A deltaLink starts the next round: everything changed since the previous round ended.
  return skip ? st : { ...st, snap: store.currentSeq(userId), after: st.since };
}

export function serveDeltaPage(
  req: Request,
  res: Response,
  store: MailboxStore,
  userId: string,
  spec: DeltaStream,
  st: DeltaState,
): void {
  const ps = pageSizeFrom(req) ?? st.ps ?? DEFAULT_PAGE;
  const initial = st.since === 0;
  const views = new Map<string, Exclude<DeltaView, null>>();
  const page = store.changes(userId, spec.stream, st.after, st.snap, ps, (id) => {
    const v = spec.view(id, st);
    // The initial round is a snapshot: removals before it are nobody's business.
    if (!v || (initial && 'removed' in v)) return false;
    views.set(id, v);
    return true;
  });
  const type = spec.entity === 'event' ? '#microsoft.graph.event' : '#microsoft.graph.message';
  const value = page.ids.map((id) => {
    const v = views.get(id)!;
    return 'live' in v ? v.live : { '@odata.type': type, id, '@removed': { reason: 'deleted' } };
  });
  const base = `${baseUrl(req)}/${spec.linkPath}`;
  const body: Record<string, unknown> = {
    '@odata.context': `${baseUrl(req)}/$metadata#Collection(${spec.entity})`,
  };
  if (page.more) {
    const next: DeltaState = { ...st, after: page.seqs[page.seqs.length - 1]!, ps };
    body['@odata.nextLink'] = `${base}?$skiptoken=${encodeDelta(store.tokenKey, next)}`;
  } else {
    const { ps: _ps, ...rest } = st;
    const done: DeltaState = { ...rest, since: st.snap, after: st.snap };
    body['@odata.deltaLink'] = `${base}?$deltatoken=${encodeDelta(store.tokenKey, done)}`;
  }
  body.value = value;
  res.json(body);
}
