// Lookup speed and search quality against Fuse.js and MiniSearch over the same entries and fields, same process:
// exact code and symbol lookups (p50), free-text search over the query corpus's words (p50, p99), and top-3
// accuracy of all three engines on every part of the corpus (rules: test/fixtures/queries/README.md).
// Also our Chinese segmentation both ways: bigrams plus the catalogs' vocabulary (default) and jieba.
import Fuse from "fuse.js";
import MiniSearch from "minisearch";
import type { Entry } from "../src/catalog/schema.js";
import { describeScore, loadCorpus, SCORED_PARTS, scoreCorpus, type CorpusQuery, type Ranker } from "./lookup-corpus.js";
import { built, formatNs, percentile } from "./measure.js";

const { CatalogIndex } = await built<typeof import("../src/catalog/catalog-index.js")>("../src/catalog/catalog-index.js");
const { jiebaSegmenter } = await built<typeof import("../src/catalog/jieba-segmenter.js")>("../src/catalog/jieba-segmenter.js");
const { BUILTIN_CATALOG_DIR, loadCatalogs } = await built<typeof import("../src/catalog/loader.js")>("../src/catalog/loader.js");
const { bigrams } = await built<typeof import("../src/catalog/tokenize.js")>("../src/catalog/tokenize.js");
const { lookup } = await built<typeof import("../src/core/lookup.js")>("../src/core/lookup.js");

const keyOf = (e: Entry) => `${e.catalog}:${e.code}`;
const FIELDS = ["code", "symbols", "aliases", "keywords", "en", "zh", "category"] as const;

function document(entry: Entry, id: number) {
  return {
    id,
    code: String(entry.code),
    symbols: entry.symbols.join(" "),
    aliases: (entry.aliases ?? []).join(" "),
    keywords: (entry.keywords ?? []).join(" "),
    en: entry.en,
    zh: entry.zh ?? "",
    category: entry.category ?? "",
  };
}

function fuseRanker(entries: Entry[]): Ranker {
  const docs = entries.map(document);
  const fuse = new Fuse(docs, {
    keys: [
      { name: "code", weight: 3 },
      { name: "symbols", weight: 4 },
      { name: "aliases", weight: 4 },
      { name: "keywords", weight: 3 },
      { name: "en", weight: 2 },
      { name: "zh", weight: 2 },
      { name: "category", weight: 1 },
    ],
    threshold: 0.4,
    ignoreLocation: true,
  });
  return (q) => fuse.search(q, { limit: 10 }).map((r) => keyOf(entries[r.item.id]!));
}

function miniSearchRanker(entries: Entry[]): Ranker {
  // Its default tokenizer keeps a Chinese run whole; give it bigrams there, as our default does.
  const tokenize = (text: string) =>
    (text.match(/\p{Script=Han}+|[\p{L}\p{N}]+/gu) ?? []).flatMap((run) => (/\p{Script=Han}/u.test(run) ? bigrams(run) : [run]));
  const mini = new MiniSearch({ fields: [...FIELDS], idField: "id", tokenize });
  mini.addAll(entries.map(document));
  const boost = { symbols: 4, aliases: 4, keywords: 3, code: 3, en: 2, zh: 2, category: 1 };
  return (q) => mini.search(q, { boost, fuzzy: 0.2, prefix: true }).slice(0, 10).map((r) => keyOf(entries[r.id as number]!));
}

const ourRanker = (index: InstanceType<typeof CatalogIndex>): Ranker => (q) => lookup(index, q).matches.map((m) => keyOf(m.entry));

/** Per-call times (ns) over `rounds` passes of `inputs`, after a warm-up pass; also each input's median. */
function callTimes<T>(inputs: T[], work: (input: T) => unknown, rounds: number): number[] & { medians: number[] } {
  for (const input of inputs) work(input);
  const perInput = inputs.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    inputs.forEach((input, i) => {
      const start = process.hrtime.bigint();
      work(input);
      perInput[i]!.push(Number(process.hrtime.bigint() - start));
    });
  }
  const times = perInput.flat().sort((a, b) => a - b);
  // On a shared machine a call is now and then descheduled; a query's median over rounds is its own cost.
  const medians = perInput.map((t) => percentile(t.sort((a, b) => a - b), 50)).sort((a, b) => a - b);
  return Object.assign(times, { medians });
}

function timed(build: () => InstanceType<typeof CatalogIndex>): { index: InstanceType<typeof CatalogIndex>; ms: number } {
  const start = process.hrtime.bigint();
  const index = build();
  index.warm(); // the text index is otherwise built on the first word search
  return { index, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

export default async function bench(): Promise<void> {
  const catalogs = loadCatalogs([BUILTIN_CATALOG_DIR]);
  const ours = timed(() => new CatalogIndex(catalogs));
  const jieba = timed(() => new CatalogIndex(catalogs, { segmenter: jiebaSegmenter }));
  const entries = ours.index.entries;
  const engines: Array<[string, Ranker]> = [
    ["errcode", ourRanker(ours.index)],
    ["errcode (jieba)", ourRanker(jieba.index)],
    ["Fuse.js", fuseRanker(entries)],
    ["MiniSearch", miniSearchRanker(entries)],
  ];

  const train = loadCorpus("train");
  const words = train.filter((q) => q.kind !== "code" && q.kind !== "symbol").map((q: CorpusQuery) => q.q);
  const codes = entries.map((e) => String(e.code));
  const symbols = entries.flatMap((e) => e.symbols);

  if (train.length === 0) console.log("no query corpus (test/fixtures/queries/train.yaml): accuracy not measured");
  // Every part, the sealed ones too: they are scored here only after their first run was recorded.
  for (const part of SCORED_PARTS) {
    const queries = loadCorpus(part);
    if (queries.length === 0) continue;
    console.log(`${part} part, ${queries.length} queries: top 1 for codes and symbols, top 3 for words; none = answered nothing`);
    for (const [name, rank] of engines) console.log(`- ${name}: ${describeScore(scoreCorpus(queries, rank))}`);
  }

  console.log(`${entries.length} entries; index with its text index built in ${ours.ms.toFixed(0)} ms from the build-time terms (with jieba, tokenizing every entry: ${jieba.ms.toFixed(0)} ms)`);
  console.log(`free text: the ${words.length} word queries of the train part; codes: all ${codes.length}; symbols: all ${symbols.length}`);
  console.log("| engine | exact code p50 | exact symbol p50 | free text p50 | free text p99 | free text p99 of per-query medians |");
  console.log("|---|---|---|---|---|---|");
  for (const [name, rank] of engines) {
    // The libraries take milliseconds a query: every 4th code and symbol, fewer rounds, the same percentiles.
    const ours = name.startsWith("errcode");
    const rounds = ours ? 20 : 2;
    const sample = <T>(list: T[]) => (ours ? list : list.filter((_, i) => i % 4 === 0));
    const code = percentile(callTimes(sample(codes), rank, rounds), 50);
    const symbol = percentile(callTimes(sample(symbols), rank, rounds), 50);
    const text = callTimes(words, rank, ours ? 100 : 2);
    console.log(
      `| ${name} | ${formatNs(code)} | ${formatNs(symbol)} | ${formatNs(percentile(text, 50))} | ${formatNs(percentile(text, 99))} | ${formatNs(percentile(text.medians, 99))} |`,
    );
  }
}
