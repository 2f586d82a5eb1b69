// Shape checks for everything Slack (or anyone holding the signing secret or the socket) sends, before Bolt or a
// handler sees it. Bolt assumes an object body: `null` throws inside its receiver (the process exits), an array waits
// out the 3 s ack timeout, a non-string `text` throws in a handler. Unexpected shapes get a 400 over HTTP, or are
// dropped with a debug log over Socket Mode; nothing else changes for a well-formed payload.
import type { IncomingMessage, ServerResponse } from "node:http";
import { HTTPModuleFunctions, type HTTPReceiver, type SocketModeReceiver } from "@slack/bolt";
import { z } from "zod";
import type { Logger } from "../../log.js";

const text = z.string().optional();
const id = z.string().optional();

/** An Events API callback: the inner event is an object whose identifying fields are strings. */
const EventCallback = z.looseObject({
  type: z.string(),
  event: z
    // Slack always sends the event with an event_callback; without one Bolt has nothing to dispatch (and answers 500).
    .looseObject({
      type: z.string(),
      text,
      user: id,
      bot_id: id,
      channel: id,
      ts: id,
      thread_ts: id,
      subtype: id,
      channel_type: id,
      // Bolt looks inside these with `in`, which throws on a string or a number.
      item: z.looseObject({}).optional(),
      subteam: z.looseObject({}).optional(),
    }),
});

/** The one-time check of the request URL, answered by Bolt with the challenge. */
const UrlVerification = z.looseObject({ type: z.literal("url_verification"), challenge: z.string() });

/** A slash command (form fields): every field Slack sends is one string. */
const SlashCommand = z.record(z.string(), z.string());

// `team` is null for org-wide installs.
const Named = z.looseObject({ id: id, name: id }).nullable().optional();
/** An interactive payload: buttons, shortcuts, view submissions. */
const Interactive = z.looseObject({
  type: z.string(),
  // Slack always says who acted; Bolt reads user.id before any listener runs.
  user: z.looseObject({ id: id, name: id, team_id: id }),
  channel: Named,
  team: Named,
  // Slack sends at least one action; Bolt dispatches actions[0] and answers 500 when there is none.
  actions: z.array(z.looseObject({ action_id: id, value: id, type: id })).min(1).optional(),
  message: z.looseObject({ text, ts: id, thread_ts: id }).optional(),
  callback_id: id,
  trigger_id: id,
  response_url: id,
  // Bolt reads view.app_installed_team_id on view submissions and closes.
  view: z.looseObject({}).optional(),
}).refine((body) => !/^view_(submission|closed)$/.test(body.type) || body.view !== undefined, { message: "a view payload without a view", path: ["view"] });

/** The parsed body of an HTTP request or a Socket Mode envelope's payload; undefined when the shape is unexpected. */
export function slackBodyProblem(body: unknown): string | undefined {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return `not an object (${body === null ? "null" : Array.isArray(body) ? "array" : typeof body})`;
  const record = body as Record<string, unknown>;
  const schema =
    "command" in record ? SlashCommand
    : "event" in record || record.type === "event_callback" ? EventCallback
    : record.type === "url_verification" ? UrlVerification
    : "type" in record ? Interactive
    : undefined;
  if (!schema) return "ssl_check" in record || "challenge" in record ? undefined : "no type, command or event";
  // Slack's notice that it stopped sending events for a while: no one acted, nothing to check.
  if (record.type === "app_rate_limited") return undefined;
  const parsed = schema.safeParse(body);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  return `${issue.path.join(".") || "body"}: ${issue.message}`;
}

/**
 * Runs in front of Bolt's HTTP receiver: buffers the body (Bolt then reuses the buffer), parses it as Bolt will,
 * and answers 400 when its shape is not one Slack sends. Bolt still verifies the signature of everything else.
 */
export function guardHttpReceiver(receiver: HTTPReceiver, logger: Logger): void {
  const boltListener = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "POST") return boltListener(req, res);
    HTTPModuleFunctions.bufferIncomingMessage(req, HTTPModuleFunctions.defaultBodyLimit).then(
      (buffered) => {
        let problem: string | undefined;
        try {
          problem = slackBodyProblem(HTTPModuleFunctions.parseHTTPRequestBody(buffered));
        } catch (error) {
          problem = `unparseable: ${(error as Error).message}`;
        }
        if (!problem) return boltListener(buffered, res);
        logger.debug({ adapter: "slack", problem, contentType: req.headers["content-type"] }, "unexpected HTTP payload rejected");
        res.writeHead(400).end();
      },
      (error: { status?: number; statusCode?: number }) => {
        // Too large, aborted or not decodable: raw-body says which.
        res.writeHead(error.statusCode ?? error.status ?? 400).end();
      },
    );
  };
}

/** Why an envelope cannot be handled, or undefined for one that can (hello and disconnect included). */
export function envelopeProblem(envelope: unknown): string | undefined {
  if (envelope === null || typeof envelope !== "object" || Array.isArray(envelope)) return "envelope is not an object";
  const { type, envelope_id: envelopeId, payload } = envelope as Record<string, unknown>;
  if (typeof type !== "string") return "envelope type is not a string";
  if (type === "hello" || type === "disconnect") return undefined;
  if (typeof envelopeId !== "string") return "envelope_id is not a string";
  if (type === "events_api") {
    const event = (payload as { event?: unknown } | null)?.event;
    if (event === null || typeof event !== "object" || typeof (event as { type?: unknown }).type !== "string") return "events_api payload has no event type";
  }
  return slackBodyProblem(payload);
}

/**
 * Runs in front of the Socket Mode client's message handler: a frame that is not JSON is left to the client (it
 * ignores those); an envelope with an unexpected shape is dropped.
 */
export function guardSocketMode(receiver: SocketModeReceiver, logger: Logger): void {
  const client = receiver.client;
  const handlers = client.listeners("ws_message") as Array<(data: unknown, isBinary: boolean) => unknown>;
  client.removeAllListeners("ws_message");
  client.on("ws_message", (data: unknown, isBinary: boolean) => {
    let envelope: unknown;
    try {
      envelope = isBinary ? undefined : JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data as ArrayBuffer));
    } catch {
      envelope = undefined;
    }
    const problem = isBinary || envelope === undefined ? undefined : envelopeProblem(envelope);
    if (!problem) {
      for (const handler of handlers) void handler(data, isBinary);
      return;
    }
    logger.debug({ adapter: "slack", problem }, "unexpected Socket Mode envelope dropped");
  });
}
