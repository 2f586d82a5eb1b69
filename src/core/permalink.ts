import type { EntryRef, Reply } from "./card.js";

/** The path of an entry's page on the web catalog. */
export function entryPath(ref: EntryRef): string {
  return `/c/${encodeURIComponent(ref.catalog)}/${encodeURIComponent(String(ref.code))}`;
}

export function catalogPath(catalog: string): string {
  return `/c/${encodeURIComponent(catalog)}`;
}

/** The reply with every card's title linked to its page under `publicUrl` (no change without one). */
export function withPermalinks(reply: Reply, publicUrl: string | undefined): Reply {
  if (!publicUrl) return reply;
  const base = publicUrl.replace(/\/+$/, "");
  return { ...reply, cards: reply.cards.map((card) => (card.entry ? { ...card, permalink: `${base}${entryPath(card.entry)}` } : card)) };
}
