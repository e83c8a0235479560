import { z } from 'zod';
import { ImportProgressSchema } from './documents';
import { JobProgressSchema } from './llm';

/** Push messages from the backend (IPC events in the desktop app, SSE in browser mode). */
export const eventSchemas = {
  'import.progress': ImportProgressSchema,
  'project.changed': z.object({ path: z.string().nullable() }),
  'job.progress': JobProgressSchema,
};
export type EventName = keyof typeof eventSchemas;
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>;
