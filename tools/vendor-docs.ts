// Parses the five vendor documents in catalog/sources/ into definitions, exactly as the vendors wrote them.
// The coverage test uses it to prove that the catalog carries every code and symbol of every document.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface VendorDefinition {
  doc: string;
  catalog: string;
  line: number;
  section: string;
  module: string;
  code: number;
  symbol?: string;
  text: string;
  http?: number;
  details?: string;
}

export const VENDOR_DOCS = [
  { doc: "000", file: "000_437dc947bac11710.txt", catalog: "tencent-cos-v4" },
  { doc: "001", file: "001_7c183b01bd6df6e6.txt", catalog: "tencent-cos-v4" },
  { doc: "002", file: "002_1b6c1c6a80827545.txt", catalog: "tencent-cos-v4" },
  { doc: "003", file: "003_60ccd8a6352b1128.txt", catalog: "tencent-ci-image" },
  { doc: "004", file: "004_e31abcfa884893ed.txt", catalog: "upyun" },
] as const;

// Section headings as the documents spell them, mapped to the module names the catalog uses.
const MODULES: Array<[RegExp, string]> = [
  [/后端\s*HTTP/, "Backend HTTP"],
  [/业务返回码/, "Business"],
  [/服务端 SDK/, "Server SDK"],
  [/^###? 下载状态码/, "Download status"],
  [/PROXY|proxy错误码/, "PROXY"],
  [/CMD|cmd错误码/, "CMD"],
  [/文件缓存/, "File cache"],
  [/文件插件/, "File plugin"],
  [/CGI/, "CGI"],
  [/OSS/, "OSS"],
  [/Access/, "Access"],
  [/Httpsvr/, "Httpsvr"],
  [/图片下载错误/, "Image download"],
  [/图片插件/, "Image plugin"],
  [/API 错误码表/, "REST API"],
];

function moduleOf(heading: string): string | undefined {
  return MODULES.find(([pattern]) => pattern.test(heading))?.[1];
}

const CODE_SYMBOL_TEXT = /^\s*(-?\d+)\s+([A-Za-z0-9_]+)(?:\s+(.*?))?\s*$/;
const SYMBOL_CODE_TEXT = /^\s*(_[A-Z]+)\s+(-?\d+)\s+(.*?)\s*$/;
const CODE_TEXT = /^\s*(-?\d+)\s+(\S.*?)\s*$/;
const PIPE_ROW = /^\|(-?\d+)\|(.*)\|\s*$/;
const TAB_ROW = /^(-?\d+)\s*\|\s*(.*?)\s*$/;
const UPYUN_ROW = /^(\d{3}) \| (\d{8}) \| (.*?) \|(?: (.*?) ?\|)?\s*$/;

function unquote(cell: string): string {
  const trimmed = cell.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}

function toCode(text: string): number {
  const code = Number(text);
  return Object.is(code, -0) ? 0 : code;
}

export function parseVendorDoc(doc: string, catalog: string, content: string): VendorDefinition[] {
  const out: VendorDefinition[] = [];
  let section = doc === "002" ? "错误码" : "";
  let module = doc === "002" ? "User guide" : doc === "004" ? "REST API" : "";
  content.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const heading = moduleOf(raw);
    if (heading && /^(#|\d [^\d|]|API )/.test(raw)) {
      section = raw.replace(/^#+\s*/, "").trim();
      module = heading;
      return;
    }
    const base = { doc, catalog, line, section, module };
    let m: RegExpMatchArray | null;
    if (doc === "004") {
      if ((m = raw.match(UPYUN_ROW))) {
        out.push({ ...base, code: toCode(m[2]!), http: Number(m[1]), symbol: m[3]!.trim(), text: m[3]!.trim(), details: m[4]?.trim() || undefined });
      }
    } else if (doc === "002") {
      if ((m = raw.match(PIPE_ROW))) out.push({ ...base, code: toCode(m[1]!), text: unquote(m[2]!) });
    } else if (doc === "003") {
      if ((m = raw.match(TAB_ROW))) out.push({ ...base, code: toCode(m[1]!), text: m[2]!.trim() });
    } else if ((m = raw.match(SYMBOL_CODE_TEXT))) {
      out.push({ ...base, code: toCode(m[2]!), symbol: m[1]!, text: m[3]! });
    } else if (module === "Server SDK" || module === "Download status") {
      if ((m = raw.match(CODE_TEXT))) out.push({ ...base, code: toCode(m[1]!), text: m[2]! });
    } else if ((m = raw.match(CODE_SYMBOL_TEXT))) {
      out.push({ ...base, code: toCode(m[1]!), symbol: m[2]!, text: m[3] ?? "" });
    }
  });
  return out;
}

export function readVendorDocs(sourcesDir: string): VendorDefinition[] {
  return VENDOR_DOCS.flatMap(({ doc, file, catalog }) =>
    parseVendorDoc(doc, catalog, readFileSync(join(sourcesDir, file), "utf8")),
  );
}
