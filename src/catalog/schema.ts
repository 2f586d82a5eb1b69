import { createRequire } from "node:module";
import type { z as Zod } from "zod";
import { CODE_TOKEN } from "./code.js";

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
  /** An integer, or a token of letters, digits, `-`, `_`, `.` (`PAY-1001`, `AccessDenied`). */
  const CODE_PROBLEM = "must be an integer or a code token (letters, digits, -, _ and . only, at most 64)";
  const code = z.union([z.number().int(CODE_PROBLEM), z.string().regex(CODE_TOKEN, CODE_PROBLEM)], { error: CODE_PROBLEM });

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
    code,
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

  /** What says a pasted message is about this catalog, and where its codes are written. */
  const DetectSchema = z.strictObject({
    /** Names and host names (`payments-api`, `pay.internal`, `又拍云`): a message holding one is about this catalog. */
    words: z.array(text).max(200).optional(),
    /** Words that only help choose between catalogs sharing a code (`image`, `thumbnail`), not enough alone. */
    weak: z.array(text).max(200).optional(),
    /** Field names that carry this catalog's codes (`errorCode`, `pay_err`). */
    keys: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, "must be a field name (letters, digits, _ . -)")).max(50).optional(),
    /** A regular expression every code of this catalog matches (`PAY-\d{4}`), checked for safety at load. */
    pattern: z.string().min(1).optional(),
  });

  const CatalogSchema = z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and dashes"),
    name: text,
    vendor: text.optional(),
    aliases: z.array(text).optional(),
    owner: text.optional(),
    runbook: url.optional(),
    detect: DetectSchema.optional(),
    documents: z.array(DocumentSchema).optional(),
    entries: z.array(EntrySchema).min(1, "must hold at least one entry"),
  });
  return { DefinitionSchema, EntrySchema, DocumentSchema, DetectSchema, CatalogSchema };
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
export type CatalogDetect = Zod.infer<Schemas["DetectSchema"]>;

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
  detect?: CatalogDetect;
  documents: CatalogData["documents"];
  entries: Entry[];
}
