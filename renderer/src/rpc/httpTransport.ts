import type { RpcResponse } from '../../../shared/contract';
import type { RawEvent, Transport } from './transport';

const TOKEN_KEY = 'concord.token';

/**
 * Browser mode (`concord serve`): the session token arrives once as `?token=` in the
 * address; it is kept in sessionStorage (survives reloads, not the tab) and removed
 * from the address bar so it does not end up in history or screenshots.
 */
export function takeSessionToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

async function readResponse(res: Response, method: string): Promise<RpcResponse<unknown>> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: fall through to the status line
  }
  if (typeof body === 'object' && body !== null && typeof (body as { ok?: unknown }).ok === 'boolean') {
    return body as RpcResponse<unknown>;
  }
  if (res.status === 401) {
    return {
      ok: false,
      error: {
        code: 'unauthorized',
        message:
          'This page is not connected to the Concord server: open the address that `concord serve` printed (it contains the session token).',
      },
    };
  }
  const detail =
    typeof body === 'object' && body !== null && 'error' in body
      ? String((body as { error: unknown }).error)
      : '';
  return {
    ok: false,
    error: {
      code: `http_${res.status}`,
      message: `${method}: server answered ${res.status}${detail ? ` (${detail})` : ''}`,
    },
  };
}

export function httpTransport(token: string): Transport {
  const listeners = new Set<(m: RawEvent) => void>();
  let source: EventSource | null = null;

  const openStream = () => {
    if (source || !token) return;
    source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (e: MessageEvent<string>) => {
      let message: RawEvent;
      try {
        message = JSON.parse(e.data) as RawEvent;
      } catch {
        return;
      }
      for (const l of listeners) l(message);
    };
  };

  return {
    kind: 'http',
    async call(method, params) {
      let res: Response;
      try {
        res = await fetch('/rpc', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ method, params }),
        });
      } catch (e) {
        return {
          ok: false,
          error: {
            code: 'network',
            message: `Cannot reach the Concord server (${(e as Error).message}). Is \`concord serve\` still running?`,
          },
        };
      }
      return readResponse(res, method);
    },
    subscribe(listener) {
      listeners.add(listener);
      openStream();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}
