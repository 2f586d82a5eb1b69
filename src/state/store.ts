// What errcode remembers between events, behind one interface: in this process (memory.ts) or shared by every
// replica (redis.ts, wrapped by fallback.ts so that Redis trouble never silences the bot). Every key expires.

export interface StateStore {
  /** Takes `key` for `ttlMs` if nobody holds it (SET NX PX): true for the one caller that got it. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Gives a claimed key back early. */
  release(key: string): Promise<void>;
  /**
   * Takes one of `limit` slots under `key`, each held for `windowMs`: at most `limit` takers in any window of that
   * length (a sliding window; a slot frees `windowMs` after it was taken). False when all are taken.
   */
  takeSlot(key: string, limit: number, windowMs: number): Promise<boolean>;
  /** INCR with an expiry set when the key is created: the count after this increment. */
  increment(key: string, ttlMs: number): Promise<number>;
  put(key: string, value: string, ttlMs: number): Promise<void>;
  get(key: string): Promise<string | undefined>;
  /** HINCRBY `field` of the hash `key` by `by`, with an expiry set when the hash is created: the field's new count. */
  incrementField(key: string, field: string, by: number, ttlMs: number): Promise<number>;
  /** HGETALL of each key (pipelined on Redis): a missing key is an empty record. */
  readCounts(keys: string[]): Promise<Array<Record<string, number>>>;
  /** "memory", "redis", or "degraded" (Redis configured but not answering: local state meanwhile). */
  health(): StateHealth;
  close(): Promise<void>;
}

export type StateHealth = "memory" | "redis" | "degraded";

/**
 * Counts an occurrence in the fixed time bucket `at` falls in (per conversation, catalog, code…): the count so far
 * in that bucket. Buckets expire one window after they end.
 */
export function incrementWindow(store: StateStore, key: string, windowMs: number, at = Date.now()): Promise<number> {
  const bucket = Math.floor(at / windowMs);
  return store.increment(`${key}@${bucket}`, windowMs * 2);
}

/** Key names, in one place, so every replica spells them the same way. */
export const STATE_KEYS = {
  slackEvent: (eventId: string) => `slack:event:${eventId}`,
  slackSignature: (signature: string) => `slack:signature:${signature}`,
  answered: (platform: string, channel: string, messageId: string) => `answered:${platform}:${channel}:${messageId}`,
  cooldown: (scope: string, catalog: string, code: number | string) => `cooldown:${scope}|${catalog}:${typeof code === "string" ? code.toUpperCase() : code}`,
  channelCap: (channel: string) => `cap:${channel}`,
  button: (ref: string) => `button:${ref}`,
  occurrences: (resolution: "m" | "h", conversation: string, bucket: number) => `occ:${resolution}:${conversation}@${bucket}`,
  card: (scope: string, catalog: string, code: number | string) => `card:${scope}|${catalog}:${typeof code === "string" ? code.toUpperCase() : code}`,
  cardEdit: (card: string) => `card-edit:${card}`,
  cardEditPending: (card: string) => `card-edit-pending:${card}`,
} as const;
