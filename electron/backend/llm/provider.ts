import type { Provider, ProviderSchema } from '../../../shared/contract/llm';
import type { z } from 'zod';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** The base URL requests go to, without a trailing slash. */
export const baseUrlOf = (p: Provider): string => (p.baseURL ?? OPENAI_BASE_URL).replace(/\/+$/, '');

/** Whether the endpoint is OpenAI itself (a key is then required; its pricing applies). */
export const isOpenAiCloud = (p: Provider): boolean => new URL(baseUrlOf(p)).hostname === 'api.openai.com';

/** Guesses the provider kind of a bare base URL (CLI --base-url, OPENAI_BASE_URL). */
export function providerFromUrl(url: string | null | undefined): z.input<typeof ProviderSchema> {
  if (!url) return { kind: 'openai', baseURL: null };
  const host = new URL(url).hostname;
  if (host === 'api.openai.com') return { kind: 'openai', baseURL: url.replace(/\/+$/, '') };
  if (host.endsWith('.openai.azure.com') || host.endsWith('.services.ai.azure.com'))
    return { kind: 'azure', baseURL: url.replace(/\/+$/, '') };
  return { kind: 'compatible', baseURL: url.replace(/\/+$/, '') };
}

/** Identifies a provider in the key store: its origin (a key belongs to a server, not a path). */
export const providerKeyId = (p: Provider): string =>
  isOpenAiCloud(p) ? 'openai' : new URL(baseUrlOf(p)).origin;
