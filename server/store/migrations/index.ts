import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_init';
import * as m0002 from './0002_sync';
import * as m0003 from './0003_sync_progress';
import * as m0004 from './0004_settings';
import * as m0005 from './0005_insights';
import * as m0006 from './0006_conversations';
import * as m0007 from './0007_sync_blocked';
import * as m0008 from './0008_suggestions';
import * as m0009 from './0009_one_person_one_row';
import * as m0010 from './0010_owner_named';

/** Listed by hand, in order: no filesystem globbing, so any bundler or runner finds them. */
const migrations: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_sync': m0002,
  '0003_sync_progress': m0003,
  '0004_settings': m0004,
  '0005_insights': m0005,
  '0006_conversations': m0006,
  '0007_sync_blocked': m0007,
  '0008_suggestions': m0008,
  '0009_one_person_one_row': m0009,
  '0010_owner_named': m0010,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
