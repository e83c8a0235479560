import type { EventName, EventPayload, MethodName, Params, Result } from '../../../shared/contract';
import { eventSchemas } from '../../../shared/contract/events';
import { desktopTransport } from './desktopTransport';
import { httpTransport, takeSessionToken } from './httpTransport';
import type { Transport } from './transport';

/** A failed call, carrying the backend's error code and its human-readable message. */
export class RpcCallError extends Error {
  readonly code: string;
  readonly method: string;

  constructor(method: string, code: string, message: string) {
    super(message);
    this.name = 'RpcCallError';
    this.code = code;
    this.method = method;
  }
}

export type BackendEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

let chosen: Transport | null = null;

/** Chosen once: the preload bridge when running in the desktop app, HTTP otherwise. */
function transport(): Transport {
  chosen ??= window.concord ? desktopTransport(window.concord) : httpTransport(takeSessionToken());
  return chosen;
}

/** Call once at startup so the token leaves the address bar before anything renders. */
export function initRpc(): Transport['kind'] {
  return transport().kind;
}

export async function call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
  const res = await transport().call(method, params);
  if (!res.ok) throw new RpcCallError(method, res.error.code, res.error.message);
  return res.result as Result<M>;
}

const isEventName = (name: string): name is EventName => Object.hasOwn(eventSchemas, name);

/** Backend push messages, validated against the contract; unknown or malformed ones are dropped. */
export function onEvent(listener: (e: BackendEvent) => void): () => void {
  return transport().subscribe(({ event, payload }) => {
    if (!isEventName(event)) return;
    const parsed = eventSchemas[event].safeParse(payload);
    if (parsed.success) listener({ event, payload: parsed.data } as BackendEvent);
  });
}

/** The message to show a user for anything thrown. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
