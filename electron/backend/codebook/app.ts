import type { codebookMethods } from '../../../shared/contract/codebook';
import { loadSource } from '../documents/importer';
import { recordHistory } from '../history/record';
import type { HandlerMap } from '../rpc/handlers';
import { exportCodebookFile, importCodebookFile } from './codebookFiles';
import { editCodebook } from './editVersion';
import { planDeleteCode, planMoveCode, planSaveCode } from './planCodeEdits';
import { planMergeCodes, planSplitCode } from './planMergeSplit';
import { codebookVersionByNumber, setActiveCodebookVersion } from './store';
import { codebookView, diffVersions, listVersionViews } from './views';

export const codebookHandlers: HandlerMap<keyof typeof codebookMethods> = {
  'codebook.versions': (_p, { session }) => listVersionViews(session.requireProject().db),

  'codebook.get': ({ version }, { session }) => codebookView(session.requireProject().db, version),

  'codebook.saveCode': ({ version, code }, { session }) => {
    const p = session.requireProject();
    return p.transaction(() =>
      editCodebook(p.db, version, session.user, (codes, ctx) => planSaveCode(codes, code, ctx)),
    );
  },

  'codebook.deleteCode': ({ version, key }, { session }) => {
    const p = session.requireProject();
    return p.transaction(() =>
      editCodebook(p.db, version, session.user, (codes, ctx) => planDeleteCode(codes, key, ctx)),
    );
  },

  'codebook.moveCode': ({ version, key, parentKey, index }, { session }) => {
    const p = session.requireProject();
    return p.transaction(() =>
      editCodebook(p.db, version, session.user, (codes, ctx) =>
        planMoveCode(codes, key, parentKey, index, ctx),
      ),
    );
  },

  'codebook.mergeCodes': ({ version, sourceKeys, targetKey }, { session }) => {
    const p = session.requireProject();
    return p.transaction(() =>
      editCodebook(p.db, version, session.user, (codes, ctx) =>
        planMergeCodes(codes, sourceKeys, targetKey, ctx),
      ),
    );
  },

  'codebook.splitCode': ({ version, key, into }, { session }) => {
    const p = session.requireProject();
    return p.transaction(() =>
      editCodebook(p.db, version, session.user, (codes, ctx) => planSplitCode(codes, key, into, ctx)),
    );
  },

  'codebook.diff': ({ from, to }, { session }) => ({
    changes: diffVersions(session.requireProject().db, from, to),
  }),

  'codebook.setActive': ({ version }, { session }) => {
    const p = session.requireProject();
    p.transaction(() => {
      codebookVersionByNumber(p.db, version);
      setActiveCodebookVersion(p.db, version);
      recordHistory(p.db, {
        actor: session.user,
        action: 'codebook.setActive',
        entity: 'codebook_version',
        entityId: version,
      });
    });
    return null;
  },

  'codebook.importFile': ({ source }, { session }) => {
    const p = session.requireProject();
    const file = loadSource(source);
    return p.transaction(() => importCodebookFile(p.db, file.name, file.bytes, session.user));
  },

  'codebook.exportFile': async ({ version, format }, { session }) => {
    const out = await exportCodebookFile(session.requireProject().db, format, version);
    return { fileName: out.fileName, mimeType: out.mimeType, contentBase64: out.bytes.toString('base64') };
  },
};
