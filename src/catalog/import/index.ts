// `errcode catalog import`: a team's error table (CSV, a Markdown table, an enum in code) -> a catalog YAML to finish.
import { stringify } from "yaml";
import { codeKey } from "../code.js";
import { importCsv } from "./csv.js";
import { importEnum } from "./enum.js";
import { importMarkdown } from "./markdown.js";
import type { ImportResult, ImportedEntry } from "./types.js";

import { type ImportFormat } from "./formats.js";
export { IMPORT_FORMATS, type ImportFormat } from "./formats.js";

const READERS: Record<ImportFormat, (source: string) => ImportResult> = { csv: importCsv, markdown: importMarkdown, enum: importEnum };

/** `PAY_CARD_DECLINED` / `CardDeclined` -> "Card declined.": a readable placeholder meaning until the team writes one. */
function meaningFromName(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_.-]+/g, " ")
    .trim()
    .toLowerCase()
    .split(/\s+/);
  // Drop a shared prefix like `ERR` or the catalog's own short name only when words remain.
  if (words.length > 1 && /^(?:err|error|e)$/.test(words[0]!)) words.shift();
  const sentence = words.join(" ");
  return sentence ? `${sentence[0]!.toUpperCase()}${sentence.slice(1)}.` : "";
}

function catalogEntry(entry: ImportedEntry): Record<string, unknown> {
  const en = entry.en ?? (entry.name ? meaningFromName(entry.name) : undefined) ?? entry.zh ?? `Error ${entry.code}.`;
  return {
    code: entry.code,
    ...(entry.name && entry.name !== entry.code ? { name: entry.name } : {}),
    en: en || `Error ${entry.code}.`,
    ...(entry.zh ? { zh: entry.zh } : {}),
    ...(entry.guidance ? { guidance: entry.guidance } : {}),
    ...(entry.http ? { http: entry.http } : {}),
  };
}

export interface ImportOptions {
  id: string;
  name?: string;
}

export interface ImportedCatalog {
  yaml: string;
  entries: number;
  warnings: string[];
}

/** Reads `source` in `format` and writes a catalog: each code once (the first row wins), owner and runbook to fill in. */
export function importCatalog(format: ImportFormat, source: string, options: ImportOptions): ImportedCatalog {
  const { entries, warnings } = READERS[format](source);
  const seen = new Set<string>();
  const unique: ImportedEntry[] = [];
  for (const entry of entries) {
    const key = codeKey(entry.code);
    if (seen.has(key)) {
      warnings.push(`code ${entry.code} appears again; the first one is kept`);
      continue;
    }
    seen.add(key);
    unique.push(entry);
  }
  if (unique.length === 0) throw new Error(`no codes found in that ${format} file${warnings.length ? ` (${warnings[0]})` : ""}`);
  const catalog = {
    id: options.id,
    name: options.name ?? options.id.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => `${dash ? " " : ""}${c.toUpperCase()}`),
    entries: unique.map(catalogEntry),
  };
  const header = [
    `# Imported by \`errcode catalog import --from ${format}\`: ${unique.length} codes. To finish it:`,
    "#  - owner: the team or rotation to call (\"@payments-oncall\", a Slack user group <!subteam^S0123ABC>, a Discord role <@&123>)",
    "#  - runbook: a link for the whole catalog (an entry may have its own)",
    "#  - detect: words (service and host names) and keys (e.g. errorCode) so pasted logs get explained",
    "#  - per entry: en (check the meanings made from names), guidance, category, retry",
    "# Then: errcode catalog check <this file>",
  ].join("\n");
  const body = stringify(catalog, { lineWidth: 0 }).replace(/^entries:/m, "# owner: \"@team-oncall\"\n# runbook: https://wiki.example.com/team\nentries:");
  return { yaml: `${header}\n${body}`, entries: unique.length, warnings };
}
