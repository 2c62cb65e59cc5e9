/**
 * No GET changes the database. Every route module's loader is called (found by globbing
 * app/routes, so a new route is covered without editing this test), as a visitor and as a
 * signed-in employer, and the database must be the same afterwards. The only writes a GET
 * may make are the per-day visit counters (role_daily_stats, tracked_link_daily_stats) that
 * DESIGN.md's tracked links and the employer dashboard are built on, and the marks that make
 * them count each visitor once a day (visitor_marks).
 */
import crypto from "node:crypto";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { employerWithCompany, postForm } from "../support/accounts";
import { db } from "~/models/db.server";
import { action as newRoleAction } from "~/routes/employer.roles.new";

// visitor_marks goes with the counters: a mark is written exactly when a counter may move.
const VISIT_COUNTERS = new Set(["role_daily_stats", "tracked_link_daily_stats", "visitor_marks"]);

function databaseDigest(): string {
  const tables = (
    db().$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
      name: string;
    }[]
  )
    .map((t) => t.name)
    .filter((name) => !VISIT_COUNTERS.has(name));
  const hash = crypto.createHash("sha256");
  for (const table of tables) {
    hash.update(table);
    // Sorted as text: some tables are WITHOUT ROWID, so there is no one column to order by.
    const rows = (db().$client.prepare(`SELECT * FROM "${table}"`).all() as unknown[]).map((row) => JSON.stringify(row)).sort();
    for (const row of rows) hash.update(row);
  }
  return hash.digest("hex");
}

type Loader = (args: LoaderFunctionArgs) => unknown;
const modules = import.meta.glob<{ loader?: Loader }>("/app/routes/*.{ts,tsx}", { eager: true });
const rootModule = import.meta.glob<{ loader?: Loader }>("/app/root.tsx", { eager: true });

describe("GET requests", () => {
  it("never change the database (visit counters aside)", async () => {
    const employer = await employerWithCompany("getcheck");
    const created = await postForm(
      newRoleAction,
      `/employer/roles/new?company=${employer.companySlug}`,
      { intent: "draft", title: "Draft for the GET check" },
      { cookie: employer.cookie },
    );
    const draftId = /\/employer\/roles\/(\d+)/.exec(created.location ?? "")?.[1];
    expect(draftId).toBeTruthy();
    const listed = db().$client.prepare("SELECT slug FROM roles WHERE status = 'published' AND expires_at > ? LIMIT 1").get(Date.now()) as { slug: string };
    const company = db().$client.prepare("SELECT slug FROM companies LIMIT 1").get() as { slug: string };

    const params: Record<string, string> = { slug: listed.slug, id: draftId!, "*": "anything/here" };
    const paths = ["/", "/roles?workplace=remote&sort=tokens_desc&q=engineer", "/roles?minTokenBudget=bad", `/employer?company=${employer.companySlug}`];

    const before = databaseDigest();
    let called = 0;
    for (const [file, module] of Object.entries({ ...modules, ...rootModule })) {
      if (!module.loader) continue;
      const routeParams = file.includes("companies.$slug") ? { ...params, slug: file.includes("employer") ? employer.companySlug : company.slug } : params;
      for (const cookie of [undefined, employer.cookie]) {
        for (const path of paths) {
          const request = new Request(new URL(path, "http://localhost"), { headers: cookie ? { Cookie: cookie } : {} });
          try {
            await module.loader({ request, params: routeParams, context: {} });
          } catch (thrown) {
            // Redirects and 404s are answers too; anything else is a failure.
            if (!(thrown instanceof Response)) throw thrown;
          }
          called++;
        }
      }
    }
    expect(called).toBeGreaterThan(100);
    expect(databaseDigest()).toBe(before);
  });

  it("the check sees a change when there is one", () => {
    const before = databaseDigest();
    db().$client.prepare("UPDATE companies SET description = description || ' ' WHERE id = (SELECT min(id) FROM companies)").run();
    expect(databaseDigest()).not.toBe(before);
  });
});
