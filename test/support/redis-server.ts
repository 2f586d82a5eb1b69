// A real redis-server for tests: on a free loopback port, no persistence, stopped (SIGKILL if need be) at the end.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { until } from "./wait.js";

export interface RedisServer {
  port: number;
  url: string;
  /** Kills it (SIGKILL: an outage, not a shutdown). */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function ping(port: number): Promise<boolean> {
  const { createConnection } = await import("node:net");
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
  });
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning"], { stdio: "ignore" });
    const exited = new Promise<void>((resolve) => child!.once("exit", () => resolve()));
    await until(async () => ((await ping(port)) ? true : undefined), 30_000, `redis-server on port ${port}`);
    // Wrapped: an async function returning the bare promise would make its caller wait for the exit.
    return { exited };
  };
  let running = await launch();
  const kill = async () => {
    child?.kill("SIGKILL");
    await running.exited;
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill,
    async restart() {
      running = await launch();
    },
    stop: kill,
  };
}

/**
 * A redis-server for one test file: started before its tests, stopped after them together with every store
 * `track`ed meanwhile.
 */
export function redisForFile(hooks: { beforeAll: (fn: () => Promise<void>, timeout?: number) => void; afterAll: (fn: () => Promise<void>) => void }) {
  let server: RedisServer | undefined;
  const stores: Array<{ close(): Promise<void> }> = [];
  hooks.beforeAll(async () => {
    server = await startRedis();
  }, 60_000);
  hooks.afterAll(async () => {
    await Promise.allSettled(stores.map((s) => s.close()));
    await server?.stop();
  });
  return {
    url: () => server!.url,
    track<T extends { close(): Promise<void> }>(store: T): T {
      stores.push(store);
      return store;
    },
  };
}
