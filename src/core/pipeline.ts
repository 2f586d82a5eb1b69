import type { Code } from "../catalog/code.js";
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
import type { ActionEvent, AutocompleteEvent, ChatEvent, CommandEvent, Conversation, MentionEvent, MessageEvent } from "./events.js";
import type { Choice, Intent } from "./intents.js";
import { CardUpdates, type CardRecord } from "./insight/card-updates.js";
import { Insight, parseTop } from "./insight/insight.js";
import { Occurrences, type CodeRef } from "./insight/occurrences.js";
import { maskSecrets } from "./redact.js";
import { answerIsPublic, AutoExplainPolicy, type AutoExplainSettings } from "./policy.js";
import { suggest } from "./suggest.js";
import { fitLine } from "./text-fit.js";

export const EXPIRED_BUTTON_TEXT = "This button has expired (long requests are kept for a day). Run /errcode again.";
/** Default least time between two edits of one card (AUTO_EXPLAIN_EDIT_INTERVAL_SECONDS). */
const EDIT_INTERVAL_SECONDS = 5;
export const TOP_USAGE = "Usage: /errcode top [1h|24h|7d]: the most frequent codes in this channel in that window (default 1h).";
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

/** What carrying an intent out gave: false when it could not be delivered; the message id of a posted card. */
export type Delivery = boolean | void | { messageId: string };

/** Besides the intent: auto-explain cards to redraw (codes in cooldown), and the card to remember once posted. */
interface Decision {
  intent: Intent;
  refresh?: { scope: string; where: Conversation; codes: CodeRef[] };
  remember?: { scope: string; record: Omit<CardRecord, "messageId"> };
}

const refOf = (d: { catalog: string; code: Code }): CodeRef => ({ catalog: d.catalog, code: d.code });

/** A card shown to everyone has no "Share in channel" button. */
function withoutShare(reply: Reply): Reply {
  return { ...reply, actions: reply.actions.filter((a) => a.kind !== "share") };
}

export class ChatPipeline {
  readonly policy: AutoExplainPolicy;
  readonly insight: Insight;
  private readonly cards: CardUpdates;

  constructor(
    private readonly deps: PipelineDeps,
    private readonly platform: Platform,
  ) {
    this.policy = new AutoExplainPolicy(deps.autoExplain, deps.state);
    this.insight = new Insight(new Occurrences(deps.state), deps.errcode.index);
    this.cards = new CardUpdates(deps.state, (deps.autoExplain.editIntervalSeconds ?? EDIT_INTERVAL_SECONDS) * 1000, deps.logger);
  }

  /**
   * Decides, has the adapter carry the intent out, counts an auto-reply once it was delivered and remembers which
   * message holds its card; a code still in cooldown has its earlier card redrawn with the new count instead.
   */
  async handle(event: ChatEvent, carryOut: (intent: Intent) => Promise<Delivery>): Promise<Intent> {
    const { intent, refresh, remember } = await this.decideFully(event);
    if (intent.kind !== "silent") {
      const delivery = await carryOut(intent).catch(async (error: unknown) => {
        // Nobody saw this card: its codes must not stay quiet for the whole cooldown.
        if (remember) await this.policy.withdraw(remember.scope, remember.record.codes);
        throw error;
      });
      if (delivery !== false && intent.kind === "thread-reply" && intent.auto) {
        this.deps.metrics.autoReplies.inc({ adapter: this.platform.name });
        if (remember && typeof delivery === "object") {
          await this.cards.remember(remember.scope, { ...remember.record, messageId: delivery.messageId }, this.deps.autoExplain.cooldownSeconds * 1000);
        }
      }
    }
    if (refresh) await this.refreshCards(refresh, carryOut);
    return intent;
  }

  async decide(event: ChatEvent): Promise<Intent> {
    return (await this.decideFully(event)).intent;
  }

  private async decideFully(event: ChatEvent): Promise<Decision> {
    switch (event.kind) {
      case "command":
        return { intent: await this.command(event) };
      case "mention":
        return { intent: await this.mention(event) };
      case "message":
        return this.message(event);
      case "action":
        return { intent: await this.action(event) };
      case "autocomplete":
        return { intent: { kind: "choices", choices: this.choices(event) } };
    }
  }

  private async command(event: CommandEvent): Promise<Intent> {
    const { errcode, oncallChannels } = this.deps;
    const options = { lang: event.lang, catalog: event.catalog, all: event.all };
    const reply = await this.explicitReply(event.where, event.text, () => (event.scan ? errcode.explainMessage(event.text, options) : errcode.command(event.text, options)), event.scan);
    const visibility = answerIsPublic(oncallChannels, event.where, event.public) ? "public" : "private";
    return this.answer({ kind: "answer", reply: visibility === "public" ? withoutShare(reply) : reply, visibility });
  }

