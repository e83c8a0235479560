import type { Migration } from './migration';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-codebook-coding';

/** Every schema change, in order. A migration, once released, is never edited. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
