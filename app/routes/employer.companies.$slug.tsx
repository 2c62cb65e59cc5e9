import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";
import { CompanyForm } from "~/components/company-form";
import { BackLink } from "~/components/back-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { companySchema, memberSchema } from "~/lib/schemas/company";
import { requireUser } from "~/lib/session.server";
import {
  MemberError,
  SlugTakenError,
  addMember,
  isSlugTaken,
  membersOf,
  removeMember,
  requireMembership,
  updateCompany,
} from "~/models/company.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `${loaded.company.name} settings · Tokenboard` : "Company settings · Tokenboard" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { company, role } = requireMembership(user.id, params.slug ?? "");
  return {
    company: {
      slug: company.slug,
      name: company.name,
      website: company.website ?? undefined,
      description: company.description,
      sizeBand: company.sizeBand ?? undefined,
      headquarters: company.headquarters ?? undefined,
    },
    isOwner: role === "owner",
    members: membersOf(company.id),
    userId: user.id,
  };
}

const removeSchema = z.object({ intent: z.literal("remove-member"), userId: z.coerce.number().int().positive() });
const SLUG_TAKEN = "That address is taken; choose another";

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { company } = requireMembership(user.id, params.slug ?? "");
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "add-member" || intent === "remove-member") {
    // Managing people is for owners.
    requireMembership(user.id, company.slug, "owner");
    try {
      if (intent === "add-member") {
        const parsed = memberSchema.safeParse(Object.fromEntries(formData));
        if (!parsed.success) return data({ memberError: parsed.error.issues[0]?.message ?? "Check the email" }, { status: 400 });
        addMember(company.id, parsed.data.email, parsed.data.role);
      } else {
        const parsed = removeSchema.safeParse(Object.fromEntries(formData));
        if (!parsed.success) return data({ memberError: "Choose a member to remove" }, { status: 400 });
        removeMember(company.id, parsed.data.userId);
      }
    } catch (error) {
      if (error instanceof MemberError) return data({ memberError: error.message }, { status: 400 });
      throw error;
    }
    return redirect(`/employer/companies/${company.slug}?members=updated`);
  }

  const submission = parseWithZod(formData, {
    schema: companySchema.superRefine((value, ctx) => {
      if (isSlugTaken(value.slug, company.id)) ctx.addIssue({ code: "custom", path: ["slug"], message: SLUG_TAKEN });
    }),
  });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    updateCompany(company.id, submission.value);
  } catch (error) {
    if (!(error instanceof SlugTakenError)) throw error;
    return data({ result: submission.reply({ fieldErrors: { slug: [SLUG_TAKEN] } }) }, { status: 400 });
  }
  return redirect(`/employer/companies/${submission.value.slug}?saved=1`);
}

export default function CompanySettingsPage() {
  const { company, isOwner, members, userId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const result = actionData && "result" in actionData ? actionData.result : undefined;
  const memberError = actionData && "memberError" in actionData ? actionData.memberError : null;
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-8">
      <div>
        <BackLink to={`/employer?company=${company.slug}`}>Dashboard</BackLink>
        <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">{company.name}</h1>
        <p className="mt-1 text-slate-700">
          <Link to={`/companies/${company.slug}`} className="text-brand-700 underline">
            View the public company page
          </Link>
        </p>
      </div>
      <CompanyForm key={company.slug} lastResult={result} defaultValue={company} submitLabel="Save profile" />

      <section aria-labelledby="members-heading" className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="members-heading" className="text-xl font-semibold text-slate-900">
          People
        </h2>
        <ul className="divide-y divide-slate-100">
          {members.map((member) => (
            <li key={member.userId} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                <span className="font-medium text-slate-900">{member.displayName}</span>{" "}
                <span className="text-sm text-slate-600">
                  {member.email} · {member.role}
                </span>
              </span>
              {isOwner && member.userId !== userId ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-member" />
                  <input type="hidden" name="userId" value={member.userId} />
                  <button type="submit" className="text-sm font-medium text-red-800 underline">
                    Remove <span className="sr-only">{member.displayName}</span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {memberError ? (
          <p role="alert" className="text-sm font-medium text-red-700">
            {memberError}
          </p>
        ) : null}
        {isOwner ? (
          <Form method="post" className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="add-member" />
            <div className="flex-1">
              <label htmlFor="member-email" className="block text-sm font-semibold text-slate-900">
                Add someone by email
              </label>
              <input id="member-email" name="email" type="email" required className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
            </div>
            <div>
              <label htmlFor="member-role" className="block text-sm font-semibold text-slate-900">
                As
              </label>
              <select id="member-role" name="role" className="mt-1 rounded-md border border-slate-300 px-3 py-2">
                <option value="member">Member</option>
                <option value="owner">Owner</option>
              </select>
            </div>
            <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
              Add
            </button>
          </Form>
        ) : (
          <p className="text-sm text-slate-600">Only owners can add or remove people.</p>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