  private async mention(event: MentionEvent): Promise<Intent> {
    if (!(await this.firstAnswerTo(event.where.channel, event.messageId))) return { kind: "silent", reason: "already-answered" };
    const { errcode } = this.deps;
    const text = event.referenced ?? event.text;
    const scan = event.referenced !== undefined;
    const reply = await this.explicitReply(event.where, text, () => (scan ? errcode.explainMessage(text, { lang: event.lang }) : errcode.command(text, { lang: event.lang })), scan);
    return this.answer({ kind: "thread-reply", reply: withoutShare(reply), auto: false });
  }

  /** `/errcode top [window]`, or the reply `make` gives; codes found in pasted text are counted; history on the cards. */
  private async explicitReply(where: Conversation, text: string, make: () => Reply, scan = false): Promise<Reply> {
    const top = scan ? undefined : parseTop(text);
    if (top === "invalid") return this.counted({ ...this.deps.errcode.command("help"), headline: TOP_USAGE });
    if (top) return this.counted(await this.insight.top(where, top));
    const reply = this.counted(make());
    if (reply.found?.length) await this.record(where, reply.found);
    return this.insight.annotate(reply, where);
  }

  private async record(where: Conversation, refs: CodeRef[]): Promise<void> {
    await this.insight.record(where, refs);
    for (const catalog of new Set(refs.map((r) => r.catalog))) this.deps.metrics.occurrences.inc({ catalog }, new Set(refs.filter((r) => r.catalog === catalog).map((r) => r.code)).size);
  }

  /** Auto-explain: a confident code, in a channel where that is on, outside its cooldown and the channel's cap. */
  private async message(event: MessageEvent): Promise<Decision> {
    const { errcode, metrics, logger } = this.deps;
    const channel = this.policy.channelFor(event.where);
    if (!this.policy.enabledIn(channel)) return { intent: { kind: "silent", reason: "channel-off" } };
    if (!(await this.firstAnswerTo(event.where.channel, event.messageId))) return { intent: { kind: "silent", reason: "already-answered" } };
    const detections = errcode.scan(event.text, AUTO_REPLY_CONFIDENCE);
    if (detections.length === 0) return { intent: { kind: "silent", reason: "no-codes" } };
    metrics.detections.inc({ adapter: this.platform.name }, detections.length);
    await this.record(event.where, detections.map(refOf));
    const scope = this.policy.scopeOf(event.where);
    const verdict = await this.policy.admit(channel, scope, detections);
    const posted = verdict.post ? verdict.detections : [];
    const held = detections.filter((d) => !posted.includes(d)).map(refOf);
    const refresh = held.length ? { scope, where: event.where, codes: held } : undefined;
    if (!verdict.post) {
      metrics.suppressed.inc({ adapter: this.platform.name, reason: verdict.reason });
      logger.debug({ adapter: this.platform.name, channel: event.where.channel, reason: verdict.reason, codes: detections.map((d) => d.code) }, "auto-explain stays silent");
      return { intent: { kind: "silent", reason: verdict.reason }, refresh };
    }
    const lang = event.lang ?? "en";
    const reply = await this.insight.annotate(errcode.explainDetections(event.text, posted, lang, detections.unread), event.where);
    const remember = { scope, record: { text: maskSecrets(event.text), codes: posted.map(refOf), lang } };
    return { intent: await this.answer({ kind: "thread-reply", reply: withoutShare(reply), auto: true }), refresh, remember };
  }

  /** Codes in cooldown: their earlier cards redrawn with the new count (at most one edit per card per interval). */
  private async refreshCards(refresh: NonNullable<Decision["refresh"]>, carryOut: (intent: Intent) => Promise<Delivery>): Promise<void> {
    const { errcode } = this.deps;
    for (const card of await this.cards.cardsFor(refresh.scope, refresh.codes)) {
      await this.cards.throttle(card, async () => {
        const scanned = errcode.scan(card.text, AUTO_REPLY_CONFIDENCE);
        const detections = scanned.filter((d) => card.codes.some((c) => c.catalog === d.catalog && c.code === d.code));
        if (detections.length === 0) return;
        const reply = await this.insight.annotate(withoutShare(errcode.explainDetections(card.text, detections, card.lang, scanned.unread)), refresh.where);
        await carryOut(await this.answer({ kind: "edit", messageId: card.messageId, reply }));
      });
    }
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
    if (event.action === "support") {
      const reply = this.counted(this.deps.errcode.replay({ ...request, lang: "en", all: true }));
      return { kind: "notice", text: await this.insight.supportText(reply, event.where, this.platform.name) };
    }
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
