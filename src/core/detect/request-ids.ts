// Vendor request ids in the message, and which detected error each one belongs to.
import { lowerBound } from "./tokenize.js";

const REQUEST_ID =
  /(?:\b(x-cos-request-id|x-upyun-request-id|x-request-id|request[ _-]?id|req[_-]?id)\b|["'](id)["']|\b(id)(?==))["']?(?:[ \t]*(?:=>|[:=>])[ \t]*|[ \t]+)["']?([A-Za-z0-9][A-Za-z0-9_.\-=+/]{5,127})/gi;
/** How far a request id may sit from the error it belongs to: a pretty-printed body or an HTTP dump. */
const REQUEST_ID_REACH = 1500;

interface RequestIdAt {
  offset: number;
  value: string;
}

function requestIdsIn(text: string): RequestIdAt[] {
  const ids: RequestIdAt[] = [];
  for (const m of text.matchAll(REQUEST_ID)) {
    const value = m[4]!.replace(/[.\-]+$/, "");
    const genericIdKey = m[1] === undefined;
    // A bare `id` is a request id only when it looks like one (UpYun: 32 hex digits), not `"id": "a.jpg"`.
    if (!/\d/.test(value) || (genericIdKey && (value.length < 16 || !/^[A-Za-z0-9-]+$/.test(value)))) continue;
    ids.push({ offset: m.index, value });
  }
  return ids;
}

/**
 * Each request id in `text` belongs to the error closest to it (every catalog's reading of that one number), and
 * an error shows the closest of the ids that belong to it. So a code mentioned on another line does not borrow
 * the id of a response body it has nothing to do with. Errors on the same line as an id (a JSON body with an
 * array of errors and one request_id) share it.
 */
export function attachRequestIds(detections: Array<{ offset: number; requestId?: string }>, text: string): void {
  if (detections.length === 0) return;
  const offsets = [...new Set(detections.map((d) => d.offset))].sort((a, b) => a - b);
  const owned = new Map<number, RequestIdAt[]>();
  for (const id of requestIdsIn(text)) {
    // The closest error before the id, or after it; the one before wins a tie.
    const i = lowerBound(offsets, id.offset);
    const before = offsets[i - 1];
    const after = offsets[i];
    const owner = after === undefined || (before !== undefined && id.offset - before <= after - id.offset) ? before! : after;
    if (Math.abs(owner - id.offset) > REQUEST_ID_REACH) continue;
    const list = owned.get(owner);
    if (list) list.push(id);
    else owned.set(owner, [id]);
  }
  const all = [...owned.values()].flat();
  for (const d of detections) {
    const ids = owned.get(d.offset) ?? all.filter((id) => sameLine(text, id.offset, d.offset));
    if (ids.length === 0) continue;
    d.requestId = ids.reduce((best, id) => (Math.abs(id.offset - d.offset) < Math.abs(best.offset - d.offset) ? id : best)).value;
  }
}

function sameLine(text: string, a: number, b: number): boolean {
  const [from, to] = a < b ? [a, b] : [b, a];
  return to - from <= REQUEST_ID_REACH && !text.slice(from, to).includes("\n");
}
