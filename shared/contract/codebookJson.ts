import { z } from 'zod';

const HEX = /^#[0-9A-Fa-f]{6}$/;

/** One code in the JSON codebook form of DESIGN.md §4. */
export const CodebookJsonCodeSchema = z.object({
  id: z.string().trim().min(1, 'a code id is empty').max(200),
  name: z.string().trim().min(1, 'a code name is empty').max(200),
  parent_id: z.string().nullable().optional().default(null),
  short_label: z.string().optional().default(''),
  definition: z.string().optional().default(''),
  inclusion: z.string().optional().default(''),
  exclusion: z.string().optional().default(''),
  examples: z
    .object({ positive: z.array(z.string()).default([]), negative: z.array(z.string()).default([]) })
    .optional()
    .default({ positive: [], negative: [] }),
  color: z.string().regex(HEX, 'colour must be #RRGGBB').optional().default('#888888'),
  // any GUID the REFI schema allows: tools write ones that are not RFC 4122 UUIDs
  guid: z.guid().optional(),
});

/** The whole JSON codebook: `{"name","version","codes":[…]}` (DESIGN.md §4). */
export const CodebookJsonSchema = z.object({
  name: z.string().trim().min(1).max(300),
  version: z.union([z.number().int(), z.string()]).optional(),
  description: z.string().optional().default(''),
  codes: z.array(CodebookJsonCodeSchema).max(20000),
});

export type CodebookJson = z.output<typeof CodebookJsonSchema>;
export type CodebookJsonInput = z.input<typeof CodebookJsonSchema>;
export type CodebookJsonCode = z.output<typeof CodebookJsonCodeSchema>;
