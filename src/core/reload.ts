// Live reload: a changed catalog file or SIGHUP loads every catalog again; a bad one is refused, the old stays.
import { CatalogError } from "../catalog/loader.js";
import { watchCatalogPaths, type CatalogWatcher } from "../catalog/watch.js";
import type { Errcode } from "./errcode.js";

interface ReloadLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface CatalogReloader {
  /** Reloads now; true when the new catalogs are in service. */
  reload(reason: string): boolean;
  close(): void;
}

export function catalogReloader(errcode: Errcode, catalogPaths: string[], logger: ReloadLogger, options: { debounceMs?: number } = {}): CatalogReloader {
  const reload = (reason: string): boolean => {
    try {
      const index = errcode.reload();
      logger.info({ reason, catalogs: index.catalogs.map((c) => `${c.id} (${c.entries.length})`) }, "catalogs reloaded");
      return true;
    } catch (error) {
      // Whatever went wrong, the running bot keeps answering with what it had.
      const problem = error instanceof CatalogError ? error.message : `unexpected: ${(error as Error).message}`;
      logger.error({ reason, problem }, "catalog reload refused; the catalogs already loaded stay in service");
      return false;
    }
  };
  const watcher: CatalogWatcher | undefined = catalogPaths.length
    ? watchCatalogPaths(catalogPaths, () => reload("catalog file changed"), {
        debounceMs: options.debounceMs,
        onError: (error) => logger.error({ problem: error.message }, "cannot watch the catalog files; SIGHUP still reloads"),
      })
    : undefined;
  const onSighup = () => void reload("SIGHUP");
  process.on("SIGHUP", onSighup);
  return {
    reload,
    close() {
      watcher?.close();
      process.off("SIGHUP", onSighup);
    },
  };
}
