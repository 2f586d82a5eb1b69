#!/usr/bin/env node
// Runs the Dockerfile's steps outside Docker (there is no Docker engine on our machines), so the image
// recipe cannot silently rot: every stage's COPY and RUN in its own scratch folder, then the final
// stage's CMD with its ENV, fed `/errcode -29036` on stdin, which must print the card and exit 0.
// Proves: the build stage builds, production dependencies alone are enough at run time, and the
// catalogs the image bakes in load. What it cannot prove: the base image, USER and HEALTHCHECK wiring.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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
    case "HEALTHCHECK":
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

console.log(`[${stage.name}] CMD ${finalCmd.join(" ")}  (stdin: /errcode -29036)`);
const run = spawnSync(finalCmd[0] === "node" ? process.execPath : finalCmd[0], finalCmd.slice(1), {
  cwd: stage.dir,
  input: "/errcode -29036\n",
  env: { PATH: process.env.PATH, ...env },
  encoding: "utf8",
  timeout: 30_000,
});
rmSync(scratch, { recursive: true, force: true });
if (run.status !== 0 || !run.stdout.includes("-29036 ERR_DOWN_NOTFINISHED_FILE")) {
  console.error(run.stdout, run.stderr);
  console.error(`docker-steps: the final stage did not answer (exit ${run.status})`);
  process.exit(1);
}
console.log("docker-steps: ok (final stage answered /errcode -29036 with production dependencies only)");
