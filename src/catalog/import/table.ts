// Rows of a table (CSV or Markdown) -> entries, whatever the team called its columns.
import { CODE_TOKEN, type Code } from "../code.js";
import type { ImportResult, ImportedEntry } from "./types.js";

type Column = "code" | "name" | "en" | "zh" | "text" | "http" | "guidance";

/** Header words, lower-cased with spaces, `_` and `-` removed, for each column we understand. */
const HEADERS: Record<Column, string[]> = {
  code: ["code", "errorcode", "errcode", "errno", "errornumber", "retcode", "returncode", "statuscode", "value", "错误码", "返回码", "错误代码", "代码", "状态码"],
  name: ["name", "error", "symbol", "constant", "key", "enum", "errorname", "identifier", "名称", "常量", "错误名"],
  en: ["en", "english", "meaning", "englishdescription"],
  zh: ["zh", "chinese", "中文", "中文描述", "中文说明"],
  text: ["description", "message", "msg", "desc", "text", "detail", "details", "explanation", "reason", "描述", "说明", "含义", "错误描述", "错误信息", "提示信息"],
  http: ["http", "httpstatus", "httpcode", "httpstatuscode", "status", "http状态码"],
  guidance: ["guidance", "action", "whattodo", "solution", "fix", "resolution", "remedy", "处理建议", "解决方法", "解决办法", "处理方法", "建议"],
};

const HAN = /\p{Script=Han}/u;
const INTEGER = /^[-+]?\d{1,15}$/;

function headerKey(cell: string): string {
  return cell.toLowerCase().replace(/[\s_\-()（）`*]/g, "");
}

function columnsOf(header: string[]): Map<Column, number> {
  const columns = new Map<Column, number>();
  header.forEach((cell, i) => {
    const key = headerKey(cell);
    for (const [column, names] of Object.entries(HEADERS) as Array<[Column, string[]]>) {
      if (!columns.has(column) && names.includes(key)) columns.set(column, i);
    }
  });
  return columns;
}

/** `-29036`, `PAY-1001`, `` `E1234` `` -> the code; anything else is no code. */
export function readCode(raw: string): Code | undefined {
  const text = raw.replace(/^[`"'*\s]+|[`"'*\s]+$/g, "").replace(/[\u2212\uFF0D]/g, "-");
  if (INTEGER.test(text)) return Number(text);
  return CODE_TOKEN.test(text) ? text : undefined;
}

export function clean(text: string | undefined): string | undefined {
  const flat = text?.replace(/<br\s*\/?>/gi, " ").replace(/\s+/g, " ").replace(/^`|`$/g, "").trim();
  return flat || undefined;
}

/** A description in Chinese goes to `zh`, otherwise to `en`. */
export function placeText(entry: ImportedEntry, text: string | undefined): void {
  if (!text) return;
  if (HAN.test(text)) entry.zh ??= text;
  else entry.en ??= text;
}

export function entriesFromTable(header: string[], rows: Array<{ cells: string[]; line: number }>, what: string): ImportResult {
  const columns = columnsOf(header);
  // `| Error | Description |`: with no code column, the error's name is its code.
  const codeColumn = columns.get("code") ?? columns.get("name");
  if (columns.get("code") === undefined) columns.delete("name");
  if (codeColumn === undefined) {
    throw new Error(`${what}: no code column (headers: ${header.join(", ")}); name one "code"`);
  }
  const cell = (cells: string[], column: Column) => {
    const i = columns.get(column);
    return i === undefined ? undefined : clean(cells[i]);
  };
  const entries: ImportedEntry[] = [];
  const warnings: string[] = [];
  for (const { cells, line } of rows) {
    if (cells.every((c) => !c.trim())) continue;
    const code = readCode(cells[codeColumn] ?? "");
    if (code === undefined) {
      warnings.push(`line ${line}: "${clean(cells[codeColumn]) ?? ""}" is not a code; row skipped`);
      continue;
    }
    const entry: ImportedEntry = { code };
    const name = cell(cells, "name");
    if (name) entry.name = name;
    const en = cell(cells, "en");
    const zh = cell(cells, "zh");
    if (en) entry.en = en;
    if (zh) entry.zh = zh;
    placeText(entry, cell(cells, "text"));
    const http = cell(cells, "http");
    if (http && /^\d{3}$/.test(http)) entry.http = Number(http);
    const guidance = cell(cells, "guidance");
    if (guidance) entry.guidance = guidance;
    entries.push(entry);
  }
  return { entries, warnings };
}
