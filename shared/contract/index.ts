import type { z } from 'zod';
import { agreementMethods, calibrationMethods } from './calibration';
import { codebookMethods } from './codebook';
import { codingMethods } from './coding';
import { compareMethods } from './compare';
import { exchangeMethods } from './exchange';
import { documentMethods } from './documents';
import { llmMethods } from './llm';
import { projectMethods } from './project';
import { reviewMethods } from './review';

/** The whole backend API: one map, served over IPC, HTTP and direct calls alike. */
export const contract = {
  ...projectMethods,
  ...documentMethods,
  ...compareMethods,
  ...exchangeMethods,
  ...codebookMethods,
  ...codingMethods,
  ...llmMethods,
  ...calibrationMethods,
  ...agreementMethods,
  ...reviewMethods,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type Params<M extends MethodName> = z.input<Contract[M]['params']>;
export type ParsedParams<M extends MethodName> = z.output<Contract[M]['params']>;
export type Result<M extends MethodName> = z.output<Contract[M]['result']>;

export const isMethodName = (name: string): name is MethodName => Object.hasOwn(contract, name);

export type { RpcError, RpcResponse } from './rpc';
export type { EventName, EventPayload } from './events';
