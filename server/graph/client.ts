import {
  AuthenticationHandler,
  Client,
  type Context,
  HTTPMessageHandler,
  type Middleware,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
} from '@microsoft/microsoft-graph-client';
import pLimit, { type LimitFunction } from 'p-limit';
import { GraphTokenError } from './errors';

/**
 * A Graph SDK client for one caller. The base URL is configuration (global Graph, a national cloud,
 * or the dev tenant); the SDK only attaches tokens to hosts it knows, so a non-Microsoft host is
 * declared as a custom host.
 *
 * All clients of the server share one limiter: an app-wide cap on requests in flight, whatever the
 * number of users syncing. It sits after the retry handler, so a request waiting out a Retry-After
 * does not hold a slot.
 */
export function createGraphLimiter(maxConcurrency: number): LimitFunction {
  return pLimit(maxConcurrency);
}

class ConcurrencyLimitHandler implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly limit: LimitFunction) {}
  execute(context: Context): Promise<void> {
    const next = this.next;
    if (!next) throw new Error('ConcurrencyLimitHandler must not be last in the chain');
    return this.limit(() => next.execute(context));
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

export function createGraphClient(opts: {
  baseUrl: string;
  getToken: () => Promise<string>;
  limiter?: LimitFunction;
}): Client {
  const host = new URL(opts.baseUrl).hostname;
  const isMicrosoftGraph =
    /(^|\.)graph\.microsoft\.(com|us)$|^microsoftgraph\.chinacloudapi\.cn$|^dod-graph\.microsoft\.us$/.test(
      host,
    );
  const authProvider = {
    getAccessToken: () =>
      opts.getToken().catch((err: unknown) => {
        throw new GraphTokenError(err); // keeps the token error whole through the SDK
      }),
  };
  const middleware: Middleware[] = [
    new AuthenticationHandler(authProvider),
    new RetryHandler(new RetryHandlerOptions()),
    ...(opts.limiter ? [new ConcurrencyLimitHandler(opts.limiter)] : []),
    new TelemetryHandler(),
    new HTTPMessageHandler(),
  ];
  return Client.initWithMiddleware({
    baseUrl: `${opts.baseUrl.replace(/\/+$/, '')}/`,
    defaultVersion: 'v1.0',
    middleware,
    ...(isMicrosoftGraph ? {} : { customHosts: new Set([host]) }),
  });
}
