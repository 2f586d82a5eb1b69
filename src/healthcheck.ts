#!/usr/bin/env node
// `npm run healthcheck` (the image's HEALTHCHECK): exit 0 when GET /healthz on HEALTH_PORT answers 200, else 1.
// Reads only HEALTH_PORT (default 9090) and HOST, from the environment or .env like the bot, so it needs no tokens
// and loads no chat SDK.
import { config as loadDotenv } from "dotenv";

const HELP = `usage: node dist/healthcheck.js [--help]
Asks the running bot's health server (http://$HOST:$HEALTH_PORT/healthz; HEALTH_PORT default 9090, and 127.0.0.1
when HOST is unset or binds every address). Both are read from the environment or .env.
Exit status: 0 healthy, 1 unhealthy or not answering, 2 usage error.`;

/** Where the health server listens, seen from this machine: HOST, unless it binds every address. */
export function healthHost(host: string | undefined): string {
  const bound = host?.trim();
  if (!bound || bound === "0.0.0.0" || bound === "::") return "127.0.0.1";
  return bound.includes(":") && !bound.startsWith("[") ? `[${bound}]` : bound;
}

export async function check(port: string, host = "127.0.0.1", timeoutMs = 4000): Promise<{ ok: boolean; detail: string }> {
  try {
    const response = await fetch(`http://${host}:${port}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    return { ok: response.ok, detail: `${response.status} ${await response.text()}` };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
}

async function main(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (args.length > 0) {
    process.stderr.write(`healthcheck: unexpected argument "${args[0]}"\n${HELP}\n`);
    return 2;
  }
  loadDotenv({ quiet: true });
  const port = process.env.HEALTH_PORT || "9090";
  if (!/^\d{1,5}$/.test(port)) {
    process.stderr.write(`healthcheck: HEALTH_PORT must be a port number, not "${port}"\n`);
    return 2;
  }
  const result = await check(port, healthHost(process.env.HOST));
  (result.ok ? process.stdout : process.stderr).write(`healthcheck: ${result.ok ? "healthy" : "unhealthy"}: ${result.detail}\n`);
  return result.ok ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
