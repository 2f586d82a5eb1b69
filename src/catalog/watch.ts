// Watches the CATALOG_PATHS files and folders and calls back once a burst of changes has settled.
import { watch, statSync, type FSWatcher } from "node:fs";
import { basename, dirname, extname, resolve } from "node:path";

const CATALOG_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);
/** Editors write a file in several steps (truncate, write, rename): one reload once they are done. */
export const RELOAD_DEBOUNCE_MS = 300;

export interface CatalogWatcher {
  close(): void;
}

/**
 * A folder is watched for its catalog files (one level, as the loader reads it); a file is watched through its
 * folder, because editors that save by renaming a new file over the old one would end a watch on the file itself.
 */
export function watchCatalogPaths(paths: string[], onChange: () => void, options: { debounceMs?: number; onError?: (error: Error) => void } = {}): CatalogWatcher {
  const debounceMs = options.debounceMs ?? RELOAD_DEBOUNCE_MS;
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  const watchers: FSWatcher[] = [];
  const folders = new Map<string, Set<string> | "all">();
  for (const path of paths.map((p) => resolve(p))) {
    let isFolder = false;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      // Not there yet: watch its folder for it to appear.
    }
    const folder = isFolder ? path : dirname(path);
    const names = folders.get(folder);
    if (isFolder) folders.set(folder, "all");
    else if (names !== "all") folders.set(folder, new Set([...(names ?? []), basename(path)]));
  }
  for (const [folder, names] of folders) {
    try {
      const watcher = watch(folder, { persistent: false }, (_event, name) => {
        const file = name?.toString();
        if (!file) return changed();
        if (names === "all" ? CATALOG_EXTENSIONS.has(extname(file)) : names.has(file)) changed();
      });
      watcher.on("error", (error) => options.onError?.(error));
      watchers.push(watcher);
    } catch (error) {
      options.onError?.(error as Error);
    }
  }
  return {
    close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
