import { z } from 'zod';

/**
 * The runtime table's schema. Kept apart from table.ts so a scan does not load zod; the table
 * tests validate the shipped file with it.
 */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((text) => new Date(`${text}T00:00:00Z`).toISOString().startsWith(text), 'not a calendar date');

const tableSchema = z.object({
  source: z.string().url(),
  takenOn: isoDate,
  copyUsed: z.string(),
  runtimes: z
    .array(
      z.object({
        identifier: z.string().min(1),
        name: z.string().min(1),
        family: z.enum(['nodejs', 'python', 'java', 'dotnet', 'ruby', 'go', 'os-only']),
        deprecation: isoDate.nullable(),
        blockFunctionCreate: isoDate.nullable(),
        blockFunctionUpdate: isoDate.nullable(),
        preview: z.boolean().default(false),
        containerOnly: z.boolean().default(false),
        note: z.string().optional(),
      }),
    )
    .min(1),
});

/** Validates the table's shape; exported so tests can feed it broken tables. */
export function parseRuntimeTable(raw: unknown) {
  const table = tableSchema.parse(raw);
  const seen = new Set<string>();
  for (const runtime of table.runtimes) {
    if (seen.has(runtime.identifier)) throw new Error(`runtime "${runtime.identifier}" is listed twice`);
    seen.add(runtime.identifier);
  }
  return table;
}
