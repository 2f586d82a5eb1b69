// Writes src/catalog/short-words.json: the English words of 3 and 4 letters in the `word-list` package (MIT,
// a dev dependency). Typo tolerance on short words (typos.ts) leaves a real word alone (`plan`, `pip`, `from`):
// only a short word that is no English word is read as a slip of a catalog word.
//
//   npx tsx tools/short-words.ts
import { readFileSync, writeFileSync } from "node:fs";
import wordListPath from "word-list";

const OUT = new URL("../src/catalog/short-words.json", import.meta.url);
const words = readFileSync(wordListPath, "utf8")
  .split("\n")
  .filter((word) => /^[a-z]{3,4}$/.test(word));
writeFileSync(OUT, `${JSON.stringify(words)}\n`);
console.log(`${words.length} words -> ${OUT.pathname}`);
