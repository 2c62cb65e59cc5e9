/**
 * The index on disk: a snapshot file that a process loads at start instead of reading every
 * role, then catches up from the change log (app/models/search-feed.server.ts decides when
 * one may be used). Pure TypeScript and node:fs, no database.
 *
 * Layout (little-endian):
 *
 *     "TBSEARCH" · u32 FORMAT_VERSION · u32 n · header JSON (n bytes) · u32 crc32(header)
 *     sections, each at an 8-byte boundary: typed arrays as their bytes, bitmaps in roaring's
 *       portable format
 *     state JSON (the small parts, the section table with each section's offset, length,
 *       kind and crc32) · u32 its length · u32 its crc32 · "TBSEARND"
 *
 * The header (format, the database's identity, the change-log seq the index reflects) can be
 * read and judged before anything else; the trailer tells a truncated file at once; each
 * section's checksum is verified before it is used, so a corrupt file is refused, never half
 * loaded. Bitmaps are deserialized only after their checksum matched.
 *
 * Writing never blocks the event loop for long: bitmaps are serialized a few megabytes at a
 * time, bytes go to the file through libuv's threads, and between slices the caller's
 * `unchanged()` is asked whether the index moved; if it did, the half-written temporary file
 * is dropped (a later attempt takes a new snapshot) instead of saving an inconsistent one.
 * The file is written under a temporary name, synced, then renamed over the old one.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import zlib from "node:zlib";
import { Bitmap } from "./bitmap";

/** Bump whenever the layout, or anything the index derives from documents (terms, buckets), changes. */
export const FORMAT_VERSION = 2;
const MAGIC = Buffer.from("TBSEARCH", "latin1");
const END_MAGIC = Buffer.from("TBSEARND", "latin1");
/** Bytes handed to one write and checksummed in one slice (about a millisecond of work). */
const SLICE_BYTES = 2 << 20;
/**
 * A slice also ends after this long: thousands of small bitmaps (one per company, one per
 * term) are few bytes but many calls, 135 ms in one slice at a million roles before this.
 */
const SLICE_MS = 3;

type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;
const ARRAY_TYPES = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i32: Int32Array, f64: Float64Array } as const;
type ArrayType = keyof typeof ARRAY_TYPES;

function arrayTypeOf(array: TypedArray): ArrayType {
  if (array instanceof Uint8Array) return "u8";
  if (array instanceof Uint16Array) return "u16";
  if (array instanceof Uint32Array) return "u32";
  if (array instanceof Int32Array) return "i32";
  return "f64";
}

interface SectionEntry {
  /** A typed array's element type, or "bitmap". */
  kind: ArrayType | "bitmap";
  offset: number;
  length: number;
  crc: number;
}

type Pending = { kind: "array"; array: TypedArray } | { kind: "bitmap"; bitmap: Bitmap };

/** What a component hands over to be saved: big parts become sections, referred to by number. */
export class SnapshotOut {
  readonly pending: Pending[] = [];

  array(array: TypedArray): number {
    this.pending.push({ kind: "array", array });
    return this.pending.length - 1;
  }

  bitmap(bitmap: Bitmap): number {
    this.pending.push({ kind: "bitmap", bitmap });
    return this.pending.length - 1;
  }

  bitmaps(bitmaps: readonly Bitmap[]): number[] {
    return bitmaps.map((bitmap) => this.bitmap(bitmap));
  }
}

/** Reads the sections of a snapshot back, each verified against its checksum. */
export class SnapshotIn {
  private scratch = Buffer.alloc(1 << 16);

  constructor(
    private readonly fd: number,
    private readonly sections: SectionEntry[],
  ) {}

  private read(target: Uint8Array, entry: SectionEntry, index: number): void {
    let done = 0;
    while (done < entry.length) {
      const n = fs.readSync(this.fd, target, done, entry.length - done, entry.offset + done);
      if (n === 0) throw new SnapshotError(`section ${index} ends early`);
      done += n;
    }
    if (zlib.crc32(target.subarray(0, entry.length)) !== entry.crc) throw new SnapshotError(`section ${index} fails its checksum`);
  }

  private entry(index: number, kind: SectionEntry["kind"]): SectionEntry {
    const entry = this.sections[index];
    if (!entry || entry.kind !== kind) throw new SnapshotError(`section ${index} is missing or not a ${kind}`);
    return entry;
  }

  array<T extends ArrayType>(index: unknown, kind: T): InstanceType<(typeof ARRAY_TYPES)[T]> {
    const entry = this.entry(checkIndex(index), kind);
    const Type = ARRAY_TYPES[kind];
    if (entry.length % Type.BYTES_PER_ELEMENT !== 0) throw new SnapshotError(`section ${String(index)} has a partial element`);
    const array = new Type(entry.length / Type.BYTES_PER_ELEMENT);
    this.read(new Uint8Array(array.buffer), entry, checkIndex(index));
    return array as InstanceType<(typeof ARRAY_TYPES)[T]>;
  }

