// Chinese word segmentation with jieba (@node-rs/jieba), the catalogs' vocabulary words added to its dictionary.
// Measured against bigrams plus vocabulary in `npm run bench` (lookup); not the default, see README.
import { createRequire } from "node:module";
import type { Segmenter } from "./tokenize.js";

const require = createRequire(import.meta.url);

export function jiebaSegmenter(vocabulary: ReadonlySet<string>): Segmenter {
  const { Jieba } = require("@node-rs/jieba") as typeof import("@node-rs/jieba");
  const { dict } = require("@node-rs/jieba/dict") as { dict: Uint8Array };
  const jieba = Jieba.withDict(dict);
  if (vocabulary.size > 0) jieba.loadDict(Buffer.from([...vocabulary].map((word) => `${word} 20000`).join("\n")));
  return (run) => jieba.cutForSearch(run, true).filter((word) => /\p{Script=Han}/u.test(word));
}
