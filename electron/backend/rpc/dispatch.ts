import { isMethodName, contract, type MethodName, type RpcResponse } from '../../../shared/contract';
import { agreementHandlers } from '../agreement/app';
import { calibrationHandlers } from '../calibration/app';
import { codebookHandlers } from '../codebook/app';
import { codingHandlers } from '../coding/app';
import { compareHandlers } from '../compare/app';
import { exchangeHandlers } from '../exchange/app';
import { documentHandlers } from '../documents/app';
import { UserError } from '../errors';
import { ImportFileError } from '../import';
import { llmHandlers } from '../llm/app';
import { projectHandlers } from '../project/app';
import { reviewHandlers } from '../review/app';
import type { Handler, HandlerContext } from './handlers';

/** The whole backend API: the union of every feature's handler map. */
export const handlers = {
  ...projectHandlers,
  ...documentHandlers,
  ...compareHandlers,
  ...exchangeHandlers,
  ...codebookHandlers,
  ...codingHandlers,
  ...llmHandlers,
  ...calibrationHandlers,
  ...agreementHandlers,
  ...reviewHandlers,
} satisfies { [M in MethodName]: Handler<M> };

const zodMessage = (issues: { path: PropertyKey[]; message: string }[]) =>
  issues.map((i) => `${i.path.length ? `${i.path.map(String).join('.')}: ` : ''}${i.message}`).join('; ');

/**
 * Validates params against the contract, runs the handler and turns any failure into
 * an error value. The transport (IPC, HTTP, direct) is the caller's business.
 */
export async function dispatch(
  name: string,
  rawParams: unknown,
  ctx: HandlerContext,
): Promise<RpcResponse<unknown>> {
  if (!isMethodName(name))
    return { ok: false, error: { code: 'unknown_method', message: `unknown method "${name}"` } };
  const parsed = contract[name].params.safeParse(rawParams ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'bad_params', message: `${name}: ${zodMessage(parsed.error.issues)}` },
    };
  }
  try {
    const handler = handlers[name] as Handler<MethodName>;
    const result = await handler(parsed.data as never, ctx);
    return { ok: true, result };
  } catch (e) {
    if (e instanceof UserError) return { ok: false, error: { code: e.code, message: e.message } };
    if (e instanceof ImportFileError) return { ok: false, error: { code: 'bad_input', message: e.message } };
    console.error(`concord: internal error in ${name}:`, e);
    return { ok: false, error: { code: 'internal', message: `internal error: ${(e as Error).message}` } };
  }
}
