/**
 * One worker thread of the search index's start-up build (app/models/search-feed.server.ts):
 * reads the listed roles with ids in [fromId, toId) on its own read-only connection, cuts
 * them into blocks (app/search/build.ts) and posts each block to the main thread, its
 * buffers transferred, not copied. Run with tsx as a loader, like the server.
 */
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { BlockBuilder, transferables } from "../search/build";
import { companyNames, documentsInRange, rangeStatement } from "./search-documents.server";

export interface BuildWorkerData {
  file: string;
  now: number;
  fromId: number;
  toId: number;
}

const { file, now, fromId, toId } = workerData as BuildWorkerData;
const client = new Database(file, { readonly: true, fileMustExist: true });
client.pragma("busy_timeout = 10000");
try {
  const builder = new BlockBuilder(now);
  for (const doc of documentsInRange(rangeStatement(client), companyNames(client), fromId, toId, now)) {
    const block = builder.add(doc);
    if (block) parentPort!.postMessage({ block }, transferables(block));
  }
  const last = builder.finish();
  if (last) parentPort!.postMessage({ block: last }, transferables(last));
  parentPort!.postMessage({ done: true });
} finally {
  client.close();
}
