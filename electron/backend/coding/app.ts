import type { codingMethods } from '../../../shared/contract/coding';
import { loadSource } from '../documents/importer';
import { recordHistory } from '../history/record';
import type { HandlerMap } from '../rpc/handlers';
import { applyCode, removeCode, setLabelMemo, setSegmentDone } from './applyCode';
import { coderById, coderByName, ensureCoder, listCodersWithCounts } from './coders';
import { importLabelsCsv } from './importLabelsCsv';
import { documentLabelViews } from './labelViews';
import { segmentsWithCode } from './segmentsWithCode';

export const codingHandlers: HandlerMap<keyof typeof codingMethods> = {
  'coders.list': (_p, { session }) =>
    listCodersWithCounts(session.requireProject().db).map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      labels: c.labels,
    })),

  'coders.create': ({ name }, { session }) => {
    const p = session.requireProject();
    // creating a coder who exists returns them: picking "Ana" twice should not fail
    const coder = p.transaction(() => {
      const existed = coderByName(p.db, name.trim());
      const c = ensureCoder(p.db, name, 'human');
      if (!existed)
        recordHistory(p.db, {
          actor: session.user,
          action: 'coder.create',
          entity: 'coder',
          entityId: c.id,
          after: { name: c.name, kind: c.kind },
        });
      return c;
    });
    const labels = p.db
      .prepare('SELECT count(*) FROM labels WHERE coder_id = ?')
      .pluck()
      .get(coder.id) as number;
    return { id: coder.id, name: coder.name, kind: coder.kind, labels };
  },

  'coding.documentLabels': ({ documentId, onlyCoderId }, { session }) => {
    const db = session.requireProject().db;
    if (onlyCoderId !== undefined) coderById(db, onlyCoderId);
    return documentLabelViews(db, documentId, onlyCoderId);
  },

  'coding.apply': (params, { session }) => {
    const p = session.requireProject();
    return p.transaction(() => applyCode(p.db, params, session.user));
  },

  'coding.remove': ({ labelId, coderId }, { session }) => {
    const p = session.requireProject();
    return { removed: p.transaction(() => removeCode(p.db, labelId, coderId, session.user)) };
  },

  'coding.setMemo': ({ labelId, memo }, { session }) => {
    const p = session.requireProject();
    return p.transaction(() => setLabelMemo(p.db, labelId, memo, session.user));
  },

  'coding.segmentsWithCode': ({ codeKey, coderId, documentId }, { session }) =>
    segmentsWithCode(session.requireProject().db, codeKey, { coderId, documentId }),

  'coding.setSegmentDone': ({ segmentId, coderId, done }, { session }) => {
    const p = session.requireProject();
    return { done: p.transaction(() => setSegmentDone(p.db, segmentId, coderId, done, session.user)) };
  },

  'coding.doneSegments': ({ documentId, coderId }, { session }) =>
    session
      .requireProject()
      .db.prepare(
        'SELECT c.segment_id FROM coded_segments c JOIN segments s ON s.id = c.segment_id WHERE s.document_id = ? AND c.coder_id = ? ORDER BY s.idx',
      )
      .pluck()
      .all(documentId, coderId) as number[],

  'coding.importLabelsCsv': ({ source }, { session }) => {
    const p = session.requireProject();
    const file = loadSource(source);
    return p.transaction(() => importLabelsCsv(p.db, file.bytes, file.name, session.user));
  },
};