  bitmap(index: unknown): Bitmap {
    const entry = this.entry(checkIndex(index), "bitmap");
    if (this.scratch.length < entry.length) this.scratch = Buffer.alloc(Math.max(entry.length, this.scratch.length * 2));
    this.read(this.scratch, entry, checkIndex(index));
    return Bitmap.deserialize(this.scratch.subarray(0, entry.length), "portable");
  }

  bitmaps(indexes: unknown): Bitmap[] {
    if (!Array.isArray(indexes)) throw new SnapshotError("expected a list of bitmaps");
    return indexes.map((index) => this.bitmap(index));
  }
}

function checkIndex(index: unknown): number {
  if (typeof index !== "number" || !Number.isInteger(index) || index < 0) throw new SnapshotError(`bad section reference ${String(index)}`);
  return index;
}

/** A snapshot that cannot be used (missing, another format, truncated, corrupt): the caller builds instead. */
export class SnapshotError extends Error {}

export interface WriteResult {
  bytes: number;
  /** Wall time from start to rename. */
  ms: number;
  /** The longest the event loop was held by one slice of the work, in wall time and in CPU time. */
  longestSliceMs: number;
  longestSliceCpuMs: number;
}

/**
 * Writes `header` and the state `collect` gathers to `file` (atomically). Resolves with null
 * when `unchanged()` turned false meanwhile (nothing written; try again later).
 */
export async function writeSnapshot(
  file: string,
  header: Record<string, unknown>,
  collect: (out: SnapshotOut) => unknown,
  unchanged: () => boolean,
): Promise<WriteResult | null> {
  const started = performance.now();
  let sliceStart = started;
  let longestSliceMs = 0;
  // CPU time too: on a busy machine a slice's wall time includes waiting for a core.
  let sliceCpu = process.cpuUsage();
  let longestSliceCpuMs = 0;
  const endSlice = () => {
    longestSliceMs = Math.max(longestSliceMs, performance.now() - sliceStart);
    const cpu = process.cpuUsage(sliceCpu);
    longestSliceCpuMs = Math.max(longestSliceCpuMs, (cpu.user + cpu.system) / 1000);
  };
  const startSlice = () => {
    sliceStart = performance.now();
    sliceCpu = process.cpuUsage();
  };
  const out = new SnapshotOut();
  const state = collect(out);
  // Unique, so two saves (two processes, or two connections of one) never share a temporary file.
  const temporary = `${file}.${process.pid}-${crypto.randomBytes(4).toString("hex")}.tmp`;
  const handle = await fsp.open(temporary, "w");
  startSlice();
  let position = 0;
  let completed = false;
  try {
    const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
    const fixed = Buffer.alloc(16);
    MAGIC.copy(fixed, 0);
    fixed.writeUInt32LE(FORMAT_VERSION, 8);
    fixed.writeUInt32LE(headerBytes.length, 12);
    const headerCrc = Buffer.alloc(4);
    headerCrc.writeUInt32LE(zlib.crc32(headerBytes), 0);
    let batch: Uint8Array[] = [fixed, headerBytes, headerCrc];
    let batchBytes = fixed.length + headerBytes.length + 4;
    const flush = async () => {
      if (batchBytes === 0) return true;
      const chunks = batch;
      const bytes = batchBytes;
      batch = [];
      batchBytes = 0;
      endSlice();
      let written = 0;
      while (written < bytes) {
        const { bytesWritten } = await handle.writev(written === 0 ? chunks : remainder(chunks, written), position + written);
        written += bytesWritten;
      }
      position += bytes;
      startSlice();
      return unchanged();
    };
    const push = async (chunk: Uint8Array) => {
      batch.push(chunk);
      batchBytes += chunk.length;
      return batchBytes >= SLICE_BYTES || performance.now() - sliceStart >= SLICE_MS ? flush() : true;
    };
    const pad = async () => {
      const offset = position + batchBytes;
      return offset % 8 === 0 ? true : push(new Uint8Array(8 - (offset % 8)));
    };

    if (!(await pad())) return null;
    const sections: SectionEntry[] = [];
    for (const part of out.pending) {
      const offset = position + batchBytes;
      if (part.kind === "bitmap") {
        const bytes = part.bitmap.serialize("portable");
        sections.push({ kind: "bitmap", offset, length: bytes.length, crc: zlib.crc32(bytes) });
        if (!(await push(bytes))) return null;
      } else {
        const all = new Uint8Array(part.array.buffer, part.array.byteOffset, part.array.byteLength);
        let crc = 0;
        for (let from = 0; from < all.length; from += SLICE_BYTES) {
          const piece = all.subarray(from, Math.min(all.length, from + SLICE_BYTES));
          crc = zlib.crc32(piece, crc);
          if (!(await push(piece))) return null;
        }
        sections.push({ kind: arrayTypeOf(part.array), offset, length: all.length, crc });
      }
      if (!(await pad())) return null;
    }
    const stateBytes = Buffer.from(JSON.stringify({ state, sections }), "utf8");
    const trailer = Buffer.alloc(16);
    trailer.writeUInt32LE(stateBytes.length, 0);
    trailer.writeUInt32LE(zlib.crc32(stateBytes), 4);
    END_MAGIC.copy(trailer, 8);
    await push(stateBytes);
    await push(trailer);
    if (!(await flush())) return null;
    endSlice();
    await handle.sync();
    await handle.close();
    if (!unchanged()) return null;
    await fsp.rename(temporary, file);
    completed = true;
    return { bytes: position, ms: performance.now() - started, longestSliceMs, longestSliceCpuMs };
  } finally {
    if (!completed) {
      await handle.close().catch(() => undefined);
      await fsp.rm(temporary, { force: true });
    }
  }
}

