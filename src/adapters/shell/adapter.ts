import { createInterface, type Interface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Reply } from "../../core/card.js";
import type { ChatPipeline } from "../../core/pipeline.js";
import { SEEN_LABEL } from "../../core/insight/insight.js";
import { renderFor, RENDER_TARGETS, type RenderTarget } from "../../render/index.js";
import { pipelineFor, type Adapter, type AdapterContext } from "../adapter.js";

const SHELL_CHANNEL = "shell";
// Only these start a command; any other line starting with "/" is pasted text (a path in a stack trace).
const COMMANDS = new Set(["/errcode", "/render", "/quit", "/exit"]);
// Lines that arrive this close together are one paste (a log, a JSON body), not separate messages.
const PASTE_QUIET_MS = 30;

const BANNER = `errcode shell: type /errcode <code|symbol|words>, paste a log to see what auto-explain would post,
/render slack|discord <query> for the exact chat payload, /quit to leave.`;

/**
 * A local chat with the bot, like Hubot's shell adapter. On a terminal it prompts; otherwise it reads
 * stdin to the end (`echo '/errcode -29036' | npm start`) and resolves `done` when everything is answered.
 */
export class ShellAdapter implements Adapter {
  readonly name = "shell";
  private rl?: Interface;
  private pending: string[] = [];
  private timer?: NodeJS.Timeout;
  private queue: Promise<void> = Promise.resolve();
  private started = false;
  // The shell is always an auto-explain channel (that is what it demonstrates), with the configured cooldowns.
  private readonly pipeline: ChatPipeline;
  private pastes = 0;
  private finish!: () => void;
  /** Resolves when input has ended and every reply has been written. */
  readonly done = new Promise<void>((resolve) => (this.finish = resolve));

  constructor(
    private readonly context: AdapterContext,
    private readonly input: Readable = process.stdin,
    private readonly output: Writable = process.stdout,
    private readonly interactive = Boolean((input as { isTTY?: boolean }).isTTY),
  ) {
    // Nothing is carried by a button here, so no request is ever stored for one.
    this.pipeline = pipelineFor(context, { name: this.name, buttonRoom: Number.POSITIVE_INFINITY }, {
      ...context.config.autoExplain,
      channels: [SHELL_CHANNEL],
      // Nothing to rate-limit here: an update is a line written at once.
      editIntervalSeconds: 0,
    });
  }

  async start(): Promise<void> {
    this.rl = createInterface({ input: this.input, output: this.interactive ? this.output : undefined, terminal: this.interactive });
    this.started = true;
    if (this.interactive) {
      this.output.write(`${BANNER}\n`);
      this.rl.setPrompt("errcode> ");
      this.rl.prompt();
    }
    this.rl.on("line", (line) => this.onLine(line));
    // A reader that goes away (`npm start | head`) ends the chat quietly instead of crashing it.
    this.output.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") this.context.logger.error({ err: error }, "shell output failed");
      this.rl?.close();
    });
    this.rl.on("close", () => {
      this.flushPaste();
      void this.queue.then(() => this.finish());
    });
  }

  async stop(): Promise<void> {
    this.rl?.close();
    await this.done;
  }

  ready(): boolean {
    return this.started;
  }

  private onLine(line: string): void {
    if (COMMANDS.has(line.trim().split(/\s+/, 1)[0]!.toLowerCase())) {
      this.flushPaste();
      this.enqueue(() => this.command(line.trim()));
      return;
    }
    if (!line.trim() && this.pending.length === 0) return this.prompt();
    this.pending.push(line);
    if (this.interactive) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.flushPaste(), PASTE_QUIET_MS);
    }
  }

  private flushPaste(): void {
    clearTimeout(this.timer);
    if (this.pending.length === 0) return;
    const text = this.pending.join("\n");
    this.pending = [];
    this.enqueue(() => this.autoExplain(text));
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((error: unknown) => {
      this.context.logger.error({ err: error }, "shell message failed");
      this.output.write(`error: ${(error as Error).message}\n`);
    });
    void this.queue.then(() => this.prompt());
  }

  private prompt(): void {
    if (this.interactive) this.rl?.prompt();
  }

  private async write(reply: Reply, target: RenderTarget = "terminal"): Promise<void> {
    this.output.write(await renderFor(target, reply, { color: this.interactive, width: (this.output as { columns?: number }).columns }));
  }

  /** A chat edits the earlier card in place; a terminal can only say what changed on it. */
  private writeUpdate(messageId: string, reply: Reply): void {
    const lines = reply.cards.flatMap((card) => card.fields.filter((f) => f.label === SEEN_LABEL).map((f) => `  ${card.title}: ${SEEN_LABEL.toLowerCase()} ${f.value}`));
    this.output.write(`(updated the card of ${messageId.replace("card-", "paste ")} instead of posting again)\n${lines.join("\n")}\n`);
  }

  private async command(line: string): Promise<void> {
    const [word = "", ...rest] = line.split(/\s+/);
    const text = line.slice(word.length).trim();
    switch (word.toLowerCase()) {
      case "/errcode": {
        await this.pipeline.handle({ kind: "command", where: { channel: SHELL_CHANNEL }, text }, async (intent) => (intent.kind === "answer" ? this.write(intent.reply) : undefined));
        return;
      }
      case "/render": {
        const target = rest[0] as RenderTarget;
        if (!RENDER_TARGETS.includes(target)) {
          this.output.write(`usage: /render ${RENDER_TARGETS.join("|")} <query>\n`);
          return;
        }
        return this.write(this.context.errcode.command(text.slice(target.length).trim()), target);
      }
      case "/quit":
      case "/exit":
        this.rl?.close();
        return;
    }
  }

  private async autoExplain(text: string): Promise<void> {
    this.pastes += 1;
    const event = { kind: "message" as const, where: { channel: SHELL_CHANNEL }, text, messageId: `paste-${this.pastes}` };
    let updated = false;
    const intent = await this.pipeline.handle(event, async (decided) => {
      if (decided.kind === "edit") {
        updated = true;
        return this.writeUpdate(decided.messageId, decided.reply);
      }
      if (decided.kind !== "thread-reply") return;
      await this.write(decided.reply);
      return { messageId: `card-${this.pastes}` };
    });
    if (intent.kind === "silent" && !updated) {
      this.output.write(intent.reason === "no-codes" ? "(auto-explain stays silent: no confident error code in that)\n" : `(auto-explain stays silent: ${intent.reason})\n`);
    }
  }
}
