import { create } from 'zustand';
import type { Result } from '../../../shared/contract';
import type { ProjectSummary, RecentProject } from '../../../shared/contract/project';
import { call, errorMessage } from '../rpc/client';
import { reportError } from './notices';

export type AppInfo = Result<'app.info'>;

interface ProjectState {
  /** 'offline' when the backend cannot be reached at all (shown as a full screen with retry) */
  status: 'loading' | 'ready' | 'offline';
  bootError: string | null;
  info: AppInfo | null;
  summary: ProjectSummary | null;
  recent: RecentProject[];
  /** an open/create/close request is running */
  busy: boolean;
  boot(): Promise<void>;
  refresh(): Promise<void>;
  loadRecent(): Promise<void>;
  open(path: string): Promise<boolean>;
  create(path: string, demo: boolean): Promise<boolean>;
  close(): Promise<void>;
}

export const useProject = create<ProjectState>()((set, get) => {
  const switchTo = async (request: () => Promise<ProjectSummary>): Promise<boolean> => {
    set({ busy: true });
    try {
      const summary = await request();
      set({ summary, busy: false });
      return true;
    } catch (e) {
      set({ busy: false });
      reportError(e);
      return false;
    }
  };

  return {
    status: 'loading',
    bootError: null,
    info: null,
    summary: null,
    recent: [],
    busy: false,

    async boot() {
      set({ status: 'loading', bootError: null });
      try {
        const [info, summary] = await Promise.all([call('app.info', {}), call('project.current', {})]);
        set({ info, summary, status: 'ready' });
        if (!summary) await get().loadRecent();
      } catch (e) {
        set({ status: 'offline', bootError: errorMessage(e) });
      }
    },

    async refresh() {
      try {
        const summary = await call('project.current', {});
        set({ summary });
        if (!summary) await get().loadRecent();
      } catch (e) {
        reportError(e);
      }
    },

    async loadRecent() {
      try {
        set({ recent: await call('project.recent', {}) });
      } catch (e) {
        reportError(e);
      }
    },

    open: (path) => switchTo(() => call('project.open', { path })),

    create: (path, demo) => switchTo(() => call('project.create', { path, demo })),

    async close() {
      set({ busy: true });
      try {
        await call('project.close', {});
        set({ summary: null, busy: false });
        await get().loadRecent();
      } catch (e) {
        set({ busy: false });
        reportError(e);
      }
    },
  };
});
