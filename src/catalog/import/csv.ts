import { parse } from "csv-parse/sync";
import { entriesFromTable } from "./table.js";
import type { ImportResult } from "./types.js";

/** A CSV (comma, semicolon or tab separated) with a header row naming its columns. */
export function importCsv(source: string): ImportResult {
  const firstLine = source.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = [",", ";", "\t"].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0]!;
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(source, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as typeof records;
  } catch (error) {
    throw new Error(`CSV: ${(error as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new Error("CSV: the file is empty");
  return entriesFromTable(header.record, rows.map(({ record, info }) => ({ cells: record, line: info.lines })), "CSV");
}
