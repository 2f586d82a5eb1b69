// What each web address answers, as a plain function of the request: no sockets here, so every page is
// one call away from a test. The server (adapter.ts) adds limits, headers and I/O around it.
import type { Errcode } from "../../core/errcode.js";
import { EXPLICIT_CONFIDENCE } from "../../core/detect/index.js";
import { catalogPage, entryPageAt, findings } from "../../core/pages.js";
import { unreadNote } from "../../core/explain.js";
import { renderCatalogPage, renderEntryPage, renderHomePage, renderNotFound, renderResults, renderScanPage, type Layout } from "../../render/html.js";

export interface WebRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The url-encoded form of a POST, already size-checked. */
  form?: URLSearchParams;
}

export interface WebResponse {
  status: number;
  body: string;
  /** The route that answered, for metrics (never the raw path: that would explode label values). */
  route: string;
}

/** Longer queries are cut: a search box holds a phrase, and /scan is where long text goes. */
export const MAX_QUERY_CHARS = 2_000;
export const MAX_SCAN_CHARS = 200_000;

export function route(errcode: Errcode, request: WebRequest): WebResponse {
  const layout: Layout = { title: "errcode", catalogs: errcode.index.catalogs.map((c) => ({ id: c.id, name: c.name })) };
  const segments = request.path.split("/").filter(Boolean).map(decodeSegment);

  if (segments.length === 0) {
    const q = (request.query.get("q") ?? "").slice(0, MAX_QUERY_CHARS).trim();
    const reply = q ? errcode.command(q) : undefined;
    if (request.query.get("fragment") === "results") return { status: 200, body: renderResults(reply).value, route: "search" };
    return { status: 200, body: renderHomePage({ ...layout, query: q }, reply), route: "search" };
  }

  if (segments[0] === "scan" && segments.length === 1) {
    const text = (request.form?.get("text") ?? request.query.get("text") ?? "").slice(0, MAX_SCAN_CHARS);
    const scanned = text.trim() ? errcode.scan(text, EXPLICIT_CONFIDENCE) : undefined;
    const notes = scanned?.unread ? [unreadNote(scanned.unread)] : [];
    return { status: 200, body: renderScanPage(layout, text, scanned && findings(scanned), notes), route: "scan" };
  }

  if (segments[0] === "c" && segments.length === 2) {
    const body = catalogTable(errcode, layout, segments[1]!);
    if (body) return { status: 200, body, route: "catalog" };
    return notFound(layout, `No catalog is called “${segments[1]}”.`);
  }

  if (segments[0] === "c" && segments.length === 3) {
    const [, catalog, codeText] = segments as [string, string, string];
    const model = entryPageAt(errcode.index, catalog, codeText);
    if (model) return { status: 200, body: renderEntryPage(layout, model), route: "entry" };
    return notFound(layout, `${catalog} has no code “${codeText}”.`);
  }

  return notFound(layout, "There is no page at this address.");
}

// A catalog's table is the largest page and the same for every visitor: made once per loaded index.
const catalogTables = new WeakMap<object, Map<string, string | undefined>>();

function catalogTable(errcode: Errcode, layout: Layout, id: string): string | undefined {
  let tables = catalogTables.get(errcode.index);
  if (!tables) catalogTables.set(errcode.index, (tables = new Map()));
  if (!tables.has(id)) {
    const model = catalogPage(errcode.index, id);
    if (!model) return undefined;
    tables.set(id, renderCatalogPage(layout, model));
  }
  return tables.get(id);
}

function notFound(layout: Layout, message: string): WebResponse {
  return { status: 404, body: renderNotFound(layout, message), route: "not-found" };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
