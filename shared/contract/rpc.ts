import { z } from 'zod';

/** A method of the backend API: its params and result as zod schemas. */
export interface MethodSpec<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  params: P;
  result: R;
}

export const method = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R): MethodSpec<P, R> => ({
  params,
  result,
});

export const RpcErrorSchema = z.object({ code: z.string(), message: z.string() });
export type RpcError = z.infer<typeof RpcErrorSchema>;

/** Errors are values at the boundary: every call answers one of these. */
export type RpcResponse<T> = { ok: true; result: T } | { ok: false; error: RpcError };
