// chat.postMessage must not be sent twice. The Web API client times a call out (30 s) and retries it, but a post
// that timed out on our side may well have been made on Slack's: a slow Slack then got two replies per message.
// So a post gets a client timeout far beyond Slack's own, and when even that runs out the call fails with a
// Slack-shaped error instead of being retried blind. Every other method keeps the normal timeout and retries.

/** Long enough that Slack has answered (or failed the request itself) well before it. */
export const DEFAULT_POST_TIMEOUT_MS = 5 * 60_000;

const ONCE_METHODS = ["chat.postMessage"];

function methodOf(input: Parameters<typeof fetch>[0]): string {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  return url.slice(url.lastIndexOf("/") + 1).split("?")[0]!;
}

/** A `fetch` for the Slack WebClient that sends each post once, waiting up to `postTimeoutMs` for its answer. */
export function postOnceFetch(postTimeoutMs: number = DEFAULT_POST_TIMEOUT_MS): typeof fetch {
  return async (input, init) => {
    const method = methodOf(input);
    if (!ONCE_METHODS.includes(method)) return fetch(input, init);
    const signal = AbortSignal.timeout(postTimeoutMs);
    try {
      return await fetch(input, { ...init, signal });
    } catch (error) {
      if (!signal.aborted) throw error; // never reached Slack (refused, reset): safe to retry
      // A platform error is final for the client: no retry, and the handler logs and counts it.
      return Response.json({ ok: false, error: "post_timed_out_not_retried" });
    }
  };
}
