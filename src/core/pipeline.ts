// One chat pipeline for every platform: a neutral event in, an intent out, and what was delivered counted.
// Adapters translate payloads into events and carry intents out; every decision in between is made here
// (with policy.ts for "may errcode speak here, and to whom?").
import type { Logger } from "../log.js";
import type { Metrics } from "../metrics.js";
import { STATE_KEYS, type StateStore } from "../state/store.js";
import { BUTTON_REF_TTL_MS, decodeButtonPayload, decodeRequest, encodeRequest, requestsByRef } from "./button-request.js";
import type { Reply, ReplyRequest } from "./card.js";
import { AUTO_REPLY_CONFIDENCE } from "./detect/index.js";
import type { Errcode } from "./errcode.js";
import type { ActionEvent, AutocompleteEvent, ChatEvent, CommandEvent, MentionEvent, MessageEvent } from "./events.js";
import type { Choice, Intent } from "./intents.js";
import { answerIsPublic, AutoExplainPolicy, type AutoExplainSettings } from "./policy.js";
import { suggest } from "./suggest.js";
import { fitLine } from "./text-fit.js";

export const EXPIRED_BUTTON_TEXT = "This button has expired (long requests are kept for a day). Run /errcode again.";
/** A message is answered once, whichever replica and whichever delivery (Slack retries for about five minutes). */
const ANSWERED_TTL_MS = 15 * 60_000;

export interface PipelineDeps {
  errcode: Errcode;
  state: StateStore;
  autoExplain: AutoExplainSettings;
  oncallChannels: string[];
  metrics: Metrics;
  logger: Logger;
}

export interface Platform {
  /** The `adapter` label of every metric. */
  name: string;
  /** Characters a button can carry for its request (beyond it, a ref is carried and the request stored). */
  buttonRoom: number;
}

/** A card shown to everyone has no "Share in channel" button. */
function withoutShare(reply: Reply): Reply {
  return { ...reply, actions: reply.actions.filter((a) => a.kind !== "share") };
}

export class ChatPipeline {
  readonly policy: AutoExplainPolicy;

  constructor(
    private readonly deps: PipelineDeps,
    private readonly platform: Platform,
  ) {
    this.policy = new AutoExplainPolicy(deps.autoExplain, deps.state);
  }

  /** Decides, has the adapter carry the intent out, and counts an auto-reply once it was delivered. */
  async handle(event: ChatEvent, carryOut: (intent: Intent) => Promise<boolean | void>): Promise<Intent> {
    const intent = await this.decide(event);
    if (intent.kind === "silent") return intent;
    const delivered = (await carryOut(intent)) !== false;
    if (delivered && intent.kind === "thread-reply" && intent.auto) this.deps.metrics.autoReplies.inc({ adapter: this.platform.name });
    return intent;
  }

  async decide(event: ChatEvent): Promise<Intent> {
    switch (event.kind) {
      case "command":
        return this.command(event);
      case "mention":
        return this.mention(event);
      case "message":
        return this.message(event);
      case "action":
        return this.action(event);
      case "autocomplete":
        return { kind: "choices", choices: this.choices(event) };
    }
  }

  private async command(event: CommandEvent): Promise<Intent> {
    const { errcode, oncallChannels } = this.deps;
    const options = { lang: event.lang, catalog: event.catalog };
    const reply = this.counted(event.scan ? errcode.explainMessage(event.text, options) : errcode.command(event.text, options));
    const visibility = answerIsPublic(oncallChannels, event.where, event.public) ? "public" : "private";
    return this.answer({ kind: "answer", reply: visibility === "public" ? withoutShare(reply) : reply, visibility });
  }

  private async mention(event: MentionEvent): Promise<Intent> {
    if (!(await this.firstAnswerTo(event.where.channel, event.messageId))) return { kind: "silent", reason: "already-answered" };
    const { errcode } = this.deps;
    const reply = this.counted(event.referenced ? errcode.explainMessage(event.referenced, { lang: event.lang }) : errcode.command(event.text, { lang: event.lang }));
    return this.answer({ kind: "thread-reply", reply: withoutShare(reply), auto: false });
  }

