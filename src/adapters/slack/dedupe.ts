import { STATE_KEYS, type StateStore } from "../../state/store.js";

/** Slack retries an unacknowledged event for about five minutes; remember deliveries well past that. */
export const DEDUPE_TTL_MS = 15 * 60_000;

/**
 * True the first time an Events API `event_id` is seen by any replica sharing the state store, false for every
 * later delivery of it. A retry whose original never arrived is a first delivery (in Socket Mode the retry can be
 * the only delivery). The same message under another event id is caught by the core (it answers a message once).
 */
export function firstDelivery(state: StateStore, eventId: string | undefined, ttlMs = DEDUPE_TTL_MS): Promise<boolean> {
  return eventId ? state.claim(STATE_KEYS.slackEvent(eventId), ttlMs) : Promise.resolve(true);
}
