// The platform-neutral card: what a reply says, before any chat platform's markup.
import type { Code } from "../catalog/code.js";
import type { Owner } from "./owner.js";

export type Lang = "en" | "zh";
export type Severity = "info" | "warning" | "error";

export interface CardField {
  label: string;
  value: string;
}

export interface CardSection {
  title: string;
  text: string;
}

export type ActionKind = "share" | "show-all" | "lang" | "support";

export interface CardAction {
  kind: ActionKind;
  label: string;
  /** Everything needed to produce the reply again, in the new form. */
  request: ReplyRequest;
}

/** What a reply was made from, so a button can make it again (in another language, in full, in public). */
export interface ReplyRequest {
  mode: "lookup" | "scan";
  query: string;
  lang: Lang;
  all?: boolean;
  catalog?: string;
}

export interface Card {
  /** `-29036 ERR_DOWN_NOTFINISHED_FILE` */
  title: string;
  /** `Tencent Cloud COS (JSON API v4) · Httpsvr` */
  subtitle: string;
  severity: Severity;
  /** The meaning, in the reply's language first. */
  summary: string;
  fields: CardField[];
  sections: CardSection[];
  /** Where the definitions came from and what is odd about them. */
  sourceNotes: string[];
  /** A link for the title: the runbook when the catalog gives one. */
  url?: string;
  /** The catalog entry the card explains, for its permalink (`/c/<catalog>/<code>`). */
  entry?: EntryRef;
  /** The entry's page on the web catalog, when PUBLIC_URL is set: the title links here before the runbook. */
  permalink?: string;
  /** Who owns the code, with the chat group behind the name when the catalog gives one (shown, never pinged). */
  owner?: Owner;
}

export interface EntryRef {
  catalog: string;
  code: Code;
}

export interface Reply {
  kind: "lookup" | "no-match" | "help" | "detections" | "nothing-found" | "insight";
  /** One line above the cards: "2 catalogs define -61" / "nothing for `foo`". */
  headline: string;
  cards: Card[];
  /** Cards that matched but were not shown (the "+N more"). */
  omitted: number;
  /** Lines under the cards about the reply as a whole: what was not read. */
  notes?: string[];
  actions: CardAction[];
  lang: Lang;
  /** Every code found in the text (a detections reply), shown or not: what occurrence counts record. */
  found?: EntryRef[];
}
