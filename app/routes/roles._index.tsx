import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { RoleCard } from "~/components/role-card";
import { CursorError } from "~/lib/cursor.server";
import { db } from "~/models/db.server";
import { countListedRoles, listNewestRoles } from "~/models/role.server";

export const meta: MetaFunction = () => [
  { title: "Browse roles by salary and token budget · Tokenboard" },
  { name: "description", content: "Engineering roles with their salary range and AI token budget side by side." },
];

const paramsSchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const now = Date.now();
  const parsed = paramsSchema.safeParse({
    cursor: url.searchParams.get("cursor") || undefined,
    limit: url.searchParams.get("limit") || undefined,
  });
  const total = countListedRoles(db(), now);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = `${issue?.path.join(".") ?? "parameter"}: ${issue?.message ?? "invalid"}`;
    return data({ roles: [], nextCursor: null, total, now, error: message }, { status: 400 });
  }
  try {
    const page = listNewestRoles(db(), { now, limit: parsed.data.limit, cursor: parsed.data.cursor });
    return { ...page, total, now, error: null as string | null };
  } catch (error) {
    if (error instanceof CursorError) {
      return data({ roles: [], nextCursor: null, total, now, error: error.message }, { status: 400 });
    }
    throw error;
  }
}

export default function RolesPage() {
  const { roles, nextCursor, total, now, error } = useLoaderData<typeof loader>();
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">Roles</h1>
          <p className="mt-1 text-slate-700">
            Every role shows its salary range and its token budget side by side. Newest first.
          </p>
        </div>
        <p className="text-sm text-slate-700" aria-live="polite">
          {total.toLocaleString("en-US")} open {total === 1 ? "role" : "roles"}
        </p>
      </header>

      {error ? (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-red-900">
          <p className="font-medium">{error}</p>
          <p className="mt-1">
            <Link to="/roles" className="underline">
              Show the newest roles
            </Link>
          </p>
        </div>
      ) : null}

      {roles.length === 0 && !error ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center">
          <h2 className="text-lg font-semibold">No open roles right now</h2>
          <p className="mt-2 text-slate-700">New roles are posted every week. Check back soon.</p>
        </div>
      ) : (
        <ol className="flex flex-col gap-4" aria-label="Roles">
          {roles.map((role) => (
            <li key={role.slug}>
              <RoleCard role={role} now={now} />
            </li>
          ))}
        </ol>
      )}

      {nextCursor ? (
        <nav aria-label="Pagination" className="flex justify-center">
          <Link
            to={`/roles?cursor=${encodeURIComponent(nextCursor)}`}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-slate-800 hover:bg-slate-50"
          >
            Next page
          </Link>
        </nav>
      ) : null}
    </div>
  );
}
