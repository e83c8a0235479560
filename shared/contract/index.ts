import type { z } from 'zod';
import { codebookMethods } from './codebook';
import { codingMethods } from './coding';
import { compareMethods } from './compare';
import { exchangeMethods } from './exchange';
import { documentMethods } from './documents';
import { projectMethods } from './project';

/** The whole backend API: one map, served over IPC, HTTP and direct calls alike. */
export const contract = {
  ...projectMethods,
  ...documentMethods,
  ...compareMethods,
  ...exchangeMethods,
  ...codebookMethods,
  ...codingMethods,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type Params<M extends MethodName> = z.input<Contract[M]['params']>;
export type ParsedParams<M extends MethodName> = z.output<Contract[M]['params']>;
export type Result<M extends MethodName> = z.output<Contract[M]['result']>;

export const isMethodName = (name: string): name is MethodName => Object.hasOwn(contract, name);

export type { RpcError, RpcResponse } from './rpc';
export type { EventName, EventPayload } from './events';
