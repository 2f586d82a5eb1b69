import { createRequire } from "node:module";
import type { z as Zod } from "zod";

export const CATEGORIES = [
  "success",
  "auth",
  "permission",
  "not-found",
  "conflict",
  "invalid-request",
  "limit",
  "rate-limit",
  "upload",
  "download",
  "network",
  "timeout",
  "overload",
  "internal",
  "content-policy",
] as const;

export const RETRY_POLICIES = ["no", "with-backoff", "after-fix"] as const;

/**
 * The catalog schemas, built on first use. zod is loaded only then: the built-in catalogs come from a snapshot
 * validated at build time, so a start-up without team catalogs never needs it.
 */
function defineSchemas(z: typeof Zod) {
  const text = z.string().trim().min(1, "must not be empty");
  const integer = z.number({ error: "must be an integer" }).int("must be an integer");
  const url = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

  /** Where a definition came from: one line of one vendor document, kept as the vendor wrote it. */
  const DefinitionSchema = z.strictObject({
    doc: text,
    line: integer.positive(),
    module: text,
    symbol: text.optional(),
    text: z.string(),
    http: integer.optional(),
    details: z.string().optional(),
  });

  const EntrySchema = z.strictObject({
    code: integer,
    name: text.optional(),
    en: text,
    zh: z.string().optional(),
    guidance: text.optional(),
    category: z.enum(CATEGORIES).optional(),
    retry: z.enum(RETRY_POLICIES).optional(),
    http: integer.optional(),
    module: text.optional(),
    related: z.array(text).optional(),
    /** Search vocabulary: how engineers say it, in English and Chinese (synonyms, paraphrases, category words). */
    keywords: z.array(text).optional(),
    /** Other APIs' names for the same error (S3 / COS XML API, e.g. NoSuchBucket), where the meaning really is the same. */
    aliases: z.array(text).optional(),
    notes: z.array(text).optional(),
    owner: text.optional(),
    runbook: url.optional(),
    definitions: z.array(DefinitionSchema).optional(),
  });

  const DocumentSchema = z.strictObject({
    id: text,
    file: text,
    title: text,
  });

  const CatalogSchema = z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and dashes"),
    name: text,
    vendor: text.optional(),
    aliases: z.array(text).optional(),
    owner: text.optional(),
    runbook: url.optional(),
    documents: z.array(DocumentSchema).optional(),
    entries: z.array(EntrySchema).min(1, "must hold at least one entry"),
  });
  return { DefinitionSchema, EntrySchema, DocumentSchema, CatalogSchema };
}

type Schemas = ReturnType<typeof defineSchemas>;
let schemas: Schemas | undefined;

export function catalogSchemas(): Schemas {
  return (schemas ??= defineSchemas((createRequire(import.meta.url)("zod") as { z: typeof Zod }).z));
}

export type Category = (typeof CATEGORIES)[number];
export type RetryPolicy = (typeof RETRY_POLICIES)[number];
export type Definition = Zod.infer<Schemas["DefinitionSchema"]>;
export type EntryData = Zod.infer<Schemas["EntrySchema"]>;
export type CatalogData = Zod.infer<Schemas["CatalogSchema"]>;

/** An entry as the rest of the program sees it: the catalog it belongs to resolved, owner/runbook inherited. */
export interface Entry extends EntryData {
  catalog: string;
  catalogName: string;
  /** Every symbol the entry is known by: `name` first, then the definitions' symbols. */
  symbols: string[];
}

export interface Catalog {
  id: string;
  name: string;
  vendor?: string;
  aliases: string[];
  file: string;
  documents: CatalogData["documents"];
  entries: Entry[];
}
