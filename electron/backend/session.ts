import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { RecentProject } from '../../shared/contract/project';
import { UserError } from './errors';
import { Project } from './project/project';

export type HostKind = 'desktop' | 'browser' | 'cli';

export interface SessionOptions {
  host: HostKind;
  /** per-user settings folder (recent projects); CONCORD_HOME overrides */
  configDir?: string;
  /** the person at the keyboard, recorded in history */
  user?: string;
}

export function defaultConfigDir(env: Record<string, string | undefined> = process.env): string {
  if (env.CONCORD_HOME) return resolve(env.CONCORD_HOME);
  const base =
    env.XDG_CONFIG_HOME || (process.platform === 'win32' ? env.APPDATA : null) || join(homedir(), '.config');
  return join(base ?? homedir(), 'concord');
}

const MAX_RECENT = 12;

/** The backend's state for one host: at most one open project (the single writer). */
export class Session {
  private current: Project | null = null;
  readonly host: HostKind;
  readonly configDir: string;
  readonly user: string;

  constructor(opts: SessionOptions) {
    this.host = opts.host;
    this.configDir = opts.configDir ?? defaultConfigDir();
    this.user = opts.user ?? process.env.CONCORD_USER ?? process.env.USER ?? 'researcher';
  }

  get project(): Project | null {
    return this.current;
  }

  requireProject(): Project {
    if (!this.current) throw new UserError('no project is open', 'no_project');
    return this.current;
  }

  open(path: string, mode: 'open' | 'create' = 'open'): Project {
    const full = resolve(path);
    const next = Project.open(full, mode);
    this.close();
    this.current = next;
    this.remember(full, next.name);
    return next;
  }

  close(): void {
    this.current?.close();
    this.current = null;
  }

  private get recentFile(): string {
    return join(this.configDir, 'recent.json');
  }

  recent(): RecentProject[] {
    try {
      const list = JSON.parse(readFileSync(this.recentFile, 'utf8')) as RecentProject[];
      return Array.isArray(list) ? list.filter((r) => typeof r?.path === 'string' && existsSync(r.path)) : [];
    } catch {
      return [];
    }
  }

  private remember(path: string, name: string): void {
    const list = [
      { path, name, openedAt: new Date().toISOString() },
      ...this.recent().filter((r) => r.path !== path),
    ].slice(0, MAX_RECENT);
    try {
      mkdirSync(dirname(this.recentFile), { recursive: true });
      const tmp = `${this.recentFile}.tmp`;
      writeFileSync(tmp, JSON.stringify(list, null, 2));
      renameSync(tmp, this.recentFile);
    } catch {
      // a read-only home folder must not stop the project from opening
    }
  }
}
