import type { documentMethods } from '../../../shared/contract/documents';
import type { HandlerMap } from '../rpc/handlers';
import { setDocumentAttributes } from './attributes';
import { applyMetadata } from './applyMetadata';
import { importSources, loadSource } from './importer';
import { decodeText } from '../import';
import { recordHistory } from '../history/record';
import { attributeCounts, documentText, getDocument, listDocuments, listSegments } from './queries';

export const documentHandlers: HandlerMap<keyof typeof documentMethods> = {
  'documents.list': (params, { session }) => listDocuments(session.requireProject().db, params),

  'documents.get': ({ id }, { session }) => getDocument(session.requireProject().db, id),

  'documents.text': ({ id }, { session }) => ({ text: documentText(session.requireProject().db, id) }),

  'documents.segments': ({ documentId, offset, limit }, { session }) =>
    listSegments(session.requireProject().db, documentId, offset, limit),

  'documents.setAttributes': ({ id, attributes }, { session }) => {
    const p = session.requireProject();
    getDocument(p.db, id);
    p.transaction(() => setDocumentAttributes(p.db, id, attributes, session.user));
    return getDocument(p.db, id);
  },

  'documents.rename': ({ id, name }, { session }) => {
    const p = session.requireProject();
    const before = getDocument(p.db, id);
    p.transaction(() => {
      p.db.prepare('UPDATE documents SET name = ? WHERE id = ?').run(name, id);
      recordHistory(p.db, {
        actor: session.user,
        action: 'document.rename',
        entity: 'document',
        entityId: id,
        before: before.name,
        after: name,
      });
    });
    return getDocument(p.db, id);
  },

  'documents.delete': ({ ids }, { session }) => {
    const p = session.requireProject();
    let deleted = 0;
    p.transaction(() => {
      for (const id of ids) {
        const doc = getDocument(p.db, id);
        p.db.prepare('DELETE FROM documents WHERE id = ?').run(id);
        recordHistory(p.db, {
          actor: session.user,
          action: 'document.delete',
          entity: 'document',
          entityId: id,
          before: { name: doc.name, uid: doc.uid },
        });
        deleted++;
      }
    });
    return { deleted };
  },

  'documents.attributeNames': (_p, { session }) =>
    Object.entries(attributeCounts(session.requireProject().db)).map(([name, values]) => ({
      name,
      values: Object.entries(values).map(([value, documents]) => ({ value, documents })),
    })),

  'import.files': ({ files, meta, maxSegmentChars }, { session, emit }) =>
    importSources(
      session.requireProject(),
      files,
      { actor: session.user, maxSegmentChars, onProgress: (p) => emit('import.progress', p) },
      meta,
    ),

  'import.meta': ({ meta }, { session }) => {
    const p = session.requireProject();
    const file = loadSource(meta);
    return applyMetadata(p, decodeText(file.bytes).text, file.label, session.user);
  },
};
