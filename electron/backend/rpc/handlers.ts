import type { MethodName, ParsedParams, Result } from '../../../shared/contract';
import type { EventName, EventPayload } from '../../../shared/contract/events';
import type { Session } from '../session';

export interface HandlerContext {
  session: Session;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export type Handler<M extends MethodName> = (
  params: ParsedParams<M>,
  ctx: HandlerContext,
) => Result<M> | Promise<Result<M>>;

/** A feature's slice of the API: one handler per method it owns. */
export type HandlerMap<K extends MethodName> = { [M in K]: Handler<M> };
