import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_init';

/** Listed by hand, in order: no filesystem globbing, so any bundler or runner finds them. */
const migrations: Record<string, Migration> = {
  '0001_init': m0001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
