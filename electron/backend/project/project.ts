import type Database from 'better-sqlite3';
import { basename } from 'node:path';
import { openProjectDatabase, type OpenMode } from '../db/open';

/** An open project file. The backend holds one per process: the single writer. */
export class Project {
  private constructor(
    readonly path: string,
    readonly db: Database.Database,
    readonly schemaVersion: number,
    readonly readonly: boolean,
    readonly backupPath: string | null,
  ) {}

  static open(path: string, mode: OpenMode = 'open'): Project {
    const { db, schemaVersion, backupPath } = openProjectDatabase(path, mode);
    return new Project(path, db, schemaVersion, mode === 'readonly', backupPath);
  }

  get name(): string {
    return basename(this.path).replace(/\.concord$/i, '');
  }

  /** Runs fn in one transaction: every multi-step write is all or nothing. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (!this.db.open) return;
    if (!this.readonly) {
      // Fold the WAL back into the file so a normally closed project leaves no -wal.
      try {
        this.db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // another connection holds the WAL; SQLite checkpoints when the last one closes
      }
    }
    this.db.close();
  }
}
