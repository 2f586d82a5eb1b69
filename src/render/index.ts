import type { Reply } from "../core/card.js";
import { renderTerminal } from "./terminal.js";

export type RenderTarget = "terminal" | "slack" | "discord";
export const RENDER_TARGETS: RenderTarget[] = ["terminal", "slack", "discord"];

/** The exact payload a platform would receive, as text: terminal output, or JSON for Slack and Discord. */
export async function renderFor(target: RenderTarget, reply: Reply, options: { color?: boolean; width?: number } = {}): Promise<string> {
  switch (target) {
    case "terminal":
      return renderTerminal(reply, options);
    case "slack": {
      const { renderSlackMessage } = await import("./slack.js");
      return `${JSON.stringify(renderSlackMessage(reply), null, 2)}\n`;
    }
    case "discord": {
      const { renderDiscordMessage } = await import("./discord.js");
      return `${JSON.stringify(renderDiscordMessage(reply), null, 2)}\n`;
    }
  }
}
