import { entriesFromTable } from "./table.js";
import type { ImportResult } from "./types.js";

const SEPARATOR_ROW = /^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$/;

/** `| a | b \| c |` -> ["a", "b | c"]. */
function cellsOf(line: string): string[] {
  const body = line.trim().replace(/^\|/, "").replace(/(?<!\\)\|$/, "");
  return body.split(/(?<!\\)\|/).map((cell) => cell.replace(/\\\|/g, "|").trim());
}

/**
 * Every pipe table in a Markdown page (a wiki page, the vendor pages): the first with a code column gives the
 * columns, later tables with the same header add their rows (pages often split one list under several headings).
 */
export function importMarkdown(source: string): ImportResult {
  const lines = source.split(/\r?\n/);
  const tables: Array<{ header: string[]; rows: Array<{ cells: string[]; line: number }> }> = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!lines[i]!.includes("|") || !SEPARATOR_ROW.test(lines[i + 1]!.trim())) continue;
    const table = { header: cellsOf(lines[i]!), rows: [] as Array<{ cells: string[]; line: number }> };
    let j = i + 2;
    for (; j < lines.length && lines[j]!.includes("|") && lines[j]!.trim(); j++) table.rows.push({ cells: cellsOf(lines[j]!), line: j + 1 });
    tables.push(table);
    i = j - 1;
  }
  if (tables.length === 0) throw new Error("Markdown: no table found (a header row, then a | --- | row)");
  const results = tables.map((t) => {
    try {
      return entriesFromTable(t.header, t.rows, "Markdown");
    } catch (error) {
      return error as Error;
    }
  });
  const usable = results.filter((r): r is ImportResult => !(r instanceof Error));
  if (usable.length === 0) throw results[0] as Error;
  return { entries: usable.flatMap((r) => r.entries), warnings: usable.flatMap((r) => r.warnings) };
}
