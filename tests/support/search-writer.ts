/**
 * A second process that writes roles through the app's data layer, for the two-process search
 * test (tests/integration/search-feed.test.ts). Run as `node --import tsx`, with DATABASE_URL
 * and WRITER_USER ({ id, companySlug } of an employer). Reads one JSON command per line on
 * stdin and answers one JSON line per command once its transaction has committed:
 *   {"op":"publish","title":"..."}      -> {"ok":true,"id":123}
 *   {"op":"close","id":123}             -> {"ok":true}
 *   {"op":"rename","id":123,"title":"..."} -> {"ok":true}
 */
import readline from "node:readline";
import { db } from "~/models/db.server";
import { changeLifecycle, createRole, updateRole } from "~/models/employer.server";
import { publishableRole } from "./publishable-role";

const user = JSON.parse(process.env.WRITER_USER ?? "null") as { id: number; companySlug: string } | null;
if (!user) {
  console.error("search-writer.ts: WRITER_USER must be set");
  process.exit(2);
}

db();
console.log(JSON.stringify({ ready: true }));
const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const command = JSON.parse(line) as { op: string; id?: number; title?: string };
  try {
    if (command.op === "publish") {
      const role = createRole(user.id, user.companySlug, publishableRole(command.title!), true);
      console.log(JSON.stringify({ ok: true, id: role.id }));
    } else if (command.op === "close") {
      changeLifecycle(user.id, command.id!, "close");
      console.log(JSON.stringify({ ok: true }));
    } else if (command.op === "rename") {
      updateRole(user.id, command.id!, publishableRole(command.title!, "save"), "save");
      console.log(JSON.stringify({ ok: true }));
    } else {
      console.log(JSON.stringify({ ok: false, error: `unknown op ${command.op}` }));
    }
  } catch (error) {
    console.log(JSON.stringify({ ok: false, error: error instanceof Error ? error.message : String(error) }));
  }
});
lines.on("close", () => process.exit(0));
