import type { Migration } from './migration';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-codebook-coding';
import { migration0003 } from './0003-llm-jobs';
import { migration0004 } from './0004-calibration';
import { migration0005 } from './0005-review';
import { migration0006 } from './0006-job-concurrency';

/** Every schema change, in order. A migration, once released, is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
