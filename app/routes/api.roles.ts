import type { LoaderFunctionArgs } from "@remix-run/node";
import { PUBLIC_JSON_HEADERS, toApiRole } from "~/lib/api-role.server";
import { BUDGET_BUCKETS, parseSearchParams, type ParamIssue } from "~/lib/search-params";
import { db } from "~/models/db.server";
import { CursorError, searchAggregates, searchRoles } from "~/models/search.server";
import { config } from "~/lib/config.server";

/**
 * GET /api/roles: the search as JSON, `{ roles, nextCursor, prevCursor }`, and with `counts=1`
 * the filter panel's exact counts too (`counts`: the total, each facet's counts with the other
 * filters applied, and the budget histogram); 400 `{ error, issues }` on bad input.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = parseSearchParams(url.searchParams);
  const counts = wantsCounts(url.searchParams);
  const issues = [...(parsed.ok ? [] : parsed.issues), ...(counts.ok ? [] : [counts.issue])];
  if (!parsed.ok || !counts.ok) return invalid(issues);
  try {
    const now = Date.now();
    const page = searchRoles(db(), parsed.params, now);
    return Response.json(
      {
        roles: page.roles.map((role) => toApiRole(role, config().publicUrl)),
        nextCursor: page.nextCursor,
        prevCursor: page.prevCursor,
        ...(counts.value ? { counts: apiCounts(searchAggregates(db(), parsed.params, now)) } : {}),
      },
      { headers: PUBLIC_JSON_HEADERS },
    );
  } catch (error) {
    if (error instanceof CursorError) return invalid([{ param: "cursor", message: error.message }]);
    throw error;
  }
}

function invalid(issues: { param: string; message: string }[]) {
  return Response.json(
    { error: "Invalid search parameters", issues },
    { status: 400, headers: { ...PUBLIC_JSON_HEADERS, "Cache-Control": "no-store" } },
  );
}

/** `counts`: absent, 0 or false (no counts), 1 or true (counts); anything else is refused. */
function wantsCounts(searchParams: URLSearchParams): { ok: true; value: boolean } | { ok: false; issue: ParamIssue } {
  const values = searchParams.getAll("counts");
  if (values.length === 0) return { ok: true, value: false };
  if (values.length === 1 && ["0", "false", "1", "true"].includes(values[0]!.trim().toLowerCase())) return { ok: true, value: ["1", "true"].includes(values[0]!.trim().toLowerCase()) };
  return { ok: false, issue: { param: "counts", message: "counts must be given once, as 1 (include the counts) or 0" } };
}

/**
 * The aggregates as the contract names them: each histogram bucket carries its bounds (from
 * inclusive, to exclusive, null for the open top; "None" is a stated budget of $0; roles that
 * state no budget are in no bucket).
 */
function apiCounts(aggregates: ReturnType<typeof searchAggregates>) {
  const { budgetHistogram, ...facets } = aggregates;
  return {
    ...facets,
    budgetHistogram: BUDGET_BUCKETS.map((bucket, i) => ({
      label: bucket.label,
      fromUsdPerYear: bucket.from,
      toUsdPerYear: Number.isFinite(bucket.to) ? bucket.to : null,
      roles: budgetHistogram[i] ?? 0,
    })),
  };
}
