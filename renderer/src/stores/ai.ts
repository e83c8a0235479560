import { create } from 'zustand';
import type { Result } from '../../../shared/contract';
import type { CodebookVersionView } from '../../../shared/contract/codebook';
import type { AiCoderConfig, AiCoderView, ModelPrice, Provider } from '../../../shared/contract/llm';
import { call, errorMessage } from '../rpc/client';
import { reportError, reportInfo } from './notices';

export type KeyStatus = Result<'ai.key.status'>;
export type ConnectionResult = Result<'ai.testConnection'>;
export type CoderPreview = Result<'ai.coders.preview'>;
export type ModelInfo = Result<'ai.listModels'>[number];
export type SampleInfo = Pick<Result<'calibration.samples.list'>[number], 'name' | 'purpose' | 'size'>;

/** What the editor shows: a new coder, an existing one, or a new one started from another's settings. */
export type EditorTarget = { mode: 'create' } | { mode: 'edit'; id: number } | { mode: 'copy'; id: number };

interface AiState {
  /** the project these data belong to (stores outlive a project switch) */
  path: string | null;
  coders: AiCoderView[];
  loaded: boolean;
  error: string | null;
  selectedId: number | null;
  versions: CodebookVersionView[];
  prices: ModelPrice[];
  /** the project's samples, for a job's selection */
  samples: SampleInfo[];
  editor: EditorTarget | null;
  /** the price dialog is open; `pricesFor` prefills a new row */
  pricesOpen: boolean;
  pricesFor: string | null;
  busy: boolean;
  ensureLoaded(path: string): Promise<void>;
  reload(): Promise<void>;
  /** refetches the coders only (label counts move while jobs run) */
  refreshCoders(): Promise<void>;
  select(id: number | null): void;
  openEditor(target: EditorTarget): void;
  closeEditor(): void;
  saveCoder(name: string, config: AiCoderConfig, id: number | null): Promise<AiCoderView | null>;
  deleteCoder(id: number): Promise<boolean>;
  openPrices(model?: string | null): void;
  closePrices(): void;
  savePrice(price: ModelPrice): Promise<boolean>;
  deletePrice(model: string): Promise<boolean>;
}

let loadSeq = 0;

export const useAi = create<AiState>()((set, get) => ({
  path: null,
  coders: [],
  loaded: false,
  error: null,
  selectedId: null,
  versions: [],
  prices: [],
  samples: [],
  editor: null,
  pricesOpen: false,
  pricesFor: null,
  busy: false,

  async ensureLoaded(path) {
    // refetched on every visit too: samples, codebook versions and labels change in other views
    if (get().path !== path) {
      set({
        path,
        coders: [],
        loaded: false,
        error: null,
        selectedId: null,
        editor: null,
        prices: [],
        samples: [],
      });
    }
    await get().reload();
  },

  async reload() {
    const seq = ++loadSeq;
    try {
      const [coders, versions, prices, samples] = await Promise.all([
        call('ai.coders.list', {}),
        call('codebook.versions', {}),
        call('llm.prices.list', {}),
        // the launcher can still take a typed name without the list
        call('calibration.samples.list', {}).catch(() => []),
      ]);
      if (seq !== loadSeq) return;
      const selectedId = get().selectedId;
      set({
        coders,
        versions,
        prices,
        samples: samples.map(({ name, purpose, size }) => ({ name, purpose, size })),
        loaded: true,
        error: null,
        selectedId: coders.some((c) => c.id === selectedId) ? selectedId : (coders[0]?.id ?? null),
      });
    } catch (e) {
      if (seq === loadSeq) set({ loaded: true, error: errorMessage(e) });
    }
  },

  async refreshCoders() {
    try {
      set({ coders: await call('ai.coders.list', {}) });
    } catch {
      // a background refresh; the next one or a reload reports trouble
    }
  },

  select: (selectedId) => set({ selectedId }),

  openEditor: (editor) => set({ editor }),

  closeEditor: () => set({ editor: null }),

  async saveCoder(name, config, id) {
    set({ busy: true });
    try {
      const saved =
        id === null
          ? await call('ai.coders.create', { name, config })
          : await call('ai.coders.update', { id, config });
      await get().refreshCoders();
      set({ selectedId: saved.id, editor: null });
      reportInfo(id === null ? `AI coder “${saved.name}” created` : `AI coder “${saved.name}” saved`);
      return saved;
    } catch (e) {
      reportError(e);
      return null;
    } finally {
      set({ busy: false });
    }
  },

  async deleteCoder(id) {
    set({ busy: true });
    try {
      await call('ai.coders.delete', { id });
      await get().refreshCoders();
      const coders = get().coders;
      set({ selectedId: coders[0]?.id ?? null });
      return true;
    } catch (e) {
      reportError(e);
      return false;
    } finally {
      set({ busy: false });
    }
  },

  openPrices: (model = null) => set({ pricesOpen: true, pricesFor: model }),

  closePrices: () => set({ pricesOpen: false, pricesFor: null }),

  async savePrice(price) {
    try {
      await call('llm.prices.set', price);
      set({ prices: await call('llm.prices.list', {}) });
      return true;
    } catch (e) {
      reportError(e);
      return false;
    }
  },

  async deletePrice(model) {
    try {
      await call('llm.prices.delete', { model });
      set({ prices: await call('llm.prices.list', {}) });
      return true;
    } catch (e) {
      reportError(e);
      return false;
    }
  },
}));

// Requests the editor makes for itself; their answers live in the editor while it is open.

export const fetchKeyStatus = (provider: Provider) => call('ai.key.status', { provider });

/** Sends the key once; the caller drops its copy right after (keys never stay in the renderer). */
export const storeKey = (provider: Provider, key: string) => call('ai.key.set', { provider, key });

export const clearKey = (provider: Provider) => call('ai.key.clear', { provider });

export const testConnection = (provider: Provider, model: string) =>
  call('ai.testConnection', { provider, ...(model.trim() ? { model: model.trim() } : {}) });

export const listModels = (provider: Provider) => call('ai.listModels', { provider });

export const previewCoder = (config: AiCoderConfig) => call('ai.coders.preview', { config });
