import { spawn } from "node:child_process";

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a built entry point (dist/…) as a separate process, the way a user or another tool would. */
export function run(script: string, args: string[], options: { input?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_OPTIONS: "", ...options.env };
    const child = spawn(process.execPath, [script, ...args], { env: env as NodeJS.ProcessEnv, cwd: options.env?.ERRCODE_CWD ?? process.cwd(), stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 15_000);
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}
