/**
 * A small ZIP reader for Inspect `.eval` logs: reads the central directory (PKWARE APPNOTE 4.3.12,
 * 4.3.16, with the ZIP64 records of 4.3.14-15) and then only the entries asked for, with positional
 * reads, so a large log is never read whole. Methods: 0 stored, 8 deflate (node:zlib), 93 zstd
 * (fzstd, pure JS, because Node 20's zlib has no zstd; Inspect writes zstd by default since 2026).
 */
import { open, type FileHandle } from "node:fs/promises";
import { inflateRawSync } from "node:zlib";
import { decompress as zstdDecompress } from "fzstd";

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** Why a file could not be read as a zip; `loadRuns` turns it into a problem naming the file. */
export class ZipFormatError extends Error {
  constructor(message: string, readonly entry?: string) {
    super(message);
    this.name = "ZipFormatError";
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export class ZipReader {
  private constructor(
    private readonly handle: FileHandle,
    readonly entries: ReadonlyMap<string, ZipEntry>,
  ) {}

  /** Open a zip and read its directory. Throws ZipFormatError when it is not a readable zip. */
  static async open(path: string): Promise<ZipReader> {
    const handle = await open(path, "r");
    try {
      const entries = await readDirectory(handle);
      return new ZipReader(handle, entries);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The entry's bytes, decompressed. */
  async read(name: string): Promise<Buffer> {
    const entry = this.entries.get(name);
    if (!entry) throw new ZipFormatError(`no entry ${name}`, name);
    const local = await readAt(this.handle, entry.localHeaderOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw new ZipFormatError("local header not found (corrupt zip)", name);
    const start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const data = await readAt(this.handle, start, entry.compressedSize);
    if (data.length < entry.compressedSize) throw new ZipFormatError("entry is cut short (truncated zip)", name);
    try {
      switch (entry.method) {
        case 0:
          return data;
        case 8:
          return inflateRawSync(data);
        case 93:
          return Buffer.from(zstdDecompress(data));
        default:
          throw new ZipFormatError(`unsupported compression method ${entry.method}`, name);
      }
    } catch (error) {
      if (error instanceof ZipFormatError) throw error;
      throw new ZipFormatError(`cannot decompress (method ${entry.method}): ${(error as Error).message}`, name);
    }
  }

  /** The entry as UTF-8 text. */
  async text(name: string): Promise<string> {
    return (await this.read(name)).toString("utf8");
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buffer.subarray(0, done);
}

async function readDirectory(handle: FileHandle): Promise<Map<string, ZipEntry>> {
  const { size } = await handle.stat();
  // The end record is 22 bytes plus a comment of at most 65535 bytes.
  const tailLength = Math.min(size, 22 + 65535);
  const tail = await readAt(handle, size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipFormatError("no end-of-central-directory record (not a zip, or truncated)");
  let count = tail.readUInt16LE(at + 10);
  let directorySize = tail.readUInt32LE(at + 12);
  let directoryOffset = tail.readUInt32LE(at + 16);
  if ((count === 0xffff || directoryOffset === 0xffffffff) && at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR) {
    const zip64At = Number(tail.readBigUInt64LE(at - 20 + 8));
    const record = await readAt(handle, zip64At, 56);
    if (record.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipFormatError("ZIP64 end record not found");
    count = Number(record.readBigUInt64LE(32));
    directorySize = Number(record.readBigUInt64LE(40));
    directoryOffset = Number(record.readBigUInt64LE(48));
  }
  const directory = await readAt(handle, directoryOffset, directorySize);
  if (directory.length < directorySize) throw new ZipFormatError("central directory is cut short (truncated zip)");
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL) throw new ZipFormatError("corrupt central directory");
    const nameLength = directory.readUInt16LE(p + 28);
    const extraLength = directory.readUInt16LE(p + 30);
    const commentLength = directory.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      name: directory.toString("utf8", p + 46, p + 46 + nameLength),
      method: directory.readUInt16LE(p + 10),
      compressedSize: directory.readUInt32LE(p + 20),
      size: directory.readUInt32LE(p + 24),
      localHeaderOffset: directory.readUInt32LE(p + 42),
    };
    readZip64Extra(directory.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), entry);
    entries.set(entry.name, entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Sizes and offsets that overflow 32 bits live in the ZIP64 extra field (id 1), in this order. */
function readZip64Extra(extra: Buffer, entry: ZipEntry): void {
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = extra.readUInt16LE(p);
    const length = extra.readUInt16LE(p + 2);
    if (id === 1) {
      let q = p + 4;
      const next = (): number => {
        const v = Number(extra.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    p += 4 + length;
  }
}
