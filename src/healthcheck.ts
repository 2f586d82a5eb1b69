#!/usr/bin/env node
// `npm run healthcheck` (the image's HEALTHCHECK): exit 0 when GET /healthz on HEALTH_PORT answers 200, else 1.
// Reads only HEALTH_PORT (default 9090), so it needs no tokens and loads no chat SDK.
const HELP = `usage: node dist/healthcheck.js [--help]
Asks the running bot's health server (http://127.0.0.1:$HEALTH_PORT/healthz, HEALTH_PORT default 9090).
Exit status: 0 healthy, 1 unhealthy or not answering, 2 usage error.`;

export async function check(port: string, timeoutMs = 4000): Promise<{ ok: boolean; detail: string }> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
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
  const port = process.env.HEALTH_PORT ?? "9090";
  if (!/^\d{1,5}$/.test(port)) {
    process.stderr.write(`healthcheck: HEALTH_PORT must be a port number, not "${port}"\n`);
    return 2;
  }
  const result = await check(port);
  (result.ok ? process.stdout : process.stderr).write(`healthcheck: ${result.ok ? "healthy" : "unhealthy"}: ${result.detail}\n`);
  return result.ok ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
