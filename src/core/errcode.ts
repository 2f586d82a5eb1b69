import { CatalogIndex } from "../catalog/catalog-index.js";
import { BUILTIN_CATALOG_DIR, loadCatalogs } from "../catalog/loader.js";
import type { Lang, Reply, ReplyRequest } from "./card.js";
import { AUTO_REPLY_CONFIDENCE, detect, EXPLICIT_CONFIDENCE, type Detection, type Detections } from "./detect/index.js";
import { detectionsReply, helpReply, lookupReply } from "./explain.js";
import { lookup } from "./lookup.js";
import { withPermalinks } from "./permalink.js";
import { parseQuery } from "./query.js";
import { maskSecrets } from "./redact.js";

/** Text that reads like a pasted log or body rather than a query typed by hand. */
function looksPasted(text: string): boolean {
  return text.includes("\n") || text.length > 80 || /[{}<>=]|"\w+"\s*:/.test(text);
}

/**
 * The one entry point the adapters use. Everything a chat message can ask for goes through here,
 * and everything that comes out is a platform-neutral Reply.
 */
export class Errcode {
  private current: CatalogIndex;

  constructor(
    index: CatalogIndex,
    /**
     * `publicUrl`: where the web catalog is served; every card's title then links to its entry's page.
     * `catalogPaths`: the extra catalogs loaded beside the built-in ones, which reload() reads again.
     * `warm`: build the text-search index now (a long-running bot), not on the first word search (a CLI run).
     */
    private readonly options: { publicUrl?: string; catalogPaths?: string[]; warm?: boolean } = {},
  ) {
    this.current = index;
    if (options.warm) index.warm();
  }

  static load(extraCatalogPaths: string[] = [], options: { publicUrl?: string; warm?: boolean } = {}): Errcode {
    return new Errcode(new CatalogIndex(loadCatalogs([BUILTIN_CATALOG_DIR, ...extraCatalogPaths])), { ...options, catalogPaths: extraCatalogPaths });
  }

  /** The catalogs in service. Read it once per request: a reload may put a new one in service between requests. */
  get index(): CatalogIndex {
    return this.current;
  }

  /**
   * Loads every catalog again and puts the new index in service in one assignment. A catalog that fails
   * validation throws (CatalogError) and the index in service stays as it was: nothing is half-loaded.
   */
  reload(): CatalogIndex {
    const index = new CatalogIndex(loadCatalogs([BUILTIN_CATALOG_DIR, ...(this.options.catalogPaths ?? [])]));
    if (this.options.warm) index.warm();
    this.current = index;
    return index;
  }

  private linked(reply: Reply): Reply {
    return withPermalinks(reply, this.options.publicUrl);
  }

  /**
   * `/errcode <text>` (and a mention or DM with text): help, a lookup, or, for pasted text, an explanation of
   * every code found in it. The same question gets the same answer on every platform.
   */
  command(text: string, options: { lang?: Lang; catalog?: string; all?: boolean } = {}): Reply {
    const lang = options.lang ?? "en";
    const trimmed = text.trim();
    if (!trimmed || /^(?:help|-h|--help|\?)$/i.test(trimmed)) return helpReply(lang);
    return this.linked(this.answer(trimmed, lang, options.catalog, options.all));
  }

  private answer(trimmed: string, lang: Lang, catalog: string | undefined, all?: boolean): Reply {
    const parsed = parseQuery(trimmed, (word) => this.index.catalogFor(word), (token) => this.index.hasTokenCode(token));
    // A pasted log is scanned, never word-searched: a reply about its words would be noise.
    if (parsed.kind === "text" && looksPasted(trimmed)) return detectionsReply(this.index, trimmed, this.scan(trimmed, EXPLICIT_CONFIDENCE, catalog), { lang, all });
    const result = lookup(this.index, trimmed, { catalog });
    if (result.matches.length === 0 && parsed.kind === "text") {
      const detections = this.scan(trimmed, EXPLICIT_CONFIDENCE, catalog);
      if (detections.length > 0) return detectionsReply(this.index, trimmed, detections, { lang, all });
    }
    return lookupReply(this.index, result, { lang, catalog, all });
  }

  /** Makes a reply again from a button's request: in the other language, or with every match. */
  replay(request: ReplyRequest): Reply {
    if (request.mode === "scan") {
      return this.linked(detectionsReply(this.index, request.query, this.scan(request.query, EXPLICIT_CONFIDENCE), request));
    }
    return this.linked(lookupReply(this.index, lookup(this.index, request.query, { catalog: request.catalog }), request));
  }

  /** Codes in a message, each (catalog, code) once, most confident first; optionally from one catalog only. */
  scan(text: string, minConfidence = EXPLICIT_CONFIDENCE, catalog?: string): Detections {
    // Masked over the whole text before detection, so no evidence window can hold part of a credential.
    const detections = detect(this.index, maskSecrets(text), { minConfidence });
    return catalog ? Object.assign(detections.filter((d) => d.catalog === catalog), { unread: detections.unread }) : detections;
  }

  /** What auto-explain would post for a message, before any channel policy; undefined when it stays silent. */
  autoExplain(text: string, lang: Lang = "en"): { reply: Reply; detections: Detection[] } | undefined {
    const detections = this.scan(text, AUTO_REPLY_CONFIDENCE);
    if (detections.length === 0) return undefined;
    return { reply: this.linked(detectionsReply(this.index, text, detections, { lang })), detections };
  }

  /** The reply for detections a policy let through (auto-explain): like autoExplain's, for those codes only. */
  explainDetections(text: string, detections: Detection[], lang: Lang = "en", unread = 0): Reply {
    return this.linked(detectionsReply(this.index, text, Object.assign([...detections], { unread }), { lang }));
  }

  /** An explicit "explain this message" (shortcut, context menu, pasted text): lower threshold, always answers. */
  explainMessage(text: string, options: { lang?: Lang; catalog?: string } = {}): Reply {
    return this.linked(detectionsReply(this.index, text, this.scan(text, EXPLICIT_CONFIDENCE, options.catalog), { lang: options.lang ?? "en" }));
  }
}