function remainder(chunks: Uint8Array[], skip: number): Uint8Array[] {
  const rest: Uint8Array[] = [];
  for (const chunk of chunks) {
    if (skip >= chunk.length) {
      skip -= chunk.length;
      continue;
    }
    rest.push(skip > 0 ? chunk.subarray(skip) : chunk);
    skip = 0;
  }
  return rest;
}

/** An open snapshot file: its header, judged before `restore` reads the rest. */
export class SnapshotReader {
  private constructor(
    private readonly fd: number,
    readonly header: Record<string, unknown>,
    readonly bytes: number,
  ) {}

  /** Opens `file` and reads its header; throws SnapshotError when it is not a snapshot of this format. */
  static open(file: string): SnapshotReader {
    let fd: number;
    try {
      fd = fs.openSync(file, "r");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new SnapshotError(code === "ENOENT" ? "no snapshot file" : `cannot open it (${code ?? String(error)})`);
    }
    try {
      const size = fs.fstatSync(fd).size;
      const fixed = Buffer.alloc(16);
      if (size < 32 || fs.readSync(fd, fixed, 0, 16, 0) !== 16 || !fixed.subarray(0, 8).equals(MAGIC)) throw new SnapshotError("not a search index snapshot");
      const version = fixed.readUInt32LE(8);
      if (version !== FORMAT_VERSION) throw new SnapshotError(`format ${version}, this version reads ${FORMAT_VERSION}`);
      const length = fixed.readUInt32LE(12);
      if (16 + length + 4 > size) throw new SnapshotError("truncated header");
      const headerBytes = Buffer.alloc(length + 4);
      fs.readSync(fd, headerBytes, 0, length + 4, 16);
      if (zlib.crc32(headerBytes.subarray(0, length)) !== headerBytes.readUInt32LE(length)) throw new SnapshotError("the header fails its checksum");
      return new SnapshotReader(fd, JSON.parse(headerBytes.subarray(0, length).toString("utf8")) as Record<string, unknown>, size);
    } catch (error) {
      fs.closeSync(fd);
      throw error instanceof SnapshotError ? error : new SnapshotError(`unreadable header (${String(error)})`);
    }
  }

  /** Reads the state and hands it to `restore` with its sections; throws SnapshotError when anything is off. */
  restore<T>(restore: (state: unknown, input: SnapshotIn) => T): T {
    const trailer = Buffer.alloc(16);
    fs.readSync(this.fd, trailer, 0, 16, this.bytes - 16);
    if (!trailer.subarray(8).equals(END_MAGIC)) throw new SnapshotError("truncated (no end marker)");
    const length = trailer.readUInt32LE(0);
    const stateStart = this.bytes - 16 - length;
    if (stateStart < 0) throw new SnapshotError("truncated state");
    const stateBytes = Buffer.alloc(length);
    fs.readSync(this.fd, stateBytes, 0, length, stateStart);
    if (zlib.crc32(stateBytes) !== trailer.readUInt32LE(4)) throw new SnapshotError("the state fails its checksum");
    let parsed: { state: unknown; sections: SectionEntry[] };
    try {
      parsed = JSON.parse(stateBytes.toString("utf8")) as typeof parsed;
    } catch (error) {
      throw new SnapshotError(`unreadable state (${String(error)})`);
    }
    for (const section of parsed.sections) {
      if (!(section.offset >= 0 && section.length >= 0 && section.offset + section.length <= stateStart)) throw new SnapshotError("a section lies outside the file");
    }
    try {
      return restore(parsed.state, new SnapshotIn(this.fd, parsed.sections));
    } catch (error) {
      if (error instanceof SnapshotError) throw error;
      throw new SnapshotError(`inconsistent state (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

/** Checks that a value from the state JSON is a number (the restore code's small guard). */
export function num(value: unknown, what: string): number {
  if (typeof value !== "number") throw new SnapshotError(`${what} is not a number`);
  return value;
}
