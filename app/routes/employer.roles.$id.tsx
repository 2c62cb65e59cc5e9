import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { BackLink } from "~/components/back-link";
import { Button } from "~/components/button";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RoleForm } from "~/components/role-form";
import { dateLabel } from "~/lib/format";
import { handleRoleForm, postedIntent, roleFormConstraint, roleFormReference } from "~/lib/role-form.server";
import { INTENT_LABELS, LISTING_DAYS, allowedIntents, isFormIntent, roleState, type ListingIntent, type RoleState } from "~/lib/role-lifecycle";
import { requireUser } from "~/lib/session.server";
import { LifecycleError, changeLifecycle, formValuesFor, requireEditableRole, updateRole } from "~/models/employer.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Edit ${loaded.role.title} · Tokenboard` : "Role · Tokenboard" },
];

function roleIdFrom(params: { id?: string }): number {
  return /^\d{1,12}$/.test(params.id ?? "") ? Number(params.id) : -1;
}

/** What the page says after a save or a listing change (`?saved=`), per the role's state where it differs. */
const SAVED_MESSAGES: Record<string, string | Partial<Record<RoleState, string>>> = {
  published: "Saved and published. Candidates can see it now.",
  draft: "Draft saved. Only your company can see it.",
  saved: {
    listed: "Changes saved. Candidates see them now.",
    expired: "Changes saved. The listing has expired: renew it to list the role again.",
  },
  close: "The role is closed and no longer listed.",
  reopen: `The role is open again and listed for ${LISTING_DAYS} days.`,
  renew: `Renewed: listed for another ${LISTING_DAYS} days.`,
  duplicated: "This is a copy, saved as a draft. Edit it and publish when ready.",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { role, company, compensation } = requireEditableRole(user.id, roleIdFrom(params));
  const { rates, pricingBases } = roleFormReference();
  const state = roleState(role, Date.now());
  const savedKey = new URL(request.url).searchParams.get("saved") ?? "";
  const savedMessage = Object.hasOwn(SAVED_MESSAGES, savedKey) ? SAVED_MESSAGES[savedKey] : undefined;
  return {
    saved: (typeof savedMessage === "string" ? savedMessage : savedMessage?.[state]) ?? null,
    role: {
      id: role.id,
      slug: role.slug,
      title: role.title,
      state,
      publishedAt: role.publishedAt,
      expiresAt: role.expiresAt,
    },
    company: { slug: company.slug, name: company.name },
    defaultValue: formValuesFor(role, compensation),
    // The preview of the saved description, so the page opens with it (with or without JS):
    // the HTML stored when it was saved.
    descriptionPreviewHtml: role.description ? role.descriptionHtml : null,
    pricingBases,
    rates,
    constraint: roleFormConstraint(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const roleId = roleIdFrom(params);
  const { role } = requireEditableRole(user.id, roleId);
  const formData = await request.formData();
  // Only what the role's state allows; the model checks again inside its transaction.
  const { intent, refusal } = postedIntent(formData, roleState(role, Date.now()));
  if (refusal) return refusal;
  try {
    if (isFormIntent(intent)) {
      return await handleRoleForm(formData, roleFormReference(), (values, saving, description) => {
        updateRole(user.id, roleId, values, saving, description);
        return { id: roleId };
      });
    }
    const result = changeLifecycle(user.id, roleId, intent);
    if (intent === "delete") return redirect("/employer?deleted=1");
    if (intent === "duplicate") return redirect(`/employer/roles/${result.id}?saved=duplicated`);
    return redirect(`/employer/roles/${roleId}?saved=${intent}`);
  } catch (error) {
    if (error instanceof LifecycleError) return data({ lifecycleError: error.message }, { status: 409 });
    throw error;
  }
}

const STATE_STYLES: Record<Exclude<RoleState, "new">, string> = {
  draft: "bg-slate-100 text-slate-800",
  listed: "bg-token-100 text-token-800",
  expired: "bg-amber-100 text-amber-900",
  closed: "bg-slate-200 text-slate-800",
};

export default function EditRolePage() {
  const { role, company, defaultValue, descriptionPreviewHtml, pricingBases, rates, constraint, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formResult = actionData && "result" in actionData ? actionData : null;
  const lifecycleError = actionData && "lifecycleError" in actionData ? actionData.lifecycleError : null;
  // Only what the role's state allows (app/lib/role-lifecycle.ts); the server refuses the rest.
  const intents = allowedIntents(role.state);
  const listingIntents = intents.filter((intent): intent is ListingIntent => !isFormIntent(intent));
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <BackLink to={`/employer?company=${company.slug}`}>{`${company.name} dashboard`}</BackLink>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">{role.title}</h1>
          <span className={`rounded-full px-2.5 py-0.5 text-sm font-medium ${STATE_STYLES[role.state]}`}>{role.state}</span>
        </div>
        <p className="text-sm text-slate-700">
          {role.publishedAt ? `Published ${dateLabel(role.publishedAt)}. ` : "Not published yet. "}
          {role.expiresAt && (role.state === "listed" || role.state === "expired")
            ? `${role.state === "expired" ? "Expired" : "Listed until"} ${dateLabel(role.expiresAt)}.`
            : null}{" "}
          {role.state !== "draft" ? (
            <Link to={`/roles/${role.slug}`} className="font-medium text-brand-700 underline">
              View public page
            </Link>
          ) : null}
        </p>
      </div>

      {saved ? (
        <p role="status" className="rounded-lg border border-token-100 bg-token-50 p-3 text-token-800">
          {saved}
        </p>
      ) : null}
      {lifecycleError ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-red-900">
          {lifecycleError}
        </p>
      ) : null}

      <section aria-label="Listing actions" className="flex flex-wrap gap-2">
        {listingIntents.map((intent) => (
          <LifecycleButton key={intent} intent={intent} />
        ))}
      </section>

      <RoleForm
        key={`${role.id}-${role.state}`}
        lastResult={formResult?.result}
        descriptionPreviewHtml={formResult ? formResult.descriptionPreviewHtml : descriptionPreviewHtml}
        defaultValue={defaultValue}
        pricingBases={pricingBases}
        rates={rates}
        constraint={constraint}
        company={company}
        intents={intents.filter(isFormIntent)}
        locked={role.state === "closed" ? "A closed role is not edited. Reopen it to change and list it again, or duplicate it as a new draft." : null}
      />
    </div>
  );
}

function LifecycleButton({ intent }: { intent: ListingIntent }) {
  return (
    <Form method="post">
      <Button name="intent" value={intent} variant={intent === "delete" ? "danger" : "secondary"} size="sm">
        {INTENT_LABELS[intent]}
      </Button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/** The description preview (a fetcher POST) changes nothing the page shows: don't reload for it. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction === "/employer/markdown-preview" ? false : defaultShouldRevalidate;
