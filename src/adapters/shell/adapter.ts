import { createInterface, type Interface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Reply } from "../../core/card.js";
import type { ChatPipeline } from "../../core/pipeline.js";
import { SEEN_LABEL } from "../../core/insight/insight.js";
import { renderFor, RENDER_TARGETS, type RenderTarget } from "../../render/index.js";
import { pipelineFor, type Adapter, type AdapterContext } from "../adapter.js";

const SHELL_CHANNEL = "shell";
// Only these start a command; any other line starting with "/" is pasted text (a path in a stack trace).
const COMMANDS = new Set(["/errcode", "/render", "/help", "help", "/quit", "/exit"]);
// Lines that arrive this close together are one paste (a log, a JSON body), not separate messages.
const PASTE_QUIET_MS = 30;

const BANNER = `errcode shell: /errcode <code|symbol|words|pasted log>, or paste a log to see what auto-explain
would post. help lists every command; /quit leaves.`;

/** Every shell command, for `help` and `/help`. */
export const SHELL_USAGE = `errcode shell commands:
  /errcode <code|symbol|words>       look it up: /errcode -29036, /errcode NOTFINISHED_FILE, /errcode 签名过期
  /errcode upyun 40100006            the same, in one catalog (a catalog id or alias: cos, image, upyun)
  /errcode <pasted log or JSON>      every code in it; the pasted lines after /errcode belong to it
                                     (piped input: up to the next blank line or command)
  /errcode --all <query or log>      every match, not only the first few ("+N more (ask with --all)")
  /render slack|discord <query>      the exact JSON payload the bot would post there
  <any other text>                   what auto-explain would post for it in an on-call channel
  help, /help                        this list
  /quit, /exit (or Ctrl+D)           leave`;

/**
 * A local chat with the bot, like Hubot's shell adapter. On a terminal it prompts; otherwise it reads
 * stdin to the end (`echo '/errcode -29036' | npm start`) and resolves `done` when everything is answered.
 */
export class ShellAdapter implements Adapter {
  readonly name = "shell";
  private rl?: Interface;
  private pending: string[] = [];
  /** A `/errcode` line whose pasted continuation lines are still arriving. */
  private pendingCommand?: string;
  private quitting = false;
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
    if (this.quitting) return;
    const word = line.trim().split(/\s+/, 1)[0]!.toLowerCase();
    // Lines already read after /quit (piped input) are not answered.
    if (word === "/quit" || word === "/exit") this.quitting = true;
    if (COMMANDS.has(word)) {
      this.flushPaste();
      // `/errcode` takes the lines pasted with it (a log, a JSON body), as one Slack or Discord message would.
      if (word === "/errcode") {
        this.pendingCommand = line.trim();
        this.waitForMore();
      } else {
        this.enqueue(() => this.command(line.trim()));
      }
      return;
    }
    // Piped, a blank line ends a /errcode paste (typed, the pause after Enter does).
    if (!line.trim() && this.pendingCommand !== undefined && !this.interactive) return this.flushPaste();
    if (!line.trim() && this.pending.length === 0) {
      if (this.pendingCommand === undefined) this.prompt();
      return;
    }
    this.pending.push(line);
    this.waitForMore();
  }

  /** Typed or pasted in a terminal, lines that arrive within a moment of each other are one message. */
  private waitForMore(): void {
    if (!this.interactive) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flushPaste(), PASTE_QUIET_MS);
  }

  private flushPaste(): void {
    clearTimeout(this.timer);
    const command = this.pendingCommand;
    const text = this.pending.join("\n");
    this.pending = [];
    this.pendingCommand = undefined;
    if (command !== undefined) this.enqueue(() => this.command(text ? `${command}\n${text}` : command));
    else if (text) this.enqueue(() => this.autoExplain(text));
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
      case "help":
      case "/help":
        this.output.write(`${SHELL_USAGE}\n`);
        return;
      case "/errcode": {
        if (/^(?:help|-h|--help|\?|)$/i.test(text)) {
          this.output.write(`${SHELL_USAGE}\n`);
          return;
        }
        // `--all` first or last: the shell's "Show all matches" button, as the "+N more" hint says.
        const all = /^--all(?:\s|$)|\s--all$/.test(text);
        const query = all ? text.replace(/^--all(?:\s+|$)|\s+--all$/, "") : text;
        await this.pipeline.handle({ kind: "command", where: { channel: SHELL_CHANNEL }, text: query, all }, async (intent) => (intent.kind === "answer" ? this.write(intent.reply) : undefined));
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
