#!/usr/bin/env node
// Runs the Dockerfile's steps outside Docker (there is no Docker engine on our machines), so the image
// recipe cannot silently rot: every stage's COPY and RUN in its own scratch folder, then the final
// stage's CMD with its ENV, fed `/errcode -29036` on stdin, which must print the card and exit 0; then the npm
// scripts an operator runs in the image (`npm start`, `discord:register --help`, `slack:manifest`) and the
// HEALTHCHECK command against the running bot.
// Proves: the build stage builds, production dependencies alone are enough at run time, and the
// catalogs the image bakes in load. What it cannot prove: the base image, USER, the apt-get packages (tini).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const context = resolve(import.meta.dirname, "..");
const lines = readFileSync(join(context, "Dockerfile"), "utf8")
  .replace(/\\\n\s*/g, " ")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"));

const scratch = mkdtempSync(join(tmpdir(), "errcode-docker-"));
const stages = new Map();
let stage;
let finalCmd = [];
let healthCmd = [];
let env = {};

function stageDir(name) {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

for (const line of lines) {
  const [instruction, ...restWords] = line.split(/\s+/);
  const rest = line.slice(instruction.length).trim();
  switch (instruction.toUpperCase()) {
    case "FROM": {
      const name = restWords[2] ?? `stage${stages.size}`;
      stage = { name, dir: stageDir(name) };
      stages.set(name, stage);
      env = {};
      break;
    }
    case "WORKDIR":
    case "USER":
    case "EXPOSE":
    // tini (PID 1 in the image) only forwards signals; here the command runs as a child of this script.
    case "ENTRYPOINT":
      break;
    case "HEALTHCHECK":
      healthCmd = JSON.parse(rest.slice(rest.indexOf("CMD") + 3).trim());
      break;
    case "ENV":
      for (const m of rest.matchAll(/(\w+)=(\S+)/g)) env[m[1]] = m[2];
      break;
    case "COPY": {
      const words = restWords.filter((w) => !w.startsWith("--chown"));
      const from = words[0].startsWith("--from=") ? stages.get(words.shift().slice("--from=".length)).dir : context;
      const dest = words.pop();
      for (const source of words) {
        const target = dest.endsWith("/") || words.length > 1 ? join(stage.dir, dest, source.replace(/^\/app\//, "").split("/").pop()) : join(stage.dir, dest);
        cpSync(join(from, source.replace(/^\/app\//, "")), target, { recursive: true });
      }
      break;
    }
    case "RUN":
      if (/\bapt-get\b/.test(rest)) {
        console.log(`[${stage.name}] RUN ${rest}  (skipped: a Debian package for the image, not this machine)`);
        break;
      }
      console.log(`[${stage.name}] RUN ${rest}`);
      execFileSync("bash", ["-c", rest], { cwd: stage.dir, stdio: "inherit", env: { ...process.env, ...env } });
      break;
    case "CMD":
      finalCmd = JSON.parse(rest);
      break;
    default:
      throw new Error(`docker-steps: unsupported instruction ${instruction}`);
  }
}

const stageEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...env };
const bin = (command) => (command === "node" ? process.execPath : command);
const failures = [];

function step(label, command, args, options, check) {
  console.log(`[${stage.name}] ${label}`);
  const run = spawnSync(bin(command), args, { cwd: stage.dir, encoding: "utf8", timeout: 60_000, ...options, env: { ...stageEnv, ...options.env } });
  if (!check(run)) {
    console.error(run.stdout, run.stderr);
    failures.push(`${label} (exit ${run.status})`);
  }
}

const answers = (run) => run.status === 0 && run.stdout.includes("-29036 ERR_DOWN_NOTFINISHED_FILE");
step(`CMD ${finalCmd.join(" ")}  (stdin: /errcode -29036)`, finalCmd[0], finalCmd.slice(1), { input: "/errcode -29036\n" }, answers);
step("npm start  (stdin: /errcode -29036)", "npm", ["start", "--silent"], { input: "/errcode -29036\n" }, answers);
step("npm run discord:register -- --help", "npm", ["run", "--silent", "discord:register", "--", "--help"], {}, (run) => run.status === 0 && run.stdout.startsWith("usage:"));
step("npm run slack:manifest", "npm", ["run", "--silent", "slack:manifest"], {}, (run) => run.status === 0 && run.stdout.includes("slash_commands"));

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return String(port);
}

// HEALTHCHECK: unhealthy while nothing answers, healthy once the bot (here the shell beside the web catalog, which
// starts the health server) is up.
const healthPort = await freePort();
const health = { env: { HEALTH_PORT: healthPort } };
step(`HEALTHCHECK ${healthCmd.join(" ")}  (nothing listening)`, healthCmd[0], healthCmd.slice(1), health, (run) => run.status === 1);
const bot = spawn(bin(finalCmd[0]), finalCmd.slice(1), { cwd: stage.dir, env: { ...stageEnv, HEALTH_PORT: healthPort, HOST: "127.0.0.1", WEB_PORT: "0" }, stdio: ["pipe", "ignore", "pipe"] });
let healthy = false;
for (let attempt = 0; attempt < 40 && !healthy && bot.exitCode === null; attempt++) {
  await new Promise((resolve) => setTimeout(resolve, 500));
  healthy = spawnSync(bin(healthCmd[0]), healthCmd.slice(1), { cwd: stage.dir, env: { ...stageEnv, HEALTH_PORT: healthPort }, timeout: 10_000 }).status === 0;
}
console.log(`[${stage.name}] HEALTHCHECK ${healthCmd.join(" ")}  (bot running): ${healthy ? "healthy" : "never healthy"}`);
if (!healthy) failures.push("HEALTHCHECK against the running bot");
bot.kill("SIGTERM");

rmSync(scratch, { recursive: true, force: true });
if (failures.length > 0) {
  console.error(`docker-steps: failed: ${failures.join("; ")}`);
  process.exit(1);
}
console.log("docker-steps: ok (the final stage answers, and its npm scripts and health check work with production dependencies only)");
