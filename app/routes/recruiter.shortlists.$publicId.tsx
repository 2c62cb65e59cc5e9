import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { CopyField } from "~/components/copy-button";
import { BackLink } from "~/components/back-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PayFigures } from "~/components/pay-figures";
import { RECRUITER_LIMITS, itemNote, roleReference, roleSlugFrom, shortlistNote, shortlistTitle } from "~/lib/schemas/recruiter";
import { config } from "~/lib/config.server";
import { requireUser } from "~/lib/session.server";
import {
  RecruiterError,
  addToShortlist,
  deleteShortlist,
  moveInShortlist,
  removeFromShortlist,
  requireShortlist,
  setShortlistNote,
  shortlistWithRoles,
  updateShortlist,
} from "~/models/recruiter.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `${loaded?.list.title ?? "Shortlist"} · Tokenboard` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const own = requireShortlist(user.id, params.publicId ?? "");
  const list = shortlistWithRoles(own.publicId)!;
  return { list, origin: config().publicUrl };
}

const roleId = z.coerce.number().int().positive();
const schemas = {
  add: z.object({ role: roleReference.min(1, "Paste a role's link"), note: itemNote }),
  note: z.object({ roleId, note: itemNote }),
  move: z.object({ roleId, direction: z.enum(["up", "down"]) }),
  remove: z.object({ roleId }),
  rename: z.object({ title: shortlistTitle, note: shortlistNote }),
  delete: z.object({}),
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const publicId = requireShortlist(user.id, params.publicId ?? "").publicId;
  const form = Object.fromEntries(await request.formData());
  const intent = String(form.intent ?? "");
  // Own keys only: `in` also finds "constructor", "toString" and the like on the prototype.
  if (!Object.hasOwn(schemas, intent)) return data({ error: "Unknown action" }, { status: 400 });
  const parsed = schemas[intent as keyof typeof schemas].safeParse(form);
  if (!parsed.success) return data({ error: parsed.error.issues[0]?.message ?? "Check the form" }, { status: 400 });
  // Each intent was parsed by its own schema above; these are the fields any of them has.
  const value = parsed.data as { role: string; note: string; roleId: number; direction: "up" | "down"; title: string };
  try {
    switch (intent) {
      case "add": {
        const slug = roleSlugFrom(value.role);
        if (!slug) return data({ error: "Paste the link of a role on Tokenboard" }, { status: 400 });
        addToShortlist(user.id, publicId, slug, value.note);
        break;
      }
      case "note":
        setShortlistNote(user.id, publicId, value.roleId, value.note);
        break;
      case "move":
        moveInShortlist(user.id, publicId, value.roleId, value.direction);
        break;
      case "remove":
        removeFromShortlist(user.id, publicId, value.roleId);
        break;
      case "rename":
        updateShortlist(user.id, publicId, value.title, value.note);
        break;
      case "delete":
        deleteShortlist(user.id, publicId);
        return redirect("/recruiter");
    }
  } catch (error) {
    if (error instanceof RecruiterError) return data({ error: error.message }, { status: 400 });
    throw error;
  }
  return redirect(`/recruiter/shortlists/${publicId}`);
}

