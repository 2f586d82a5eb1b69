// Copies the JSON data modules of src/ (fitted weights) into dist/. tsc emits them only on a full build: an incremental
// `tsc -b` leaves a changed JSON file's old copy in dist/ (a refit would not reach the built code).
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";

function jsonFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? jsonFiles(join(dir, d.name)) : d.name.endsWith(".json") ? [join(dir, d.name)] : []));
}

for (const file of jsonFiles("src")) {
  const target = join("dist", relative("src", file));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(file, target);
}
