import type { KnownBlock } from "@slack/types";

/** A message sent to an interaction's `response_url`. */
export interface ResponseUrlMessage {
  response_type?: "ephemeral" | "in_channel";
  replace_original?: boolean;
  delete_original?: boolean;
  thread_ts?: string;
  text?: string;
  blocks?: KnownBlock[];
}

export class ResponseUrlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ResponseUrlError";
  }
}

export interface ResponseUrlRetry {
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

export const DEFAULT_RESPONSE_URL_RETRY: ResponseUrlRetry = { retries: 3, minDelayMs: 500, maxDelayMs: 30_000, timeoutMs: 10_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function retryAfterMs(header: string | null): number | undefined {
  const seconds = header === null ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * Posts to a response_url (where a slash command's or a button's answer goes). Retries what is worth retrying:
 * 429 after its Retry-After, 5xx and network failures with backoff; a 4xx (an expired or used-up URL) is final.
 */
export async function postToResponseUrl(url: string, message: ResponseUrlMessage, retry: ResponseUrlRetry = DEFAULT_RESPONSE_URL_RETRY): Promise<void> {
  const body = JSON.stringify(message);
  let lastError: Error = new Error("response_url was never tried");
  for (let attempt = 0; attempt <= retry.retries; attempt += 1) {
    let delay = Math.min(retry.maxDelayMs, retry.minDelayMs * 2 ** attempt);
    let response: Response | undefined;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8" },
        body,
        redirect: "error",
        signal: AbortSignal.timeout(retry.timeoutMs),
      });
    } catch (error) {
      lastError = error as Error; // network failure or timeout: worth another try
    }
    if (response) {
      const text = await response.text().catch(() => "");
      if (response.ok) return;
      lastError = new ResponseUrlError(response.status, `response_url answered ${response.status}: ${text.slice(0, 200)}`);
      if (response.status === 429) delay = Math.min(retry.maxDelayMs, retryAfterMs(response.headers.get("retry-after")) ?? delay);
      else if (response.status < 500) throw lastError;
    }
    if (attempt < retry.retries) await sleep(delay);
  }
  throw lastError;
}
