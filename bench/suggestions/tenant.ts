/**
 * The dev tenant for `npm run bench -- suggestions`, in a child process of its own: Graph is a
 * remote service to Rapport, so the fake Graph's CPU (building free/busy, signing and checking
 * tokens, materialising mailboxes, garbage collection of a thousand mailboxes) does not share the
 * event loop Rapport's run is timed on. Rapport still reaches it only over HTTPS with the real SDK.
 *
 * Run as `node --import tsx bench/suggestions/tenant.ts` with an IPC channel; `remoteTenant()`
 * (below) is the parent's side. The dev tenant builds a mailbox on first touch (its own start-up,
 * not Graph's answer time): `warm()` materialises mailboxes before a measurement.
 */
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TenantUser {
  id: string;
  mail: string;
  userPrincipalName: string;
  displayName: string;
  timeZone: string;
  workingHours: unknown;
}

export interface TenantInfo {
  tenantId: string;
  origin: string;
  users: TenantUser[];
}

export interface TenantStats {
  /** Requests admitted past Outlook's per-mailbox throttle (mailbox routes only). */
  admitted: number;
  /** Requests answered 429 by the throttle. */
  throttled: number;
  rssMb: number;
}

type Op =
  | { op: 'info' }
  | { op: 'tokens'; ids: string[] }
  | { op: 'warm'; ids?: string[] }
  | { op: 'latency'; ms: number }
  | { op: 'stats' }
  | { op: 'close' };

type Message = Op & { seq: number };

const isChild = process.argv[1] === fileURLToPath(import.meta.url);

if (isChild) {
  const { startDevTenant, RAPPORT_GRAPH_SCOPES } = await import('../../server/devtenant/server');
  const people = Number(process.env.BENCH_TENANT_PEOPLE ?? 1050);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-tenant-'));
  fs.cpSync(path.resolve(process.env.DATA_DIR ?? 'data', 'certs'), path.join(dataDir, 'certs'), {
    recursive: true,
  });
  const tenant = await startDevTenant({
    seed: 'bench',
    people,
    dataDir,
    redirectUris: ['http://localhost:1/auth/callback'],
  });
  const members = tenant.data.users.filter((u) => tenant.store.hasMailbox(u.id));
  const warm = async (ids: string[]) => {
    for (const id of ids) {
      tenant.store.mailbox(id);
      await new Promise((r) => setImmediate(r)); // serve requests between mailboxes
    }
  };
  const answer = async (m: Op): Promise<unknown> => {
    switch (m.op) {
      case 'info':
        return {
          tenantId: tenant.tenantId,
          origin: tenant.origin,
          users: members.map((u) => ({
            id: u.id,
            mail: u.mail!,
            userPrincipalName: u.userPrincipalName,
            displayName: u.displayName,
            timeZone: u.mailboxSettings.timeZone,
            workingHours: u.mailboxSettings.workingHours,
          })),
        } satisfies TenantInfo;
      case 'tokens':
        return Promise.all(m.ids.map((id) => tenant.identity.issueGraphToken(id, RAPPORT_GRAPH_SCOPES)));
      case 'warm':
        await warm(m.ids ?? members.map((u) => u.id));
        return null;
      case 'latency':
        tenant.faults.setLatency({ fixedMs: m.ms, jitterMs: 0 });
        return null;
      case 'stats':
        return {
          admitted: [...tenant.faults.throttle.admitted.values()].reduce((a, b) => a + b, 0),
          throttled: tenant.faults.throttle.throttled,
          rssMb: Math.round(process.memoryUsage().rss / 1e6),
        } satisfies TenantStats;
      case 'close':
        await tenant.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
        setImmediate(() => process.exit(0));
        return null;
    }
  };
  process.on('message', (m: Message) => {
    answer(m).then(
      (value) => process.send!({ seq: m.seq, value }),
      (err: unknown) => process.send!({ seq: m.seq, error: String(err) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
  process.send!({ seq: 0, value: 'ready' });
}

/** The parent's handle on the child's dev tenant. */
export interface RemoteTenant extends TenantInfo {
  /** A Graph token for each user (the child signs them). */
  tokens(ids: string[]): Promise<string[]>;
  /** Materialises these mailboxes (every one by default). */
  warm(ids?: string[]): Promise<void>;
  setLatency(ms: number): Promise<void>;
  stats(): Promise<TenantStats>;
  close(): Promise<void>;
}

export async function remoteTenant(people: number): Promise<RemoteTenant> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_TENANT_PROF
        ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_TENANT_PROF]
        : []),
    ],
    env: { ...process.env, BENCH_TENANT_PEOPLE: String(people) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let seq = 0;
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the dev tenant exited (${code})`)));
    pending.set(0, { resolve: () => resolve(), reject });
  });
  child.on('message', (m: { seq: number; value?: unknown; error?: string }) => {
    const p = pending.get(m.seq);
    pending.delete(m.seq);
    if (m.error) p?.reject(new Error(m.error));
    else p?.resolve(m.value);
  });
  const call = <T>(op: Op) =>
    new Promise<T>((resolve, reject) => {
      const s = ++seq;
      pending.set(s, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ ...op, seq: s });
    });
  await ready;
  const info = await call<TenantInfo>({ op: 'info' });
  return {
    ...info,
    tokens: (ids) => call<string[]>({ op: 'tokens', ids }),
    warm: (ids) => call<void>({ op: 'warm', ids }),
    setLatency: (ms) => call<void>({ op: 'latency', ms }),
    stats: () => call<TenantStats>({ op: 'stats' }),
    close: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      await call({ op: 'close' }).catch(() => undefined);
      await exited;
    },
  };
}
