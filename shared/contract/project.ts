import { z } from 'zod';
import { method } from './rpc';

export const AttributeCountsSchema = z.record(z.string(), z.record(z.string(), z.number().int()));

export const ProjectSummarySchema = z.object({
  path: z.string(),
  name: z.string(),
  schemaVersion: z.number().int(),
  documents: z.number().int(),
  segments: z.number().int(),
  words: z.number().int(),
  /** attribute name → value → number of documents */
  attributes: AttributeCountsSchema,
  /** true when the project is the built-in demo study */
  demo: z.boolean(),
});
export type ProjectSummary = z.infer<typeof ProjectSummarySchema>;

export const RecentProjectSchema = z.object({ path: z.string(), name: z.string(), openedAt: z.string() });
export type RecentProject = z.infer<typeof RecentProjectSchema>;

const PathParams = z.object({ path: z.string().min(1) });

export const projectMethods = {
  'project.current': method(z.object({}), ProjectSummarySchema.nullable()),
  'project.open': method(PathParams, ProjectSummarySchema),
  'project.create': method(PathParams.extend({ demo: z.boolean().optional() }), ProjectSummarySchema),
  'project.close': method(z.object({}), z.null()),
  'project.recent': method(z.object({}), z.array(RecentProjectSchema)),
  'app.info': method(
    z.object({}),
    z.object({ version: z.string(), host: z.enum(['desktop', 'browser']), canPickFiles: z.boolean() }),
  ),
};
