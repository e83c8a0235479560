import { create } from 'zustand';
import type { Result } from '../../../shared/contract';
import type { CodebookVersionView, CodeView } from '../../../shared/contract/codebook';
import { fileToBase64 } from '../import/base64';
import { call, errorMessage } from '../rpc/client';
import { reportError, reportInfo } from './notices';

export type Codebook = NonNullable<Result<'codebook.get'>>;
type EditResult = Result<'codebook.saveCode'>;

/** The selection key of a code that is being created and has no key yet. */
export const NEW_CODE_KEY = '__new__';

/** The editable fields of a code, as the form holds them. */
export interface CodeDraft {
  parentKey: string | null;
  name: string;
  shortLabel: string;
  definition: string;
  inclusion: string;
  exclusion: string;
  examples: { positive: string[]; negative: string[] };
  color: string;
}

export const draftFromCode = (c: CodeView): CodeDraft => ({
  parentKey: c.parentKey,
  name: c.name,
  shortLabel: c.shortLabel,
  definition: c.definition,
  inclusion: c.inclusion,
  exclusion: c.exclusion,
  examples: { positive: [...c.examples.positive], negative: [...c.examples.negative] },
  color: c.color,
});

export const sameDraft = (a: CodeDraft, b: CodeDraft) => JSON.stringify(a) === JSON.stringify(b);

/** What is sent: trimmed text, no empty examples. */
export const codeInput = (key: string | undefined, d: CodeDraft) => ({
  key,
  parentKey: d.parentKey,
  name: d.name.trim(),
  shortLabel: d.shortLabel.trim(),
  definition: d.definition.trim(),
  inclusion: d.inclusion.trim(),
  exclusion: d.exclusion.trim(),
  examples: {
    positive: d.examples.positive.map((x) => x.trim()).filter(Boolean),
    negative: d.examples.negative.map((x) => x.trim()).filter(Boolean),
  },
  color: d.color.toUpperCase(),
});

interface CodebookState {
  /** the project these data belong to (the stores outlive a project switch) */
  path: string | null;
  versions: CodebookVersionView[];
  /** the version new labels use */
  active: Codebook | null;
  /** the version the editor shows */
  viewed: Codebook | null;
  loaded: boolean;
  error: string | null;
  /** an edit is on its way to the backend */
  busy: boolean;
  selectedKey: string | null;
  /** unsaved edits per code key (NEW_CODE_KEY for a code being created) */
  drafts: Record<string, CodeDraft>;
  collapsed: Record<string, boolean>;
  query: string;
  ensureLoaded(path: string): Promise<void>;
  /** refetches versions and codes; `version` switches the editor to that version */
  reload(version?: number): Promise<void>;
  view(version: number): Promise<void>;
  select(key: string | null): void;
  startNew(parentKey: string | null, color: string): void;
  setDraft(key: string, draft: CodeDraft | null): void;
  save(key: string): Promise<boolean>;
  remove(key: string): Promise<boolean>;
  move(key: string, parentKey: string | null, index: number): Promise<boolean>;
  merge(sourceKeys: string[], targetKey: string): Promise<boolean>;
  split(key: string, into: { key?: string; draft: CodeDraft }[]): Promise<boolean>;
  setActive(version: number): Promise<void>;
  importFile(file: File): Promise<void>;
  exportFile(format: 'qdc' | 'json' | 'md' | 'docx'): Promise<Result<'codebook.exportFile'> | null>;
  setCollapsed(key: string, collapsed: boolean): void;
  setQuery(query: string): void;
}

let loadSeq = 0;

