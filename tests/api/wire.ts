import { expect } from 'vitest';
import type { z } from 'zod';

/**
 * Checks a response body against its wire contract (contract/), strictly: it must parse, and
 * parsing must keep everything — the contract's objects drop keys they do not know, so a field the
 * server sends but the contract lacks makes the two differ. Either way a drift fails here.
 */
export function expectWire<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success)
    expect.fail(`not the wire contract: ${JSON.stringify(result.error.issues.slice(0, 3))}`);
  expect(result.data).toStrictEqual(body);
  return result.data;
}
