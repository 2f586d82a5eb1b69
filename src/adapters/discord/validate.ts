// Shape checks for gateway dispatches before discord.js handles them. discord.js trusts Discord: a MESSAGE_CREATE
// whose `d` is null or whose author is missing throws inside its packet handlers, in the WebSocket's message
// callback, where nothing catches it. A dispatch of unexpected shape is dropped with a debug log instead.
import type { Client } from "discord.js";
import { z } from "zod";
import type { Logger } from "../../log.js";

const snowflake = z.string().regex(/^\d{1,20}$/);
const User = z.looseObject({ id: snowflake, username: z.string().optional(), bot: z.boolean().optional() });

const Message = z.looseObject({
  id: snowflake,
  channel_id: snowflake,
  guild_id: snowflake.optional(),
  author: User,
  content: z.string().optional(),
  mentions: z.array(User).optional(),
});

const Interaction = z.looseObject({
  id: snowflake,
  application_id: snowflake,
  type: z.number().int(),
  token: z.string(),
  channel_id: snowflake.optional(),
  guild_id: snowflake.optional(),
  data: z.looseObject({ name: z.string().optional(), custom_id: z.string().optional(), options: z.array(z.looseObject({ name: z.string() })).optional() }).optional(),
  message: Message.optional(),
  locale: z.string().optional(),
});

const WithId = z.looseObject({ id: snowflake });

/** The dispatches errcode's handlers and discord.js's bookkeeping read; others need only an object payload. */
const DISPATCH_SHAPES: Record<string, z.ZodType> = {
  MESSAGE_CREATE: Message,
  MESSAGE_UPDATE: z.looseObject({ id: snowflake, channel_id: snowflake }),
  INTERACTION_CREATE: Interaction,
  GUILD_CREATE: WithId,
  GUILD_DELETE: WithId,
  CHANNEL_CREATE: WithId,
  CHANNEL_UPDATE: WithId,
  CHANNEL_DELETE: WithId,
  READY: z.looseObject({ user: User, session_id: z.string(), guilds: z.array(WithId) }),
};

/**
 * An object in the payload with its own `toString` or `valueOf` (JSON can carry those keys): discord.js writes fields
 * into strings (`unknown type for channel ${data.type}`) and would throw "Cannot convert object to primitive value".
 */
function coercionTrap(value: unknown, depth = 0): string | undefined {
  if (value === null || typeof value !== "object" || depth > 16) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = coercionTrap(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (key === "toString" || key === "valueOf") return key;
    const found = coercionTrap((value as Record<string, unknown>)[key], depth + 1);
    if (found) return `${key}.${found}`;
  }
  return undefined;
}

/** Why a dispatch (`{ t, d }`) cannot be handled safely, or undefined. */
export function dispatchProblem(packet: unknown): string | undefined {
  if (packet === null || typeof packet !== "object") return "not an object";
  const { t, d } = packet as { t?: unknown; d?: unknown };
  if (typeof t !== "string") return "t is not a string";
  const trap = coercionTrap(d);
  if (trap) return `${t}: d.${trap}: a field named like a conversion method`;
  const shape = DISPATCH_SHAPES[t];
  // Every other dispatch's payload is an object that discord.js reads fields of; RESUMED's may be empty.
  if (!shape) return (d !== null && typeof d === "object" && !Array.isArray(d)) || t === "RESUMED" ? undefined : `${t}: d is not an object`;
  const parsed = shape.safeParse(d);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  return `${t}: ${issue.path.join(".") || "d"}: ${issue.message}`;
}

type Emitter = { listeners(event: string): Array<(...args: unknown[]) => unknown>; removeAllListeners(event: string): unknown; on(event: string, listener: (...args: unknown[]) => unknown): unknown };
interface GatewayManager {
  attachEvents(): void;
  _ws: Emitter | null;
}

/** `@discordjs/ws`'s dispatch event, which discord.js turns into client events. */
const DISPATCH_EVENT = "dispatch";

/**
 * Puts dispatchProblem in front of discord.js's dispatch handling. discord.js attaches its listener to the
 * `@discordjs/ws` manager when it logs in (a private method, hence the cast); the guard wraps it there.
 */
export function guardGateway(client: Client, logger: Logger): void {
  const manager = client.ws as unknown as GatewayManager;
  const attach = manager.attachEvents.bind(manager);
  manager.attachEvents = () => {
    attach();
    const ws = manager._ws;
    if (!ws) return;
    const listeners = ws.listeners(DISPATCH_EVENT);
    ws.removeAllListeners(DISPATCH_EVENT);
    ws.on(DISPATCH_EVENT, (event: unknown) => {
      const problem = dispatchProblem((event as { data?: unknown } | null)?.data);
      if (problem) {
        logger.debug({ adapter: "discord", problem }, "unexpected gateway dispatch dropped");
        return;
      }
      for (const listener of listeners) listener.call(ws, event);
    });
  };
}