  /** Auto-explain: a confident code, in a channel where that is on, outside its cooldown and the channel's cap. */
  private async message(event: MessageEvent): Promise<Intent> {
    const { errcode, metrics, logger } = this.deps;
    const channel = this.policy.channelFor(event.where);
    if (!this.policy.enabledIn(channel)) return { kind: "silent", reason: "channel-off" };
    if (!(await this.firstAnswerTo(event.where.channel, event.messageId))) return { kind: "silent", reason: "already-answered" };
    const detections = errcode.scan(event.text, AUTO_REPLY_CONFIDENCE);
    if (detections.length === 0) return { kind: "silent", reason: "no-codes" };
    metrics.detections.inc({ adapter: this.platform.name }, detections.length);
    const verdict = await this.policy.admit(channel, this.policy.scopeOf(event.where), detections);
    if (!verdict.post) {
      metrics.suppressed.inc({ adapter: this.platform.name, reason: verdict.reason });
      logger.debug({ adapter: this.platform.name, channel: event.where.channel, reason: verdict.reason, codes: detections.map((d) => d.code) }, "auto-explain stays silent");
      return { kind: "silent", reason: verdict.reason };
    }
    const reply = errcode.explainDetections(event.text, verdict.detections, event.lang);
    return this.answer({ kind: "thread-reply", reply: withoutShare(reply), auto: true });
  }

  /**
   * A button: Share posts the card for everyone; on the presser's own private card, "中文" and "Show all" replace
   * it; on a card everyone sees, one person's press must not change it for the others, so they get a private copy.
   */
  private async action(event: ActionEvent): Promise<Intent> {
    const decoded = decodeButtonPayload(event.payload);
    if ("invalid" in decoded) {
      this.deps.logger.warn({ adapter: this.platform.name, action: event.action }, "ignoring a button errcode did not make");
      return { kind: "silent", reason: "invalid-button" };
    }
    const request = "request" in decoded ? decoded.request : await this.storedRequest(decoded.ref);
    if (!request) return { kind: "notice", text: EXPIRED_BUTTON_TEXT };
    const reply = this.counted(this.deps.errcode.replay(request));
    if (event.action === "share") return this.answer({ kind: "share", reply: withoutShare(reply) });
    if (event.onPrivateCard) return this.answer({ kind: "update", reply });
    return this.answer({ kind: "answer", reply, visibility: "private" });
  }

  private choices(event: AutocompleteEvent): Choice[] {
    return suggest(this.deps.errcode.index, event.typed, { catalog: event.catalog, limit: event.limit }).map((entry) => {
      const meaning = (event.lang === "zh" && entry.zh?.trim()) || entry.en;
      const head = [String(entry.code), entry.symbols[0]].filter(Boolean).join(" ");
      // The value scopes the query to the entry's catalog, so picking a suggestion answers with exactly that entry.
      return { name: fitLine(`${head} — ${meaning}`, event.labelMax), value: `${entry.catalog} ${entry.code}` };
    });
  }

  /** Keeps the requests its buttons carry by ref before the reply goes out, so any replica can replay them. */
  private async answer<T extends Intent & { reply: Reply }>(intent: T): Promise<T> {
    const refs = requestsByRef(intent.reply, this.platform.buttonRoom);
    await Promise.all(refs.map(({ ref, request }) => this.deps.state.put(STATE_KEYS.button(ref), encodeRequest(request), BUTTON_REF_TTL_MS)));
    return intent;
  }

  private async storedRequest(ref: string): Promise<ReplyRequest | undefined> {
    const stored = await this.deps.state.get(STATE_KEYS.button(ref));
    return stored === undefined ? undefined : decodeRequest(stored);
  }

  private async firstAnswerTo(channel: string, messageId: string): Promise<boolean> {
    return this.deps.state.claim(STATE_KEYS.answered(this.platform.name, channel, messageId), ANSWERED_TTL_MS);
  }

  private counted(reply: Reply): Reply {
    this.deps.metrics.lookups.inc({ adapter: this.platform.name, result: reply.kind });
    return reply;
  }
}