export const useCodebook = create<CodebookState>()((set, get) => {
  /** Runs an edit; afterwards the editor shows the version that holds it. */
  const edit = async (run: (version: number) => Promise<EditResult>): Promise<EditResult | null> => {
    const from = get().viewed?.version;
    if (from === undefined) return null;
    set({ busy: true });
    try {
      const result = await run(from);
      await get().reload(result.version);
      if (result.createdVersion) {
        reportInfo(
          `Saved as version ${result.version}. Version ${from} stays unchanged because labels refer to it.`,
        );
      }
      return result;
    } catch (e) {
      reportError(e);
      return null;
    } finally {
      set({ busy: false });
    }
  };

  return {
    path: null,
    versions: [],
    active: null,
    viewed: null,
    loaded: false,
    error: null,
    busy: false,
    selectedKey: null,
    drafts: {},
    collapsed: {},
    query: '',

    async ensureLoaded(path) {
      if (get().path !== path) {
        loadSeq++;
        set({
          path,
          versions: [],
          active: null,
          viewed: null,
          loaded: false,
          error: null,
          selectedKey: null,
          drafts: {},
          collapsed: {},
          query: '',
        });
      }
      await get().reload();
    },

    async reload(version) {
      const seq = ++loadSeq;
      const wanted = version ?? get().viewed?.version;
      try {
        const [versions, active] = await Promise.all([
          call('codebook.versions', {}),
          call('codebook.get', {}),
        ]);
        const target =
          wanted !== undefined && versions.some((v) => v.version === wanted) ? wanted : active?.version;
        const viewed =
          target === undefined
            ? null
            : target === active?.version
              ? active
              : await call('codebook.get', { version: target });
        if (seq !== loadSeq) return;
        const { selectedKey } = get();
        const keep =
          selectedKey === NEW_CODE_KEY || viewed?.codes.some((c) => c.key === selectedKey) === true;
        set({
          versions,
          active,
          viewed,
          loaded: true,
          error: null,
          selectedKey: keep ? selectedKey : (viewed?.codes[0]?.key ?? null),
        });
      } catch (e) {
        if (seq === loadSeq) set({ loaded: true, error: errorMessage(e) });
      }
    },

    async view(version) {
      set({ drafts: {}, selectedKey: get().selectedKey === NEW_CODE_KEY ? null : get().selectedKey });
      await get().reload(version);
    },

    select: (selectedKey) => set({ selectedKey }),

    startNew(parentKey, color) {
      const draft: CodeDraft = {
        parentKey,
        name: '',
        shortLabel: '',
        definition: '',
        inclusion: '',
        exclusion: '',
        examples: { positive: [], negative: [] },
        color,
      };
      if (parentKey !== null) set((s) => ({ collapsed: { ...s.collapsed, [parentKey]: false } }));
      set((s) => ({ selectedKey: NEW_CODE_KEY, drafts: { ...s.drafts, [NEW_CODE_KEY]: draft } }));
    },

    setDraft(key, draft) {
      set((s) => {
        const drafts = { ...s.drafts };
        if (draft) drafts[key] = draft;
        else delete drafts[key];
        return { drafts };
      });
    },

    async save(key) {
      const draft = get().drafts[key];
      if (!draft) return true;
      const isNew = key === NEW_CODE_KEY;
      const result = await edit((version) =>
        call('codebook.saveCode', { version, code: codeInput(isNew ? undefined : key, draft) }),
      );
      if (!result) return false;
      get().setDraft(key, null);
      if (isNew && result.key) set({ selectedKey: result.key });
      return true;
    },

    async remove(key) {
      const result = await edit((version) => call('codebook.deleteCode', { version, key }));
      if (!result) return false;
      get().setDraft(key, null);
      if (get().selectedKey === key) set({ selectedKey: get().viewed?.codes[0]?.key ?? null });
      return true;
    },

    async move(key, parentKey, index) {
      const result = await edit((version) => call('codebook.moveCode', { version, key, parentKey, index }));
      if (result && parentKey !== null) set((s) => ({ collapsed: { ...s.collapsed, [parentKey]: false } }));
      return result !== null;
    },

    async merge(sourceKeys, targetKey) {
      const result = await edit((version) => call('codebook.mergeCodes', { version, sourceKeys, targetKey }));
      if (!result) return false;
      set((s) => {
        const drafts = { ...s.drafts };
        for (const k of sourceKeys) delete drafts[k];
        return { drafts, selectedKey: targetKey };
      });
      return true;
    },

    async split(key, into) {
      const result = await edit((version) =>
        call('codebook.splitCode', {
          version,
          key,
          into: into.map((p) => codeInput(p.key, p.draft)),
        }),
      );
      if (!result) return false;
      get().setDraft(key, null);
      if (result.key) set({ selectedKey: result.key });
      return true;
    },

    async setActive(version) {
      try {
        await call('codebook.setActive', { version });
        await get().reload();
        reportInfo(`Version ${version} is now active: new labels use it.`);
      } catch (e) {
        reportError(e);
      }
    },

    async importFile(file) {
      set({ busy: true });
      try {
        const contentBase64 = await fileToBase64(file);
        const r = await call('codebook.importFile', { source: { name: file.name, contentBase64 } });
        set({ drafts: {} });
        await get().reload(r.version);
        const warnings = r.warnings.length
          ? ` ${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'}: ${r.warnings.slice(0, 3).join('; ')}${r.warnings.length > 3 ? '…' : ''}`
          : '';
        reportInfo(`Imported ${file.name} as version ${r.version} (${r.codes} codes).${warnings}`);
      } catch (e) {
        reportError(e);
      } finally {
        set({ busy: false });
      }
    },

    async exportFile(format) {
      try {
        return await call('codebook.exportFile', { version: get().viewed?.version, format });
      } catch (e) {
        reportError(e);
        return null;
      }
    },

    setCollapsed: (key, collapsed) => set((s) => ({ collapsed: { ...s.collapsed, [key]: collapsed } })),

    setQuery: (query) => set({ query }),
  };
});
