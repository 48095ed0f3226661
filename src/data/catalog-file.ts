/** The optional `catalog.json` of a data folder (SPEC §2), which overrides the defaults. */
import { z } from 'zod';

const qualifiedField = z.string().regex(/^[^.]+\..+$/, 'expected "entity.field"');

export const CatalogFile = z.strictObject({
  entities: z.record(z.string(), z.strictObject({ key: z.string().min(1) })).optional(),
  relations: z.array(z.strictObject({ name: z.string().min(1), from: qualifiedField, to: qualifiedField })).optional(),
  interactions: z
    .strictObject({
      typeField: z.string().min(1).optional(),
      timestampField: z.string().min(1).optional(),
      contactLinks: z.array(z.string().min(1)).min(1).optional(),
    })
    .optional(),
  /** Server engines only: the server table each table of the folder is (`"contact": "crm.contact"`). */
  tables: z.record(z.string().min(1), z.string().min(1)).optional(),
});
export type CatalogFile = z.infer<typeof CatalogFile>;

export function splitQualified(name: string): { entity: string; field: string } {
  const dot = name.indexOf('.');
  return { entity: name.slice(0, dot), field: name.slice(dot + 1) };
}
