import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { MethodName, Params, Result } from '../../shared/contract';
import { dispatch } from '../../electron/backend/rpc/dispatch';
import type { HandlerContext } from '../../electron/backend/rpc/handlers';
import { Session } from '../../electron/backend/session';
import type { Project } from '../../electron/backend/project/project';

/** An RPC failure as the UI would see it. */
export class RpcFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface TestStudy {
  session: Session;
  project: Project;
  db: Database.Database;
  /** calls a method through the real dispatcher (zod validation included) */
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
}

/** A fresh project in `dir`, opened by a session as the desktop app would. */
export function openStudy(dir: string, user = 'tester'): TestStudy {
  const session = new Session({ host: 'cli', configDir: dir, user });
  const project = session.open(join(dir, 'study.concord'), 'create');
  const ctx: HandlerContext = { session, emit: () => {} };
  return {
    session,
    project,
    db: project.db,
    async call(method, params) {
      const r = await dispatch(method, params, ctx);
      if (!r.ok) throw new RpcFailure(r.error.code, r.error.message);
      return r.result as Result<typeof method>;
    },
  };
}

/**
 * Stores a transcript directly (one segment per line, "Speaker: text"), so coding
 * tests do not depend on the importer. Offsets are UTF-16, as the importer's are.
 */
export function addTranscript(
  db: Database.Database,
  name: string,
  lines: string[],
): { id: number; segments: { id: number; uid: string; start: number; end: number }[] } {
  const text = `${lines.join('\n')}\n`;
  const id = Number(
    db
      .prepare(
        `INSERT INTO documents (uid, name, source_file, format, encoding, content_hash, text, chars, words, imported_at)
         VALUES (?, ?, NULL, 'txt', 'utf-8', ?, ?, ?, ?, ?)`,
      )
      .run(
        randomUUID(),
        name,
        randomUUID(),
        text,
        text.length,
        text.split(/\s+/).length,
        new Date().toISOString(),
      ).lastInsertRowid,
  );
  const insert = db.prepare(
    `INSERT INTO segments (uid, document_id, idx, turn, speaker, start, end, text, words) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const segments: { id: number; uid: string; start: number; end: number }[] = [];
  let offset = 0;
  lines.forEach((line, i) => {
    const colon = line.indexOf(': ');
    const speaker = colon > 0 ? line.slice(0, colon) : null;
    const start = offset + (colon > 0 ? colon + 2 : 0);
    const end = offset + line.length;
    const uid = randomUUID();
    const segId = Number(
      insert.run(uid, id, i, i, speaker, start, end, text.slice(start, end), 1).lastInsertRowid,
    );
    segments.push({ id: segId, uid, start, end });
    offset += line.length + 1;
  });
  return { id, segments };
}

/** A small codebook in the JSON form: two families, one with two children. */
export function smallCodebook(name = 'Test codebook') {
  const code = (id: string, codeName: string, parent_id: string | null, color: string) => ({
    id,
    name: codeName,
    parent_id,
    definition: `Definition of ${codeName}.`,
    inclusion: `Apply to ${codeName.toLowerCase()}.`,
    exclusion: '',
    examples: { positive: [`An example of ${codeName.toLowerCase()}.`], negative: [] },
    color,
  });
  return {
    name,
    version: 1,
    codes: [
      code('outreach', 'Outreach', null, '#1F77B4'),
      code('outreach-calls', 'Phone calls', 'outreach', '#FF7F0E'),
      code('outreach-visits', 'Home visits', 'outreach', '#2CA02C'),
      code('barriers', 'Barriers', null, '#D62728'),
    ],
  };
}

export function importJsonCodebook(study: TestStudy, cb: unknown, name = 'codebook.json') {
  return study.call('codebook.importFile', {
    source: { name, contentBase64: Buffer.from(JSON.stringify(cb)).toString('base64') },
  });
}
