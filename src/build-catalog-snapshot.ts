#!/usr/bin/env node
// Part of `npm run build`: validates the built-in catalogs (YAML + schema) and writes them, resolved, to
// dist/catalog-snapshot.json, which start-up reads instead (see src/catalog/snapshot.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { BUILTIN_CATALOG_DIR, CatalogError, catalogFiles, parseBuiltinCatalogs } from "./catalog/loader.js";
import { SEARCH_SNAPSHOT_FILE, SNAPSHOT_FILE, snapshotOf } from "./catalog/snapshot.js";

try {
  const files = catalogFiles([BUILTIN_CATALOG_DIR]);
  const catalogs = parseBuiltinCatalogs();
  mkdirSync(dirname(SNAPSHOT_FILE), { recursive: true });
  const snapshot = snapshotOf(files, catalogs);
  // The catalog snapshot last: its time is the build's (scripts/start.mjs compares sources against it).
  writeFileSync(SEARCH_SNAPSHOT_FILE, snapshot.search);
  writeFileSync(SNAPSHOT_FILE, snapshot.catalogs);
  process.stdout.write(`catalog snapshot: ${catalogs.length} catalogs, ${catalogs.reduce((n, c) => n + c.entries.length, 0)} entries -> ${SNAPSHOT_FILE}\n`);
} catch (error) {
  if (!(error instanceof CatalogError)) throw error;
  process.stderr.write(`catalog error: ${error.message}\n`);
  process.exitCode = 2;
}
