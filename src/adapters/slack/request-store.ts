import type { Reply, ReplyRequest } from "../../core/card.js";
import { decodeActionValue, encodeActionValue, REF_PREFIX } from "../../render/slack-action-value.js";
import { ButtonRequests } from "../button-requests.js";

/** The requests behind Slack buttons whose value is a `ref:` (a request too long to carry inline). */
export class ReplyRequestStore {
  private readonly requests = new ButtonRequests();

  /** Remembers every request of `reply` that its buttons carry by reference. */
  remember(reply: Reply): void {
    for (const action of reply.actions) {
      const value = encodeActionValue(action.request);
      if (value.startsWith(REF_PREFIX)) this.requests.keep(value, action.request);
    }
  }

  /** The request behind a button value, "expired" for a ref no longer kept, "invalid" for anything else. */
  resolve(value: string | undefined): ReplyRequest | "expired" | "invalid" {
    const decoded = decodeActionValue(value);
    if ("request" in decoded) return decoded.request;
    if ("ref" in decoded) return this.requests.find(decoded.ref) ?? "expired";
    return "invalid";
  }
}
