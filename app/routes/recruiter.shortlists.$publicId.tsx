import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/button";
import { CopyField } from "~/components/copy-button";
import { FormErrors, TextField, TextareaField } from "~/components/form-fields";
import { BackLink } from "~/components/back-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PayFigures } from "~/components/pay-figures";
import { formConstraint, parseWithZod, roleSlugFrom, shortlistPageSchemas } from "~/lib/schemas/forms.server";
import { config } from "~/lib/config.server";
import { requireUser } from "~/lib/session.server";
import { useSchemaForm } from "~/components/use-schema-form";
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
  const { add, note, rename } = shortlistPageSchemas;
  return { list, origin: config().publicUrl, constraints: { add: formConstraint(add), note: formConstraint(note), rename: formConstraint(rename) } };
}

type Intent = keyof typeof shortlistPageSchemas;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const publicId = requireShortlist(user.id, params.publicId ?? "").publicId;
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  // Own keys only: `in` also finds "constructor", "toString" and the like on the prototype.
  if (!Object.hasOwn(shortlistPageSchemas, intent)) return data({ form: null, result: null, error: "That form is not one this page knows. Reload the page and try again." }, { status: 400 });
  const submission = parseWithZod(formData, { schema: shortlistPageSchemas[intent as Intent] });
  // The note forms are one per role: the reply names which.
  const form = intent === "note" ? `note-${String(formData.get("roleId") ?? "")}` : intent;
  if (submission.status !== "success") return data({ form, result: submission.reply() }, { status: 400 });
  const value = submission.value;
  try {
    switch (value.intent) {
      case "add":
        addToShortlist(user.id, publicId, roleSlugFrom(value.role)!, value.note);
        break;
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
    if (!(error instanceof RecruiterError)) throw error;
    return data({ form, result: submission.reply({ fieldErrors: { role: [error.message] } }) }, { status: 400 });
  }
  return redirect(`/recruiter/shortlists/${publicId}`);
}

export default function ManageShortlist() {
  const { list, origin } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultOf = (form: string) => (actionData && actionData.form === form ? actionData.result : undefined);
  // Errors of the forms with no visible field (move, remove, delete), and of an unknown form.
  const topErrors = actionData
    ? "error" in actionData
      ? [actionData.error]
      : ["move", "remove", "delete"].includes(actionData.form ?? "")
        ? Object.values(actionData.result?.error ?? {}).flatMap((messages) => messages ?? [])
        : []
    : [];
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
      <FormErrors errors={topErrors} />

      {/* Keyed by the list's size: after a role is added the form starts empty again. */}
      <AddRoleForm key={list.entries.length} origin={origin} lastResult={resultOf("add")} />

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
                    <Button variant="danger" size="sm">
                      Remove<span className="sr-only"> {entry.role.title}</span>
                    </Button>
                  </Form>
                </div>
              </div>
              <div className="max-w-xl">
                <PayFigures role={entry.role} />
              </div>
              <NoteForm key={entry.note} roleId={entry.role.id} roleTitle={entry.role.title} note={entry.note} lastResult={resultOf(`note-${entry.role.id}`)} />
            </li>
          ))}
        </ol>
      )}

      <details className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <summary className="cursor-pointer font-medium text-slate-900">Rename or delete this shortlist</summary>
        <RenameForm title={list.title} note={list.note} lastResult={resultOf("rename")} />
        <Form method="post" className="mt-4">
          <input type="hidden" name="intent" value="delete" />
          <Button variant="danger" size="sm">
            Delete shortlist
          </Button>
        </Form>
      </details>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/** The text fields of this page's forms (each form uses some of them). */
type ShortlistFields = { role?: string; note?: string; title?: string };

function useShortlistForm(id: string, kind: "add" | "note" | "rename", lastResult: SubmissionResult<string[]> | null | undefined, defaultValue?: ShortlistFields) {
  const { constraints } = useLoaderData<typeof loader>();
  return useSchemaForm(() => import("~/lib/schemas/recruiter").then((m) => m.shortlistPageSchemas[kind]), { id, constraint: constraints[kind], lastResult, defaultValue });
}

function AddRoleForm({ origin, lastResult }: { origin: string; lastResult?: SubmissionResult<string[]> | null }) {
  const [form, fields] = useShortlistForm("add-role", "add", lastResult);
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-start gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <input type="hidden" name="intent" value="add" />
      <TextField field={fields.role} label="Add a role (its link or slug)" placeholder={`${origin}/roles/…`} className="min-w-64 flex-1" />
      <TextField field={fields.note} label="Note" placeholder="Why this one" className="min-w-64 flex-1" />
      <Button className="sm:mt-6">Add</Button>
    </Form>
  );
}

function NoteForm({ roleId, roleTitle, note, lastResult }: { roleId: number; roleTitle: string; note: string; lastResult?: SubmissionResult<string[]> | null }) {
  const [form, fields] = useShortlistForm(`note-${roleId}`, "note", lastResult, { note });
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-start gap-2">
      <input type="hidden" name="intent" value="note" />
      <input type="hidden" name="roleId" value={roleId} />
      <TextField field={fields.note} label={`Note for ${roleTitle}`} className="min-w-64 flex-1" />
      <Button variant="secondary" size="sm" className="sm:mt-6">
        Save note
      </Button>
    </Form>
  );
}

function RenameForm({ title, note, lastResult }: { title: string; note: string; lastResult?: SubmissionResult<string[]> | null }) {
  const [form, fields] = useShortlistForm("rename", "rename", lastResult, { title, note });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 flex flex-col gap-3">
      <input type="hidden" name="intent" value="rename" />
      <TextField field={fields.title} label="Title" />
      <TextareaField field={fields.note} label="Note shown at the top" rows={3} />
      <Button className="self-start">Save</Button>
    </Form>
  );
}
