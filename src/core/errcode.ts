import { CatalogIndex } from "../catalog/catalog-index.js";
import { BUILTIN_CATALOG_DIR, loadCatalogs } from "../catalog/loader.js";
import type { Lang, Reply, ReplyRequest } from "./card.js";
import { AUTO_REPLY_CONFIDENCE, detect, EXPLICIT_CONFIDENCE, type Detection } from "./detect/index.js";
import { detectionsReply, helpReply, lookupReply } from "./explain.js";
import { lookup } from "./lookup.js";
import { parseQuery } from "./query.js";

/** Text that reads like a pasted log or body rather than a query typed by hand. */
function looksPasted(text: string): boolean {
  return text.includes("\n") || text.length > 80 || /[{}<>=]|"\w+"\s*:/.test(text);
}

/**
 * The one entry point the adapters use. Everything a chat message can ask for goes through here,
 * and everything that comes out is a platform-neutral Reply.
 */
export class Errcode {
  constructor(readonly index: CatalogIndex) {}

  static load(extraCatalogPaths: string[] = []): Errcode {
    return new Errcode(new CatalogIndex(loadCatalogs([BUILTIN_CATALOG_DIR, ...extraCatalogPaths])));
  }

  /**
   * `/errcode <text>` (and a mention or DM with text): help, a lookup, or, for pasted text, an explanation of
   * every code found in it. The same question gets the same answer on every platform.
   */
  command(text: string, options: { lang?: Lang; catalog?: string } = {}): Reply {
    const lang = options.lang ?? "en";
    const trimmed = text.trim();
    if (!trimmed || /^(?:help|-h|--help|\?)$/i.test(trimmed)) return helpReply(lang);
    const parsed = parseQuery(trimmed, (word) => this.index.catalogFor(word));
    // A pasted log is scanned, never word-searched: a reply about its words would be noise.
    if (parsed.kind === "text" && looksPasted(trimmed)) return this.explainMessage(trimmed, { lang, catalog: options.catalog });
    const result = lookup(this.index, trimmed, { catalog: options.catalog });
    if (result.matches.length === 0 && parsed.kind === "text") {
      const detections = this.scan(trimmed, EXPLICIT_CONFIDENCE, options.catalog);
      if (detections.length > 0) return detectionsReply(this.index, trimmed, detections, { lang });
    }
    return lookupReply(this.index, result, { lang, catalog: options.catalog });
  }

  /** Makes a reply again from a button's request: in the other language, or with every match. */
  replay(request: ReplyRequest): Reply {
    if (request.mode === "scan") {
      return detectionsReply(this.index, request.query, this.scan(request.query, EXPLICIT_CONFIDENCE), request);
    }
    return lookupReply(this.index, lookup(this.index, request.query, { catalog: request.catalog }), request);
  }

  /** Codes in a message, each (catalog, code) once, most confident first; optionally from one catalog only. */
  scan(text: string, minConfidence = EXPLICIT_CONFIDENCE, catalog?: string): Detection[] {
    const detections = detect(this.index, text, { minConfidence });
    return catalog ? detections.filter((d) => d.catalog === catalog) : detections;
  }

  /** What auto-explain would post for a message, before any channel policy; undefined when it stays silent. */
  autoExplain(text: string, lang: Lang = "en"): { reply: Reply; detections: Detection[] } | undefined {
    const detections = this.scan(text, AUTO_REPLY_CONFIDENCE);
    if (detections.length === 0) return undefined;
    return { reply: detectionsReply(this.index, text, detections, { lang }), detections };
  }

  /** An explicit "explain this message" (shortcut, context menu, pasted text): lower threshold, always answers. */
  explainMessage(text: string, options: { lang?: Lang; catalog?: string } = {}): Reply {
    return detectionsReply(this.index, text, this.scan(text, EXPLICIT_CONFIDENCE, options.catalog), { lang: options.lang ?? "en" });
  }
}