export default function ManageShortlist() {
  const { list, origin } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const shareUrl = `${origin}/shortlists/${list.publicId}`;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <BackLink to="/recruiter">Recruiter dashboard</BackLink>
        <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">{list.title}</h1>
        <div className="mt-2 max-w-xl">
          <p className="text-sm text-slate-700">Public link (anyone with it can see the list):</p>
          <CopyField value={shareUrl} label="shortlist link" />
        </div>
      </div>
      {actionData?.error ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-red-900">
          {actionData.error}
        </p>
      ) : null}

      <Form method="post" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <input type="hidden" name="intent" value="add" />
        <div className="min-w-64 flex-1">
          <label htmlFor="add-role" className="block text-sm font-semibold text-slate-900">
            Add a role (its link or slug)
          </label>
          <input id="add-role" name="role" required maxLength={RECRUITER_LIMITS.roleReference} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" placeholder={`${origin}/roles/…`} />
        </div>
        <div className="min-w-64 flex-1">
          <label htmlFor="add-note" className="block text-sm font-semibold text-slate-900">
            Note
          </label>
          <input id="add-note" name="note" maxLength={RECRUITER_LIMITS.itemNote} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" placeholder="Why this one" />
        </div>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
          Add
        </button>
      </Form>

      {list.entries.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">
          This shortlist is empty. Add roles by pasting their links above.
        </p>
      ) : (
        <ol className="flex flex-col gap-3" aria-label="Roles on this shortlist">
          {list.entries.map((entry, index) => (
            <li key={entry.role.id} className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div>
                  <h2 className="font-semibold text-slate-900">
                    {index + 1}.{" "}
                    <Link to={entry.role.url} className="hover:underline">
                      {entry.role.title}
                    </Link>{" "}
                    {entry.status === "closed" ? <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">closed</span> : null}
                  </h2>
                  <p className="text-sm text-slate-700">{entry.role.company.name}</p>
                </div>
                <div className="flex gap-1">
                  {(["up", "down"] as const).map((direction) => (
                    <Form method="post" key={direction}>
                      <input type="hidden" name="intent" value="move" />
                      <input type="hidden" name="roleId" value={entry.role.id} />
                      <input type="hidden" name="direction" value={direction} />
                      <button
                        type="submit"
                        disabled={(direction === "up" && index === 0) || (direction === "down" && index === list.entries.length - 1)}
                        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm disabled:opacity-40"
                      >
                        {direction === "up" ? "↑" : "↓"}
                        <span className="sr-only">
                          Move {entry.role.title} {direction}
                        </span>
                      </button>
                    </Form>
                  ))}
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="roleId" value={entry.role.id} />
                    <button type="submit" className="rounded-md border border-red-300 bg-white px-2 py-1 text-sm text-red-800">
                      Remove<span className="sr-only"> {entry.role.title}</span>
                    </button>
                  </Form>
                </div>
              </div>
              <div className="max-w-xl">
                <PayFigures role={entry.role} />
              </div>
              <Form method="post" className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="intent" value="note" />
                <input type="hidden" name="roleId" value={entry.role.id} />
                <div className="min-w-64 flex-1">
                  <label htmlFor={`note-${entry.role.id}`} className="block text-xs font-medium text-slate-700">
                    Note for {entry.role.title}
                  </label>
                  <input id={`note-${entry.role.id}`} name="note" defaultValue={entry.note} maxLength={RECRUITER_LIMITS.itemNote} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1 text-sm" />
                </div>
                <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium">
                  Save note
                </button>
              </Form>
            </li>
          ))}
        </ol>
      )}

      <details className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <summary className="cursor-pointer font-medium text-slate-900">Rename or delete this shortlist</summary>
        <Form method="post" className="mt-3 flex flex-col gap-3">
          <input type="hidden" name="intent" value="rename" />
          <label className="text-sm font-semibold text-slate-900" htmlFor="rename-title">
            Title
          </label>
          <input id="rename-title" name="title" defaultValue={list.title} required maxLength={RECRUITER_LIMITS.shortlistTitle} className="rounded-md border border-slate-300 px-3 py-2" />
          <label className="text-sm font-semibold text-slate-900" htmlFor="rename-note">
            Note shown at the top
          </label>
          <textarea id="rename-note" name="note" defaultValue={list.note} maxLength={RECRUITER_LIMITS.shortlistNote} rows={3} className="rounded-md border border-slate-300 px-3 py-2" />
          <button type="submit" className="self-start rounded-md bg-brand-600 px-4 py-2 font-semibold text-white">
            Save
          </button>
        </Form>
        <Form method="post" className="mt-4">
          <input type="hidden" name="intent" value="delete" />
          <button type="submit" className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-800">
            Delete shortlist
          </button>
        </Form>
      </details>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
