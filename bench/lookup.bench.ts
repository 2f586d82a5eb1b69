// Exact lookup and free-text search per query, against Fuse.js over the same entries (the baseline).
import Fuse from "fuse.js";
import { Errcode } from "../src/core/errcode.js";
import { lookup } from "../src/core/lookup.js";
import { formatNs, timePerCall } from "./measure.js";

export default async function bench(): Promise<void> {
  const loadStart = process.hrtime.bigint();
  const { index } = Errcode.load();
  const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
  const entries = index.entries;
  const codes = entries.map((e) => String(e.code));
  const words = ["signature expired", "签名过期", "bucket not empty", "file not fully uploaded", "upload timeout", "referer denied", "slice size", "文件不存在"];
  const symbols = entries.flatMap((e) => e.symbols).slice(0, 400);

  const fuseCodes = new Fuse(entries, { keys: ["code"], threshold: 0, useExtendedSearch: true });
  const fuseText = new Fuse(entries, { keys: ["symbols", "en", "zh"], threshold: 0.4, ignoreLocation: true });

  const rows: Array<[string, number, number]> = [];
  const exact = timePerCall(codes, (q) => lookup(index, q));
  const fuseExact = timePerCall(codes, (q) => fuseCodes.search(`=${q}`), 400);
  rows.push(["exact code lookup", exact.perOpNs, fuseExact.perOpNs]);
  const symbol = timePerCall(symbols, (q) => lookup(index, q));
  const fuseSymbol = timePerCall(symbols.slice(0, 40), (q) => fuseText.search(q));
  rows.push(["exact symbol lookup", symbol.perOpNs, fuseSymbol.perOpNs]);
  const text = timePerCall(words, (q) => lookup(index, q));
  const fuseWords = timePerCall(words, (q) => fuseText.search(q));
  rows.push(["free-text search", text.perOpNs, fuseWords.perOpNs]);

  console.log(`start-up: load, validate and index ${entries.length} entries in ${loadMs.toFixed(0)} ms`);
  console.log(`${entries.length} entries; baseline: Fuse.js 7 over the same entries, same process`);
  console.log("| query kind | errcode per query | Fuse.js per query | speed-up |");
  console.log("|---|---|---|---|");
  for (const [name, ours, fuse] of rows) console.log(`| ${name} | ${formatNs(ours)} | ${formatNs(fuse)} | ${(fuse / ours).toFixed(1)}x |`);
}
