import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { entryText, searchVocabulary, usePreparedTexts, vocabularyKey, type EntryText, type PreparedTexts } from "./catalog-index.js";
import type { Catalog, Entry } from "./schema.js";
import { bigramsWithVocabulary } from "./tokenize.js";

/**
 * The built-in catalogs, validated and resolved at build time (`npm run build`) into one JSON file, so start-up
 * reads them with `JSON.parse` instead of parsing YAML and validating with zod (about 50x faster). It is used only
 * while it matches the catalog files byte for byte: an edited catalog is parsed from YAML until the next build.
 */
export const SNAPSHOT_FILE = fileURLToPath(new URL("../../dist/catalog-snapshot.json", import.meta.url));
/** The entries' text-search terms, made from the same files; read only when a word search first needs them. */
export const SEARCH_SNAPSHOT_FILE = fileURLToPath(new URL("../../dist/search-snapshot.json", import.meta.url));
const VERSION = 1;

interface Snapshot {
  version: number;
  /** Catalog file name -> sha256 of its bytes. */
  sources: Record<string, string>;
  catalogs: Array<Catalog & { fileName: string }>;
}

interface SearchSnapshot {
  /** The catalog snapshot's sources, so the two files are used only together. */
  sources: Record<string, string>;
  vocabulary: string;
  /** Catalog by catalog, entry by entry, in the catalog snapshot's order. */
  texts: EntryText[][];
}

function digest(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

function digests(files: string[]): Record<string, string> {
  return Object.fromEntries(files.map((file) => [basename(file), digest(file)]));
}

/** The two snapshot files' contents: the catalogs, and their entries' text-search terms. */
export function snapshotOf(files: string[], catalogs: Catalog[]): { catalogs: string; search: string } {
  const sources = digests(files);
  const vocabulary = searchVocabulary(catalogs.flatMap((c) => c.entries));
  const segment = bigramsWithVocabulary(vocabulary);
  const search: SearchSnapshot = { sources, vocabulary: vocabularyKey(vocabulary), texts: catalogs.map((c) => c.entries.map((e) => entryText(e, segment))) };
  const snapshot: Snapshot = { version: VERSION, sources, catalogs: catalogs.map((c) => ({ ...c, fileName: basename(c.file) })) };
  return { catalogs: JSON.stringify(snapshot), search: JSON.stringify(search) };
}

/** How many entries, spread over the catalogs, are tokenized again to check the build-time terms. */
const SAMPLED = 16;

/**
 * Build-time texts for entries read from `snapshot`, found by their place in it; undefined when the file does not
 * match: other catalog files, or terms that today's tokenizer, fields or weights would make differently (a sample
 * of entries is tokenized again and compared, so code changed since the build never uses stale terms).
 */
export function preparedTextsFor(snapshot: { sources: Record<string, string> }, catalogs: Catalog[], searchFile: string): PreparedTexts | undefined {
  let search: SearchSnapshot;
  try {
    search = JSON.parse(readFileSync(searchFile, "utf8")) as SearchSnapshot;
  } catch {
    return undefined;
  }
  if (JSON.stringify(search.sources) !== JSON.stringify(snapshot.sources)) return undefined;
  const pairs = catalogs.flatMap((catalog, c) => catalog.entries.map((entry, e) => [entry, search.texts[c]?.[e]] as const));
  const segment = bigramsWithVocabulary(new Set(search.vocabulary ? search.vocabulary.split("\n") : []));
  const step = Math.max(1, Math.floor(pairs.length / SAMPLED));
  for (let i = 0; i < pairs.length; i += step) {
    const [entry, text] = pairs[i]!;
    if (!text || JSON.stringify(entryText(entry, segment)) !== JSON.stringify(text)) return undefined;
  }
  const place = new Map<Entry, EntryText | undefined>(pairs);
  return { vocabulary: search.vocabulary, textOf: (entry) => place.get(entry) };
}

/** The snapshot's catalogs when it was made from exactly these files; undefined when missing or stale. */
export function readSnapshot(files: string[], displayPath: (fileName: string) => string, snapshotFile = SNAPSHOT_FILE, searchFile = SEARCH_SNAPSHOT_FILE): Catalog[] | undefined {
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(readFileSync(snapshotFile, "utf8")) as Snapshot;
  } catch {
    return undefined;
  }
  if (snapshot.version !== VERSION) return undefined;
  const names = Object.keys(snapshot.sources);
  if (names.length !== files.length) return undefined;
  const current = digests(files);
  if (names.some((name) => current[name] !== snapshot.sources[name])) return undefined;
  const catalogs = snapshot.catalogs.map(({ fileName, ...catalog }) => ({ ...catalog, file: displayPath(fileName) }));
  usePreparedTexts(() => preparedTextsFor(snapshot, catalogs, searchFile));
  return catalogs;
}
