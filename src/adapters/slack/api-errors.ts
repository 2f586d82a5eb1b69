// Reading Web API failures without depending on the SDK's error classes.

/** Slack's error string for a failed call (`not_in_channel`, `ratelimited`…), or the SDK's error code. */
export function slackErrorCode(error: unknown): string {
  const e = error as { data?: { error?: unknown }; code?: unknown; statusCode?: unknown; status?: unknown; name?: unknown };
  if (typeof e?.data?.error === "string") return e.data.error;
  if (typeof e?.statusCode === "number") return `http_${e.statusCode}`;
  if (typeof e?.status === "number") return `http_${e.status}`;
  if (typeof e?.code === "string") return e.code;
  return typeof e?.name === "string" ? e.name : "unknown";
}

/** Errors that mean "the bot cannot post there" rather than "something broke". */
const NO_ACCESS = new Set(["not_in_channel", "channel_not_found", "is_archived", "restricted_action", "cannot_dm_bot", "user_not_in_channel"]);

export function isNoAccessError(error: unknown): boolean {
  return NO_ACCESS.has(slackErrorCode(error));
}

/** What is safe to log about an error: never request headers (tokens) or message bodies. */
export function describeError(error: unknown): { code: string; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  return { code: slackErrorCode(error), message: message.slice(0, 500) };
}
