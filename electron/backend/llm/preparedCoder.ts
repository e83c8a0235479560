import type Database from 'better-sqlite3';
import type { AiCoderConfig } from '../../../shared/contract/llm';
import { UserError } from '../errors';
import { responseFormat } from './answerSchema';
import { planCalls, type PlannedCall } from './callPlan';
import { loadPromptCodebook, type PromptCodebook } from './promptCodebook';
import { DEFAULT_PROMPT_TEMPLATE, renderSystemPrompt, templateProblems } from './promptTemplate';
import { baseUrlOf } from './provider';
import { canonicalJson, sha256Hex } from './stableHash';
import { USER_FORMAT_VERSION } from './userMessage';

export interface PreparedCall extends PlannedCall {
  system: string;
  responseFormat: ReturnType<typeof responseFormat>;
}

/** An AI coder ready to run: its rendered prompts, calls and hashes. */
export interface PreparedCoder {
  config: AiCoderConfig;
  codebook: PromptCodebook;
  calls: PreparedCall[];
  /** every code the coder decides, in codebook order */
  codeKeys: string[];
  codeIdByKey: Map<string, number>;
  configHash: string;
  promptHash: string;
}

/** sha256 of the prompts alone (system prompts + user layout): what a methods section cites. */
export const promptHashOf = (systemPrompts: readonly string[]): string =>
  sha256Hex(canonicalJson({ system: systemPrompts, user: USER_FORMAT_VERSION }));

/**
 * sha256 of everything that shapes an answer: provider endpoint, model, sampling
 * parameters, mode, context, rendered system prompts and codebook version. Labels,
 * jobs and the response cache are keyed by it.
 */
export function configHashOf(config: AiCoderConfig, systemPrompts: readonly string[]): string {
  return sha256Hex(
    canonicalJson({
      format: 1,
      endpoint: baseUrlOf(config.provider),
      model: config.model,
      temperature: config.temperature,
      samples: config.samples,
      mode: config.mode,
      contextTurns: config.contextTurns,
      structuredOutput: config.structuredOutput,
      maxOutputTokens: config.maxOutputTokens,
      codebookVersion: config.codebookVersion,
      system: systemPrompts,
      user: USER_FORMAT_VERSION,
    }),
  );
}

export function prepareCoder(db: Database.Database, config: AiCoderConfig): PreparedCoder {
  const template = config.promptTemplate ?? DEFAULT_PROMPT_TEMPLATE;
  const problems = templateProblems(template);
  if (problems.length)
    throw new UserError(`the prompt template is not valid: ${problems.join('; ')}`, 'bad_config');
  const codebook = loadPromptCodebook(db, config.codebookVersion);
  if (codebook.codes.length === 0)
    throw new UserError(`codebook version ${config.codebookVersion} has no codes`, 'bad_config');
  const calls = planCalls(codebook.codes, config.mode).map((c) => ({
    ...c,
    system: renderSystemPrompt(template, codebook, c.codes),
    responseFormat: responseFormat('json_schema', c.codes),
  }));
  const systems = calls.map((c) => c.system);
  const ids = db
    .prepare('SELECT id, code_key FROM codes WHERE codebook_version_id = ?')
    .all(codebook.versionId) as { id: number; code_key: string }[];
  return {
    config,
    codebook,
    calls,
    codeKeys: codebook.codes.map((c) => c.key),
    codeIdByKey: new Map(ids.map((r) => [r.code_key, r.id])),
    configHash: configHashOf(config, systems),
    promptHash: promptHashOf(systems),
  };
}
