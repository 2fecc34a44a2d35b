import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Files stored by their content: `<root>/<sha256[0..2]>/<sha256>`. The same bytes uploaded twice are one
 * file; a name is never chosen by a user, so no path can be smuggled in.
 */
export type AttachmentStorage = {
  readonly root: string;
  /** Stores the bytes (once) and answers their sha256; durable when it returns. */
  put(buffer: Buffer): Promise<string>;
  /** A stream of the stored file; fails with ENOENT when it is missing. */
  open(sha256: string): Readable;
  read(sha256: string): Promise<Buffer>;
  exists(sha256: string): Promise<boolean>;
  /** Removes the file; callers make sure no attachment row names it any more. */
  remove(sha256: string): Promise<void>;
  pathOf(sha256: string): string;
};

const SHA256 = /^[0-9a-f]{64}$/;

export function sha256Of(buffer: Buffer): string {
  return createHash('sha256').update(buffer).digest('hex');
}

/** fsync of a directory, so a rename or a new entry in it survives a power cut. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The local-disk store under `root`. A write goes to a temporary file in `<root>/tmp`, is fsynced, renamed
 * into place (atomic on one file system) and the directory fsynced: a crash leaves the whole file or none,
 * never a half-written one under a content hash.
 */
export function attachmentStorage(root: string): AttachmentStorage {
  const resolved = path.resolve(root);
  const tmpDir = path.join(resolved, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  const pathOf = (sha256: string) => {
    if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(resolved, sha256.slice(0, 2), sha256);
  };
  const exists = async (sha256: string) => {
    try {
      return (await stat(pathOf(sha256))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  };
  return {
    root: resolved,
    pathOf,
    exists,
    async put(buffer) {
      const sha256 = sha256Of(buffer);
      const target = pathOf(sha256);
      const existing = await stat(target).catch(() => null);
      if (existing?.isFile() && existing.size === buffer.length) return sha256;
      const shard = path.dirname(target);
      // A new shard folder is itself an entry of the root that must survive a crash.
      if (await mkdir(shard, { recursive: true })) await syncDirectory(resolved);
      const temp = path.join(tmpDir, `${sha256}.${randomBytes(6).toString('hex')}`);
      const handle = await open(temp, 'wx', 0o640);
      try {
        await handle.writeFile(buffer);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      await syncDirectory(shard);
      return sha256;
    },
    open: (sha256) => createReadStream(pathOf(sha256)),
    read: (sha256) => readFile(pathOf(sha256)),
    async remove(sha256) {
      await rm(pathOf(sha256), { force: true });
    },
  };
}
