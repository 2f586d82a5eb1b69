// The text search's ranking constants, as data: tools/tune-search.ts chooses them on the spent parts of the query
// corpus (checked on parts it did not choose on) and writes ranking.json.
import ranking from "./ranking.json" with { type: "json" };

export interface Ranking {
  /** BM25F field weights: how much a word counts in each field of an entry. */
  fields: Record<"symbol" | "alias" | "keyword" | "code" | "en" | "zh" | "category" | "source", number>;
  /** BM25 term-frequency saturation and length normalisation. */
  k1: number;
  b: number;
  /** What a term matched through a typo, or a synonym, counts against the word itself (1). */
  typo: number;
  synonym: number;
  /**
   * Weight of a query word no entry uses. An identifier, constant or number (OOMKilled, ENOSPC, 1045) or another
   * product's name says the question is about something else; a plain word (because, went) says little; a Chinese
   * character no known pair covers is mostly the seam between two words.
   */
  unknownWeight: { otherProduct: number; technical: number; word: number; chineseChar: number };
  /** Entries of a catalog the query names in passing ("gateway timeout from cos") count this much more. */
  namedCatalogBoost: number;
  /** Added to an entry when the whole query is one of its keywords or names: that entry is what was meant. */
  phraseBonus: number;
}

export type Field = keyof Ranking["fields"];

export const RANKING: Ranking = ranking;
