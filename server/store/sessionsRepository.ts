import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from './schema';

/** Standalone sign-in sessions; the cookie holds a random value, the table only its hash. */
export interface SigninSession {
  tid: string;
  oid: string;
  homeAccountId: string;
  expiresAt: Date;
}

const hash = (cookieValue: string) => createHash('sha256').update(cookieValue).digest('hex');

export class SessionsRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async create(cookieValue: string, s: SigninSession): Promise<void> {
    await this.db
      .insertInto('signin_sessions')
      .values({
        id: hash(cookieValue),
        tid: s.tid,
        oid: s.oid,
        home_account_id: s.homeAccountId,
        expires_at: s.expiresAt,
      })
      .execute();
  }

  async find(cookieValue: string, now = new Date()): Promise<SigninSession | null> {
    const row = await this.db
      .selectFrom('signin_sessions')
      .selectAll()
      .where('id', '=', hash(cookieValue))
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row
      ? {
          tid: row.tid,
          oid: row.oid,
          homeAccountId: row.home_account_id,
          expiresAt: new Date(row.expires_at),
        }
      : null;
  }

  async delete(cookieValue: string): Promise<void> {
    await this.db.deleteFrom('signin_sessions').where('id', '=', hash(cookieValue)).execute();
  }

  async purgeExpired(now = new Date()): Promise<number> {
    const r = await this.db.deleteFrom('signin_sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
