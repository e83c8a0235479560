import type { Migration } from './migration';

// A job remembers the concurrency it last ran with, so a resume (from the UI, the CLI
// or after a crash) goes on at the same pace unless told otherwise. NULL: the default.

export const migration0006: Migration = {
  version: 6,
  name: 'job concurrency',
  up: `
    ALTER TABLE jobs ADD COLUMN concurrency INTEGER CHECK (concurrency IS NULL OR concurrency BETWEEN 1 AND 256);
  `,
};
