/**
 * The company directory (/companies): companies in name order, optionally those whose name
 * starts with what the visitor typed, a keyset page at a time. Names come from the companies
 * table by its (lower(name), id) index, one range per page; each company's open roles and
 * median token budget come from the in-memory search index (app/search/companies.ts). The
 * cost of a page is its size, whatever the number of companies or roles.
 */
import type { Statement } from "better-sqlite3";
import { z } from "zod";
import type { Db } from "../../db/client";
import { companyFigures } from "~/search/companies";
import { searchIndex } from "./search-feed.server";

export const DIRECTORY_PAGE_SIZE = 24;

/** ?q= (a name's beginning) and ?after= (the last company id of the previous page). */
export const directoryQuerySchema = z.object({
  q: z.string().trim().max(80, "Type at most 80 characters of a company's name.").default(""),
  after: z.coerce
    .number({ message: "That page link is broken: start from the first page." })
    .int("That page link is broken: start from the first page.")
    .positive("That page link is broken: start from the first page.")
    .optional(),
});
export type DirectoryQuery = z.infer<typeof directoryQuerySchema>;

export interface DirectoryCompany {
  slug: string;
  name: string;
  openRoles: number;
  medianTokenBudget: number | null;
}

export interface DirectoryPage {
  companies: DirectoryCompany[];
  /** The id to ask for the next page with (?after=), or null on the last page. */
  nextAfter: number | null;
}

/** SQLite's lower() folds ASCII letters only; the prefix is folded the same way so both agree. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

const statements = new WeakMap<Db["$client"], { page: Statement; nameOf: Statement }>();

export function companyDirectory(db: Db, query: DirectoryQuery, now: number, limit = DIRECTORY_PAGE_SIZE): DirectoryPage {
  let prepared = statements.get(db.$client);
  if (!prepared) {
    // `after` is an id: the page starts after that company's (lower(name), id). A prefix is the
    // range [prefix, prefix + U+10FFFF); the range starts at the later of the prefix and the
    // previous page's last name, so a page reads only its own rows of the index.
    const page = db.$client.prepare(
      `SELECT id, slug, name FROM companies INDEXED BY companies_name_lower_idx
        WHERE lower(name) >= @start AND lower(name) < @prefixEnd
          AND (lower(name) > @afterName OR id > @afterId)
        ORDER BY lower(name), id LIMIT @limit`,
    );
    const nameOf = db.$client.prepare(`SELECT lower(name) FROM companies WHERE id = ?`).pluck();
    statements.set(db.$client, (prepared = { page, nameOf }));
  }
  const prefix = asciiLower(query.q);
  // Without `after`, the page starts before every name; an `after` whose company is gone
  // (deleted since the link was made) starts at the beginning too.
  const afterName = query.after === undefined ? undefined : (prepared.nameOf.get(query.after) as string | undefined);
  const rows = prepared.page.all({
    start: afterName !== undefined && afterName > prefix ? afterName : prefix,
    prefixEnd: `${prefix}\u{10FFFF}`,
    afterName: afterName ?? "",
    afterId: afterName === undefined ? 0 : query.after!,
    limit: limit + 1,
  }) as { id: number; slug: string; name: string }[];
  const page = rows.slice(0, limit);
  const figures = companyFigures(searchIndex(db, now), page.map((row) => row.id), now);
  return {
    companies: page.map((row) => ({ slug: row.slug, name: row.name, ...figures.get(row.id)! })),
    nextAfter: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}
