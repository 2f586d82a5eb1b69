import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../log.js";

const FROM_PINO: Record<string, LogLevel> = { trace: LogLevel.DEBUG, debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN };

/**
 * Bolt, the Web API client and the Socket Mode client log through this, into the app's pino logger, so their
 * lines get the same JSON shape and the same secret scrubbing as ours.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let child = logger.child({ component: "bolt" });
  const write = (level: "debug" | "info" | "warn" | "error", parts: unknown[]) => {
    const error = parts.find((p): p is Error => p instanceof Error);
    const message = parts
      .filter((p) => p !== error)
      .map((p) => (typeof p === "string" ? p : JSON.stringify(p)))
      .join(" ");
    if (error) child[level]({ err: error }, message || error.message);
    else child[level](message);
  };
  return {
    debug: (...parts: unknown[]) => write("debug", parts),
    info: (...parts: unknown[]) => write("info", parts),
    warn: (...parts: unknown[]) => write("warn", parts),
    error: (...parts: unknown[]) => write("error", parts),
    // The level is the app's (LOG_LEVEL); Bolt asking for another one is ignored.
    setLevel: () => {},
    getLevel: () => FROM_PINO[child.level] ?? LogLevel.ERROR,
    setName: (name: string) => {
      child = logger.child({ component: name });
    },
  };
}
