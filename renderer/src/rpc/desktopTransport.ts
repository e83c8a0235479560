import type { RpcResponse } from '../../../shared/contract';
import type { ConcordBridge, Transport } from './transport';

const isResponse = (v: unknown): v is RpcResponse<unknown> =>
  typeof v === 'object' && v !== null && typeof (v as { ok?: unknown }).ok === 'boolean';

/** The desktop app: the preload bridge forwards calls over Electron IPC. */
export function desktopTransport(bridge: ConcordBridge): Transport {
  return {
    kind: 'desktop',
    async call(method, params) {
      const out = await bridge.call(method, params);
      if (isResponse(out)) return out;
      return {
        ok: false,
        error: { code: 'bad_response', message: `unexpected answer from the backend to ${method}` },
      };
    },
    subscribe: (listener) => bridge.on(listener),
  };
}
