#!/usr/bin/env node
import { setFlagsFromString } from "node:v8";
import type { Adapter, AdapterContext } from "./adapters/adapter.js";
import { ShellAdapter } from "./adapters/shell/adapter.js";
import { CatalogError } from "./catalog/loader.js";
import { ConfigError, loadConfig, secretsOf, type Config } from "./config.js";
import { Errcode } from "./core/errcode.js";
import { maskSecrets } from "./core/redact.js";
import { catalogReloader } from "./core/reload.js";
import { HealthServer } from "./health.js";
import { createLogger } from "./log.js";
import { UNSERVED_METRICS, type Metrics } from "./metrics.js";
import { openStateStore } from "./state/index.js";
import { configWarnings, listenErrorIn, shellReason, unreachableApi } from "./startup.js";

async function createAdapter(name: Config["adapters"][number], context: AdapterContext): Promise<Adapter> {
  switch (name) {
    case "shell":
      return new ShellAdapter(context);
    case "slack": {
      const { SlackAdapter } = await import("./adapters/slack/adapter.js");
      return new SlackAdapter(context);
    }
    case "discord": {
      const { DiscordAdapter } = await import("./adapters/discord/adapter.js");
      return new DiscordAdapter(context);
    }
  }
}

function fail(message: string, secrets: string[] = []): never {
  const scrubbed = maskSecrets(secrets.reduce((text, secret) => text.split(secret).join("[redacted]"), message));
  process.stderr.write(`errcode: ${scrubbed}\n`);
  process.exit(2);
}

export async function start(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(`configuration error: ${error.message}`);
    throw error;
  }
  for (const warning of configWarnings(process.env)) process.stderr.write(`errcode: warning: ${warning}\n`);
  // The shell adapter owns stdout (it is the chat); logs go to stderr there.
  const shellRuns = config.adapters.includes("shell");
  const shellOnly = shellRuns && config.adapters.length === 1 && config.webPort === undefined;
  // A local chat keeps under 20 MB alive, but building its catalog indexes makes V8 grow the young generation to its
  // 16 MB semi-spaces, which the process then holds (90 MB instead of 70). In a terminal a few more small
  // collections cost nothing anyone sees; a deployed bot keeps V8's defaults.
  if (shellOnly) setFlagsFromString("--semi-space-growth-factor=1");
  if (shellRuns && !process.stdin.isTTY) process.stderr.write(`errcode: ${shellReason(process.env)}\n`);
  const unreachable = await unreachableApi(config);
  if (unreachable) fail(`configuration error: ${unreachable.message}`);
  // The terminal is the chat: unless LOG_LEVEL is set (here or in .env), only warnings and errors interrupt it.
  const level = shellRuns && !process.env.LOG_LEVEL?.trim() ? "warn" : config.logLevel;
  const logger = createLogger({ level, secrets: secretsOf(config), destination: shellRuns ? 2 : 1 });

  let errcode: Errcode;
  try {
    // A chat bot answers its first word search as fast as its hundredth; the local shell starts at once instead.
    errcode = Errcode.load(config.catalogPaths, { publicUrl: config.publicUrl, warm: !shellOnly });
  } catch (error) {
    if (error instanceof CatalogError) fail(`catalog error: ${error.message}`);
    throw error;
  }
  logger.info({ catalogs: errcode.index.catalogs.map((c) => `${c.id} (${c.entries.length})`), adapters: config.adapters }, "catalogs loaded");
  // CATALOG_PATHS edits and SIGHUP load the catalogs again; a bad edit is refused and logged.
  const reloader = catalogReloader(errcode, config.catalogPaths, logger);

  // /metrics is served by the health server, which a local shell chat has not: it counts nothing.
  const served = shellOnly ? undefined : new (await import("./prometheus-metrics.js")).PrometheusMetrics({ defaultMetrics: true });
  const metrics: Metrics = served ?? UNSERVED_METRICS;
  const state = await openStateStore(config.state, logger, metrics);
  const context: AdapterContext = { errcode, state, config, logger, metrics };
  const adapters = await Promise.all(config.adapters.map((name) => createAdapter(name, context)));
  const web = config.webPort === undefined ? undefined : new (await import("./adapters/web/adapter.js")).WebAdapter(context, { port: config.webPort, host: config.host });
  if (web) adapters.push(web);

  // A local shell chat needs no health endpoint; a deployed bot does. It answers 503 until adapters connect.
  const health = served && new HealthServer(adapters, served, errcode.index.entries.length, state);
  if (health) {
    const address = await health.listen(config.healthPort, config.host).catch((error: unknown) => {
      const named = listenErrorIn(error, { portVariable: "HEALTH_PORT", port: config.healthPort, host: config.host });
      return fail(`configuration error: ${named?.message ?? `the health server could not listen: ${(error as Error).message}`}`);
    });
    logger.info({ port: address.port }, "health and metrics listening (/healthz, /metrics)");
  }
  for (const adapter of adapters) {
    try {
      await adapter.start();
    } catch (error) {
      logger.fatal({ err: error, adapter: adapter.name }, "adapter failed to start");
      const web = adapter.name === "web";
      const named = listenErrorIn(error, { portVariable: web ? "WEB_PORT" : "PORT", port: web ? (config.webPort ?? 0) : config.port, host: config.host });
      if (named) fail(`configuration error: ${named.message}`);
      fail(`${adapter.name} adapter failed to start: ${(error as Error).message}`, secretsOf(config));
    }
  }

  // Beside the shell chat the logs are quiet, so say where the pages are.
  if (web && shellRuns) process.stderr.write(`errcode: web catalog on http://${config.host}:${web.address().port}/\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceSeconds: config.shutdownGraceSeconds }, "shutting down");
    // Adapters bound their own waits by the grace period (and count what they lose); this is a last resort.
    const deadline = setTimeout(() => {
      logger.error("shutdown overran its grace period; exiting anyway");
      process.exit(1);
    }, (config.shutdownGraceSeconds + 10) * 1000);
    deadline.unref();
    reloader.close();
    // /healthz keeps answering (503 once the adapters stop) until the adapters are done, so probes see the drain.
    await Promise.allSettled(adapters.map((a) => a.stop()));
    await Promise.allSettled([health?.close(), state.close()]);
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  // The chat ending ends the process, except where the shell only came along with a server (the web catalog
  // in a container whose stdin is closed): that keeps serving until a signal.
  const shell = adapters.find((a): a is ShellAdapter => a instanceof ShellAdapter);
  if (shell) {
    await shell.done;
    if (adapters.length === 1 || process.stdin.isTTY) await shutdown("end of input");
  }
}

await start();
