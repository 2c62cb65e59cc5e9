import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { BackLink } from "~/components/back-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RoleForm } from "~/components/role-form";
import { handleRoleForm, postedIntent, roleFormConstraint, roleFormReference } from "~/lib/role-form.server";
import { allowedIntents, isFormIntent } from "~/lib/role-lifecycle";
import { requireUser } from "~/lib/session.server";
import { companiesForUser, requireMembership } from "~/models/company.server";
import { createRole } from "~/models/employer.server";

export const meta: MetaFunction = () => [{ title: "Post a role · Tokenboard" }];

function companySlugFrom(request: Request, userId: number): string {
  const slug = new URL(request.url).searchParams.get("company");
  if (slug) return slug;
  const first = companiesForUser(userId)[0];
  if (!first) throw redirect("/employer/companies/new");
  return first.slug;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { company } = requireMembership(user.id, companySlugFrom(request, user.id));
  const { rates, pricingBases } = roleFormReference();
  return { company: { slug: company.slug, name: company.name }, pricingBases, rates, constraint: roleFormConstraint() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { company } = requireMembership(user.id, companySlugFrom(request, user.id));
  const formData = await request.formData();
  // A role that is not saved yet can be saved as a draft, published or previewed; nothing else.
  const { refusal } = postedIntent(formData, "new");
  if (refusal) return refusal;
  return handleRoleForm(formData, roleFormReference(), (values, intent, description) =>
    createRole(user.id, company.slug, values, intent === "publish", description),
  );
}

export default function NewRolePage() {
  const { company, pricingBases, rates, constraint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formResult = actionData && "result" in actionData ? actionData : null;
  const lifecycleError = actionData && "lifecycleError" in actionData ? actionData.lifecycleError : null;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <BackLink to="/employer">Dashboard</BackLink>
        <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">Post a role at {company.name}</h1>
        <p className="mt-1 text-slate-700">Save a draft at any time; publishing needs the salary range and the token budget.</p>
      </div>
      {lifecycleError ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-red-900">
          {lifecycleError}
        </p>
      ) : null}
      <RoleForm
        lastResult={formResult?.result}
        descriptionPreviewHtml={formResult?.descriptionPreviewHtml}
        defaultValue={{ salaryCurrency: "USD", equityKind: "none", tokenUnit: "usd", tokenPeriod: "year", tokenCap: "soft", tokenScope: "personal" }}
        pricingBases={pricingBases}
        rates={rates}
        constraint={constraint}
        company={company}
        intents={allowedIntents("new").filter(isFormIntent)}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/** The description preview (a fetcher POST) changes nothing the page shows: don't reload for it. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction === "/employer/markdown-preview" ? false : defaultShouldRevalidate;
