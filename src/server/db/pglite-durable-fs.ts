import { fsyncSync } from 'node:fs';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * What PGlite 0.5 does on its own with a data folder on disk (read from its source, see docs/SECURITY.md):
 * it starts PostgreSQL with `-F` (fsync off), and Emscripten's NODEFS, which maps the folder onto the
 * real disk, has no fsync at all — PostgreSQL's fsync() returns at once. Every write() still goes
 * straight to the operating system with a synchronous `fs.writeSync`, before the query answers, so a
 * killed process (SIGKILL, a crash) loses nothing acknowledged; but nothing is ever flushed to the disk,
 * so a power cut or kernel crash can lose recent commits or corrupt the database. `relaxedDurability`
 * only changes when browser file systems (IndexedDB, OPFS) are synced and does nothing for a Node folder.
 */
type EmscriptenModule = {
  NODEFS: {
    stream_ops: Record<string, unknown> & { fsync?: (stream: { nfd?: number }) => number };
  };
};

/**
 * NODEFS with a real fsync: PostgreSQL's fsync() of a file (the WAL at every commit, data files at a
 * checkpoint) becomes fsync(2) of the same file on disk.
 */
export class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, options: Parameters<NodeFS['init']>[1]): ReturnType<NodeFS['init']> {
    const result = await super.init(pg, options);
    const syncFiles = (module: EmscriptenModule) => {
      module.NODEFS.stream_ops.fsync = (stream) => {
        if (stream.nfd !== undefined) fsyncSync(stream.nfd);
        return 0;
      };
    };
    const preRun = [...(result.emscriptenOpts.preRun ?? []), syncFiles] as typeof result.emscriptenOpts.preRun;
    return { emscriptenOpts: { ...result.emscriptenOpts, preRun } };
  }
}

/**
 * PGlite's start parameters with fsync on and the WAL synced by fsync() (fdatasync() is a no-op in its
 * Emscripten runtime): a commit answers only once its WAL record is on the disk.
 */
export const durableStartParams: string[] = [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'fsync=on', '-c', 'wal_sync_method=fsync'];

/** The PGlite options for a data folder on disk that survives a killed process and a power cut alike. */
export function durablePgliteOptions(dataDir: string): Pick<PGliteOptions, 'fs' | 'startParams' | 'relaxedDurability'> {
  return { fs: new DurableNodeFS(dataDir), startParams: durableStartParams, relaxedDurability: false };
}
