import type { Code } from "../code.js";

/** One error read from a team's table or enum, before it is written as a catalog entry. */
export interface ImportedEntry {
  code: Code;
  name?: string;
  en?: string;
  zh?: string;
  http?: number;
  guidance?: string;
}

export interface ImportResult {
  entries: ImportedEntry[];
  /** Rows or members that were skipped, and why (`line 7: no code`). */
  warnings: string[];
}
