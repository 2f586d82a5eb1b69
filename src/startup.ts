// Start-up checks that turn an operator's mistake into one line naming the variable to fix: listen errors,
// API bases that refuse connections, and warnings for variables that look like errcode's but are not read.
import { connect } from "node:net";
import { CONFIG_VARIABLES, ConfigError, type Config } from "./config.js";

/** A listen error (port in use, address not on this machine, host unknown) as a ConfigError naming the variable. */
export function listenError(error: unknown, where: { portVariable: string; port: number; host: string }): ConfigError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const at = `${where.host}:${where.port}`;
  switch (code) {
    case "EADDRINUSE":
      return new ConfigError(where.portVariable, `port ${where.port} is already in use on ${where.host}; choose a free port`);
    case "EACCES":
      return new ConfigError(where.portVariable, `not allowed to listen on ${at} (ports below 1024 need privileges); choose a port of 1024 or more`);
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_FAIL":
    case "EAI_NONAME":
      return new ConfigError("HOST", `"${where.host}" does not resolve to an address; use an address of this machine, e.g. 0.0.0.0 or 127.0.0.1`);
    case "EADDRNOTAVAIL":
    case "EINVAL":
      return new ConfigError("HOST", `"${where.host}" is not an address of this machine; use e.g. 0.0.0.0 or 127.0.0.1`);
    default:
      return undefined;
  }
}

/** The error of a listen error at any depth of an error's causes (adapters wrap theirs). */
export function listenErrorIn(error: unknown, where: { portVariable: string; port: number; host: string }): ConfigError | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const found = listenError(e, where);
    if (found) return found;
  }
  return undefined;
}

const REFUSED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EAI_FAIL"]);
/** How long the reachability probe waits for a TCP connection before leaving the question to the SDK. */
const PROBE_TIMEOUT_MS = 5000;

function tcpProbe(url: URL): Promise<string | undefined> {
  const port = Number(url.port) || (url.protocol === "https:" ? 443 : 80);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ""), port });
    const done = (problem: string | undefined) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(undefined));
    socket.once("connect", () => done(undefined));
    socket.once("error", (error: NodeJS.ErrnoException) => done(REFUSED.has(error.code ?? "") ? `${error.code} (${error.message})` : undefined));
  });
}

/**
 * The API bases the enabled adapters will call, each probed with one TCP connection. The SDKs retry a refused
 * connection for up to a minute before giving up; this says which variable is wrong within a few seconds.
 * Skipped behind a proxy, which the SDKs may go through while a direct connection cannot.
 */
export async function unreachableApi(config: Config, env: Record<string, string | undefined> = process.env): Promise<ConfigError | undefined> {
  if (env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy) return undefined;
  const bases: Array<[string, string]> = [];
  if (config.adapters.includes("slack") && config.slack) bases.push(["SLACK_API_URL", config.slack.apiUrl ?? "https://slack.com/api/"]);
  if (config.adapters.includes("discord") && config.discord) bases.push(["DISCORD_API_URL", config.discord.apiUrl ?? "https://discord.com/api"]);
  const problems = await Promise.all(bases.map(async ([variable, base]) => [variable, base, await tcpProbe(new URL(base))] as const));
  const refused = problems.find(([, , problem]) => problem);
  return refused ? new ConfigError(refused[0], `cannot connect to ${refused[1]}: ${refused[2]}`) : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * Warnings for a configuration that starts but is probably not what was meant: a SLACK_/DISCORD_ variable errcode
 * does not read (a typo such as SLACK_BOT_TOKN), and settings that do nothing without their token.
 */
export function configWarnings(env: Record<string, string | undefined>): string[] {
  const warnings: string[] = [];
  const set = (name: string) => !!env[name]?.trim();
  for (const name of Object.keys(env).sort()) {
    if (!/^(SLACK|DISCORD)_/.test(name) || CONFIG_VARIABLES.includes(name)) continue;
    const closest = CONFIG_VARIABLES.filter((known) => known.startsWith(name.split("_")[0]!)).sort((a, b) => editDistance(name, a) - editDistance(name, b))[0];
    const hint = closest && editDistance(name, closest) <= 3 ? `; did you mean ${closest}?` : "";
    warnings.push(`${name} is set but errcode does not read it${hint}`);
  }
  const needs = (token: string, others: string[]) => {
    if (set(token)) return;
    const orphans = others.filter(set);
    if (orphans.length) warnings.push(`${orphans.join(", ")} ${orphans.length === 1 ? "is" : "are"} set without ${token}, so ${orphans.length === 1 ? "it is" : "they are"} ignored`);
  };
  needs("DISCORD_TOKEN", ["DISCORD_APPLICATION_ID", "DISCORD_GUILD_ID", "DISCORD_API_URL", "DISCORD_REGISTER_COMMANDS"]);
  needs("SLACK_BOT_TOKEN", ["SLACK_API_URL"]);
  if (set("SLACK_APP_TOKEN") && set("SLACK_SIGNING_SECRET") && set("SLACK_BOT_TOKEN")) {
    warnings.push("SLACK_APP_TOKEN and SLACK_SIGNING_SECRET are both set: Socket Mode is used and SLACK_SIGNING_SECRET is ignored");
  }
  return warnings;
}

/** Why the shell adapter runs, for an operator whose stdin is not a terminal (a container, a service manager). */
export function shellReason(env: Record<string, string | undefined>): string {
  if (env.ADAPTERS?.trim()) return `running the shell adapter because ADAPTERS=${env.ADAPTERS.trim()}; it reads stdin until it ends`;
  return "running the shell adapter because neither SLACK_BOT_TOKEN nor DISCORD_TOKEN is set; it reads stdin until it ends";
}
