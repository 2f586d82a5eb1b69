import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import type { Catalog } from "./schema.js";

/**
 * The built-in catalogs, validated and resolved at build time (`npm run build`) into one JSON file, so start-up
 * reads them with `JSON.parse` instead of parsing YAML and validating with zod (about 50x faster). It is used only
 * while it matches the catalog files byte for byte: an edited catalog is parsed from YAML until the next build.
 */
export const SNAPSHOT_FILE = fileURLToPath(new URL("../../dist/catalog-snapshot.json", import.meta.url));
const VERSION = 1;

interface Snapshot {
  version: number;
  /** Catalog file name -> sha256 of its bytes. */
  sources: Record<string, string>;
  catalogs: Array<Catalog & { fileName: string }>;
}

function digest(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

function digests(files: string[]): Record<string, string> {
  return Object.fromEntries(files.map((file) => [basename(file), digest(file)]));
}

export function snapshotOf(files: string[], catalogs: Catalog[]): string {
  const snapshot: Snapshot = { version: VERSION, sources: digests(files), catalogs: catalogs.map((c) => ({ ...c, fileName: basename(c.file) })) };
  return JSON.stringify(snapshot);
}

/** The snapshot's catalogs when it was made from exactly these files; undefined when missing or stale. */
export function readSnapshot(files: string[], displayPath: (fileName: string) => string, snapshotFile = SNAPSHOT_FILE): Catalog[] | undefined {
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
  return snapshot.catalogs.map(({ fileName, ...catalog }) => ({ ...catalog, file: displayPath(fileName) }));
}
