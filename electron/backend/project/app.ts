import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { projectMethods } from '../../../shared/contract/project';
import { fillDemoProject } from '../demo/createDemo';
import { UserError } from '../errors';
import type { HandlerMap } from '../rpc/handlers';
import { projectSummary } from './summary';

declare const __CONCORD_VERSION__: string | undefined;
const version = typeof __CONCORD_VERSION__ === 'string' ? __CONCORD_VERSION__ : '0.1.0';

export const projectHandlers: HandlerMap<keyof typeof projectMethods> = {
  'project.current': (_p, { session }) => (session.project ? projectSummary(session.project) : null),

  'project.open': ({ path }, { session, emit }) => {
    const p = session.open(path, 'open');
    emit('project.changed', { path: p.path });
    return projectSummary(p);
  },

  'project.create': async ({ path, demo }, { session, emit }) => {
    const full = resolve(path.endsWith('.concord') ? path : `${path}.concord`);
    if (existsSync(full)) throw new UserError(`${full} already exists; open it or choose another name`);
    const p = session.open(full, 'create');
    if (demo) {
      try {
        await fillDemoProject(p, session.user);
      } catch (e) {
        session.close();
        rmSync(full, { force: true });
        throw e;
      }
    }
    emit('project.changed', { path: p.path });
    return projectSummary(p);
  },

  'project.close': (_p, { session, emit }) => {
    session.close();
    emit('project.changed', { path: null });
    return null;
  },

  'project.recent': (_p, { session }) => session.recent(),

  'app.info': (_p, { session }) => ({
    version,
    host: session.host === 'desktop' ? 'desktop' : 'browser',
    canPickFiles: session.host === 'desktop',
  }),
};
