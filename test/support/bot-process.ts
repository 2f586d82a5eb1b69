// The built bot (`node dist/main.js`) as a separate process, the way it is deployed: its JSON log lines, the ports
// it reports, /healthz and /metrics, and SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
import { until } from "./wait.js";

export interface BotProcess {
  child: ChildProcess;
  /** Slack HTTP mode's /slack/events URL. */
  eventsUrl: string;
  healthPort: number;
  stdout(): string;
  logs(text: string): string[];
  waitForLog(text: string, count?: number, timeoutMs?: number): Promise<string[]>;
  get(path: string): Promise<Response>;
  /** Sum of a metric's samples whose text matches `labels` (e.g. `reason="cooldown"`). */
  metric(name: string, labels?: string): Promise<number>;
  exit: Promise<{ code: number | null; signal: string | null }>;
  kill(): void;
}

export async function startBot(env: Record<string, string>): Promise<BotProcess> {
  let out = "";
  let err = "";
  const child = spawn(process.execPath, ["dist/main.js"], { env: { PATH: process.env.PATH, HOST: "127.0.0.1", PORT: "0", HEALTH_PORT: "0", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const lineWith = (text: string) => out.split("\n").find((l) => l.includes(text));
  const healthPort = await until(() => {
    const line = lineWith("health and metrics listening");
    return line ? (JSON.parse(line) as { port: number }).port : undefined;
  }, 60_000, `the health server to listen (stderr: ${err.slice(0, 300)})`);
  const slackPort = await until(() => {
    const line = lineWith("Slack adapter started");
    return line ? (JSON.parse(line) as { address?: { port: number } }).address?.port : undefined;
  }, 60_000, "the Slack receiver to listen");
  const logs = (text: string) => out.split("\n").filter((l) => l.includes(text));
  const get = (path: string) => fetch(`http://127.0.0.1:${healthPort}${path}`);
  return {
    child,
    eventsUrl: `http://127.0.0.1:${slackPort}/slack/events`,
    healthPort,
    stdout: () => out,
    logs,
    waitForLog: (text, count = 1, timeoutMs = 15_000) => until(() => (logs(text).length >= count ? logs(text) : undefined), timeoutMs, `${count} log line(s) with "${text}"`),
    get,
    async metric(name, labels = "") {
      const text = await (await get("/metrics")).text();
      return text
        .split("\n")
        .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
        .filter((l) => l.includes(labels))
        .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(" ") + 1)), 0);
    },
    exit,
    kill: () => {
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
