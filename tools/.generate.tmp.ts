import { readVendorDocs } from "./vendor-docs.ts";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { Document, isMap, isSeq, visit } from "yaml";

const defs = readVendorDocs("/work/main/catalog/sources");
const out = new Map<string, any>();
for (let i = 1; i <= 5; i++) {
  const f = `/tmp/errcode-work/out-part${i}.json`;
  if (!existsSync(f)) continue;
  for (const o of JSON.parse(readFileSync(f, "utf8"))) out.set(`${o.catalog}:${o.code}`, o);
}
const HEADERS: Record<string, any> = {
  "tencent-cos-v4": {
    name: "Tencent Cloud COS (JSON API v4)", vendor: "Tencent Cloud",
    aliases: ["cos", "cos-v4", "cosv4", "tencent-cos", "qcloud-cos"],
    documents: [
      { id: "000", file: "sources/000_437dc947bac11710.txt", title: "COS JSON API v4 error codes, full list by module" },
      { id: "001", file: "sources/001_7c183b01bd6df6e6.txt", title: "COS JSON API v4 error codes, older page (SDK and download status codes)" },
      { id: "002", file: "sources/002_1b6c1c6a80827545.txt", title: "COS JSON API v4 user-facing error table with advice" },
    ],
  },
  "tencent-ci-image": {
    name: "Tencent Cloud image service (万象优图)", vendor: "Tencent Cloud",
    aliases: ["image", "ci", "ci-image", "tencent-image", "wanxiang", "万象优图"],
    documents: [{ id: "003", file: "sources/003_60ccd8a6352b1128.txt", title: "Image service error codes (X-ErrNo header)" }],
  },
  upyun: {
    name: "UpYun REST API", vendor: "UpYun (又拍云)",
    aliases: ["upyun", "upaiyun", "又拍云"],
    documents: [{ id: "004", file: "sources/004_e31abcfa884893ed.txt", title: "UpYun REST API error codes" }],
  },
};
const only = process.argv.slice(2);
for (const catalog of Object.keys(HEADERS)) {
  if (only.length && !only.includes(catalog)) continue;
  const groups = new Map<number, typeof defs>();
  for (const d of defs.filter((d) => d.catalog === catalog)) {
    if (!groups.has(d.code)) groups.set(d.code, []);
    groups.get(d.code)!.push(d);
  }
  const entries = [...groups].map(([code, ds]) => {
    const o = out.get(`${catalog}:${code}`);
    if (!o) throw new Error(`missing translation ${catalog}:${code}`);
    const texts = [...new Set(ds.map((d) => d.text.trim()).filter(Boolean))];
    const symbols = [...new Set(ds.map((d) => d.symbol).filter(Boolean))];
    const http = ds.find((d) => d.http !== undefined)?.http ?? (ds.some((d) => d.module === "Backend HTTP") ? code : undefined);
    const e: any = { code };
    if (symbols.length) e.name = symbols[0];
    e.en = o.en;
    if (texts.length) e.zh = texts.join(" / ");
    e.guidance = o.guidance;
    e.category = o.category;
    e.retry = o.retry;
    if (http !== undefined) e.http = http;
    if (o.related?.length) e.related = o.related;
    if (o.notes?.length) e.notes = o.notes;
    e.definitions = ds.map((d) => {
      const def: any = { doc: d.doc, line: d.line, module: d.module };
      if (d.symbol) def.symbol = d.symbol;
      def.text = d.text;
      if (d.http !== undefined) def.http = d.http;
      if (d.details) def.details = d.details;
      return def;
    });
    return e;
  });
  const doc = new Document({ id: catalog, ...HEADERS[catalog], entries });
  visit(doc, {
    Pair(_, pair: any) {
      if (pair.key?.value === "definitions" && isSeq(pair.value)) for (const item of pair.value.items) if (isMap(item)) item.flow = true;
      if (pair.key?.value === "related" && isSeq(pair.value)) pair.value.flow = true;
    },
  });
  const header = `# errcode catalog: ${HEADERS[catalog].name}.\n# Built from the vendor documents in catalog/sources/ (kept verbatim). en, guidance, category, retry,\n# related and notes are ours; zh and definitions are the vendor's words, untouched. Schema: src/catalog/schema.ts.\n`;
  writeFileSync(`/work/main/catalog/${catalog}.yaml`, header + doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
  console.log(catalog, entries.length);
}
