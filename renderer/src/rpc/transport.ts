import type { RpcResponse } from '../../../shared/contract';

/** A message pushed by the backend: `{ event, payload }`, not yet validated. */
export interface RawEvent {
  event: string;
  payload: unknown;
}

/** How the renderer reaches the backend. Components never see this. */
export interface Transport {
  kind: 'desktop' | 'http';
  call(method: string, params: unknown): Promise<RpcResponse<unknown>>;
  subscribe(listener: (message: RawEvent) => void): () => void;
}

/** What the Electron preload exposes (electron/preload/preload.ts). */
export interface ConcordBridge {
  call(method: string, params: unknown): Promise<unknown>;
  on(listener: (message: RawEvent) => void): () => void;
}

declare global {
  interface Window {
    concord?: ConcordBridge;
  }
}
