import { createHmac, timingSafeEqual } from 'node:crypto';
import { GraphError } from '../errors';

/**
 * Delta state tokens: opaque to clients, signed so they cannot be forged, carrying everything the
 * next request needs — stream, window (locked in, as Graph does), selected fields, the change
 * sequence the round started from, the snapshot it ends at and the page cursor.
 */
export interface DeltaState {
  u: string; // mailbox owner id
  s: string; // stream
  g: number; // stream generation when issued
  w?: [number, number]; // calendar window (ms)
  sel?: string[];
  since: number; // changes after this sequence number (0 = initial round)
  snap: number; // the round ends at this sequence number
  after: number; // page cursor: last sequence number returned
  ps?: number; // page size from the first request (headers aren't carried to nextLinks)
  rf?: number; // messages: receivedDateTime lower bound from the initial $filter (ms)
  ct?: 'created' | 'updated' | 'deleted'; // messages: the initial request's changeType
}

export function encodeDelta(key: Buffer, state: DeltaState): string {
  const body = Buffer.from(JSON.stringify(state)).toString('base64url');
  const mac = createHmac('sha256', key).update(body).digest('base64url').slice(0, 22);
  return `${body}.${mac}`;
}

export function decodeDelta(key: Buffer, token: string): DeltaState {
  const [body, mac] = token.split('.');
  const expected = body ? createHmac('sha256', key).update(body).digest('base64url').slice(0, 22) : '';
  if (
    !body ||
    !mac ||
    mac.length !== expected.length ||
    !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))
  ) {
    throw new GraphError(
      410,
      'SyncStateNotFound',
      'The sync state generation is not found; the delta token is invalid or expired.',
    );
  }
  return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as DeltaState;
}
