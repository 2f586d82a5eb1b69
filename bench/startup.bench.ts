// Start-up of the built program, as a user runs it, against `node -e 0` on the same machine and in the same run:
// the runs of every command are interleaved, so a busy moment slows all of them alike. Medians, and ratios:
//   node dist/cli.js lookup -29036                   target <= 3x node -e 0
//   echo '/errcode -29036' | npm start (built)        target <= 1.5x node dist/main.js
//   npm start of a package whose start script is `node -e 0`: npm's own cost, which no project can remove
//   shell-mode peak RSS (node dist/main.js)           target <= 90 MB
// Needs a build (`npm run bench` builds first). `npm run bench -- startup`; STARTUP_RUNS=N for more runs.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const NO_TOKENS = { SLACK_BOT_TOKEN: "", DISCORD_TOKEN: "", SLACK_APP_TOKEN: "", SLACK_SIGNING_SECRET: "", WEB_PORT: "", LOG_LEVEL: "warn" };
// Prints the process's peak resident set size on exit (process.exit included). On Linux from VmHWM: getrusage's
// maxRSS survives exec, so a child spawned by a big process (this bench, after the others) would report its parent's.
const PEAK_RSS =
  "--import=data:text/javascript," +
  'import{readFileSync}from"node:fs";' +
  'const hwm=()=>{try{return Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync("/proc/self/status","utf8"))[1])}catch{return process.resourceUsage().maxRSS}};' +
  'process.on("exit",()=>process.stderr.write("peak-rss-kb="+hwm()+"\\n"))';

interface Command {
  name: string;
  command: string;
  args: string[];
  input?: string;
  cwd?: string;
}

const NODE = "node -e 0";
const NPM_FLOOR = "npm start of `node -e 0` (npm's own cost)";
const CLI = "node dist/cli.js lookup -29036";
const MAIN = "node dist/main.js (stdin /errcode -29036)";
const NPM_START = "npm start (stdin /errcode -29036)";

/** The commands; `emptyPackage` holds a package whose `npm start` runs `node -e 0`: what npm adds to any start script. */
function commands(emptyPackage: string): Command[] {
  return [
    { name: NODE, command: process.execPath, args: ["-e", "0"] },
    { name: NPM_FLOOR, command: "npm", args: ["start", "--silent"], cwd: emptyPackage },
    { name: CLI, command: process.execPath, args: ["dist/cli.js", "lookup", "-29036"] },
    { name: MAIN, command: process.execPath, args: ["dist/main.js"], input: "/errcode -29036\n" },
    { name: NPM_START, command: "npm", args: ["start", "--silent"], input: "/errcode -29036\n" },
  ];
}

function once(command: Command): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(command.command, command.args, { cwd: command.cwd ?? root, input: command.input ?? "", env: { ...process.env, ...NO_TOKENS }, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${command.name} exited ${run.status}: ${run.stderr}`);
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function peakRssMb(args: string[], input: string): number {
  const run = spawnSync(process.execPath, [PEAK_RSS, ...args], { cwd: root, input, env: { ...process.env, ...NO_TOKENS }, encoding: "utf8" });
  const kb = Number(/peak-rss-kb=(\d+)/.exec(run.stderr)?.[1]);
  return kb / 1024;
}

export default async function bench(): Promise<void> {
  const emptyPackage = mkdtempSync(join(tmpdir(), "errcode-npm-floor-"));
  try {
    writeFileSync(join(emptyPackage, "package.json"), JSON.stringify({ name: "npm-floor", version: "1.0.0", private: true, scripts: { start: "node -e 0" } }));
    measure(commands(emptyPackage));
  } finally {
    rmSync(emptyPackage, { recursive: true, force: true });
  }
}

function measure(list: Command[]): void {
  const runs = Number(process.env.STARTUP_RUNS ?? 11);
  for (const command of list) once(command); // warm the file cache
  const times = new Map<string, number[]>(list.map((c) => [c.name, []]));
  for (let i = 0; i < runs; i++) for (const command of list) times.get(command.name)!.push(once(command));
  const medians = new Map([...times].map(([name, values]) => [name, median(values)]));
  const ms = (name: string) => medians.get(name)!;
  console.log(`start-up, median of ${runs} interleaved runs:`);
  for (const [name, value] of medians) console.log(`  ${name.padEnd(46)} ${value.toFixed(0).padStart(6)} ms  ${(value / ms(NODE)).toFixed(2)}x node -e 0`);
  console.log(`  cli lookup / node -e 0: ${(ms(CLI) / ms(NODE)).toFixed(2)}x (target <= 3)`);
  console.log(`  npm start / node dist/main.js: ${(ms(NPM_START) / ms(MAIN)).toFixed(2)}x (target <= 1.5)`);
  console.log(`  npm start - node dist/main.js (npm and scripts/start.mjs): ${(ms(NPM_START) - ms(MAIN)).toFixed(0)} ms; npm alone on \`node -e 0\`: ${(ms(NPM_FLOOR) - ms(NODE)).toFixed(0)} ms`);
  const paste = '/errcode -29036\n{"code":-29036,"request_id":"abc"}\n\nX-ErrNo: -6101 upload failed\n/errcode signature expired\n';
  console.log(`  shell-mode peak RSS (node dist/main.js, lookups, a paste and a text search): ${peakRssMb(["dist/main.js"], paste).toFixed(1)} MB (target <= 90)`);
  console.log(`  cli lookup peak RSS: ${peakRssMb(["dist/cli.js", "lookup", "-29036"], "").toFixed(1)} MB`);
}
