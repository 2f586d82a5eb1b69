#!/usr/bin/env node
// `npm start`: runs the built bot (dist/main.js), building first only when a source is newer than the last build.
// A timestamp walk takes milliseconds; starting the TypeScript compiler just to learn nothing changed takes seconds.
// Where there are no sources (the Docker image) it runs the build it has.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "..");
// Written last by `npm run build`, so its time is the build's.
const stamp = join(root, "dist", "catalog-snapshot.json");
const SOURCES = ["src", "catalog", "tsconfig.json", "tsconfig.build.json", "package.json"];

function newestBelow(path, depthLeft) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  if (depthLeft === 0) return 0;
  return Math.max(0, ...readdirSync(path).map((name) => newestBelow(join(path, name), depthLeft - 1)));
}

function builtAt() {
  try {
    return statSync(stamp).mtimeMs;
  } catch {
    return 0;
  }
}

const hasSources = existsSync(join(root, "src"));
// catalog/ one level deep: its sources/ folder holds vendor pages, not what the build reads.
const stale = hasSources && Math.max(...SOURCES.map((s) => newestBelow(join(root, s), s === "catalog" ? 1 : 32))) > builtAt();
if (stale) {
  process.stderr.write("errcode: sources changed since the last build; building…\n");
  // Build output goes to stderr: in the shell chat stdout is the conversation.
  const build = spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "--silent", "build"], { cwd: root, stdio: ["ignore", 2, 2] });
  if (build.status !== 0) {
    if (!existsSync(join(root, "node_modules", "typescript"))) {
      process.stderr.write("errcode: cannot build without the dev dependencies (npm install); starting the previous build\n");
    } else {
      process.exit(build.status ?? 1);
    }
  }
}
if (!existsSync(join(root, "dist", "main.js"))) {
  process.stderr.write("errcode: no build in dist/; run `npm install` (or `npm run build`) first\n");
  process.exit(2);
}
await import(pathToFileURL(join(root, "dist", "main.js")).href);
