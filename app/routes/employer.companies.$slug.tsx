import type { SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { BackLink } from "~/components/back-link";
import { CompanyForm, CompanyProfileView } from "~/components/company-form";
import { CompanyPeople } from "~/components/company-people";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { cancelInvitationSchema, changeRoleSchema, companySchema, formConstraint, invitationSchema, parseWithZod, removeMemberSchema } from "~/lib/schemas/forms.server";
import { withSlugFromName } from "~/lib/slug";
import { requireUser } from "~/lib/session.server";
import {
  MAX_OPEN_INVITATIONS,
  MemberError,
  SlugTakenError,
  cancelInvitation,
  changeMemberRole,
  invitationsOf,
  inviteToCompany,
  isSlugTaken,
  membersOf,
  removeMember,
  requireMembership,
  updateCompanyProfile,
} from "~/models/company.server";
import { prerenderDescription } from "~/models/description.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `${loaded.company.name} settings · Tokenboard` : "Company settings · Tokenboard" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { company, role } = requireMembership(user.id, params.slug ?? "");
  const isOwner = role === "owner";
  return {
    company: {
      slug: company.slug,
      name: company.name,
      website: company.website ?? undefined,
      description: company.description,
      sizeBand: company.sizeBand ?? undefined,
      headquarters: company.headquarters ?? undefined,
    },
    isOwner,
    members: membersOf(company.id),
    // Who has been invited is the owners' business.
    invitations: isOwner ? invitationsOf(company.id) : [],
    maxInvitations: MAX_OPEN_INVITATIONS,
    userId: user.id,
    constraints: isOwner ? { profile: formConstraint(companySchema), invite: formConstraint(invitationSchema) } : null,
  };
}

const SLUG_TAKEN = "That address is taken; choose another";

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { company } = requireMembership(user.id, params.slug ?? "");
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = `/employer/companies/${company.slug}`;
  // The model checks the acting user's role again inside each write; these early checks give
  // a member the same 403 before their form is even read.
  const ownersOnly = () => requireMembership(user.id, company.slug, "owner");

  try {
    switch (intent) {
      case "save-company": {
        ownersOnly();
        const submission = parseWithZod(withSlugFromName(formData), {
          schema: companySchema.superRefine((value, ctx) => {
            if (isSlugTaken(value.slug, company.id)) ctx.addIssue({ code: "custom", path: ["slug"], message: SLUG_TAKEN });
          }),
        });
        if (submission.status !== "success") return data({ form: "profile" as const, result: submission.reply() }, { status: 400 });
        try {
          const description = await prerenderDescription(submission.value.description ?? "");
          updateCompanyProfile(user.id, company.id, submission.value, description);
        } catch (error) {
          if (!(error instanceof SlugTakenError)) throw error;
          return data({ form: "profile" as const, result: submission.reply({ fieldErrors: { slug: [SLUG_TAKEN] } }) }, { status: 400 });
        }
        return redirect(`/employer/companies/${submission.value.slug}?saved=profile`);
      }
      case "invite": {
        ownersOnly();
        const submission = parseWithZod(formData, { schema: invitationSchema });
        if (submission.status !== "success") return data({ form: "invite" as const, result: submission.reply() }, { status: 400 });
        try {
          inviteToCompany(user.id, company.id, submission.value.email, submission.value.role);
        } catch (error) {
          if (!(error instanceof MemberError)) throw error;
          return data({ form: "invite" as const, result: submission.reply({ fieldErrors: { email: [error.message] } }) }, { status: 400 });
        }
        // One answer for every email: nothing here depends on whether it has an account.
        return redirect(`${here}?saved=invited`);
      }
      case "cancel-invitation": {
        ownersOnly();
        const submission = parseWithZod(formData, { schema: cancelInvitationSchema });
        if (submission.status !== "success") return peopleReply(submission.reply());
        cancelInvitation(user.id, company.id, submission.value.invitationId);
        return redirect(`${here}?saved=people`);
      }
      case "change-role": {
        ownersOnly();
        const submission = parseWithZod(formData, { schema: changeRoleSchema });
        if (submission.status !== "success") return peopleReply(submission.reply());
        changeMemberRole(user.id, company.id, submission.value.userId, submission.value.role);
        return redirect(`${here}?saved=people`);
      }
      case "remove-member": {
        const submission = parseWithZod(formData, { schema: removeMemberSchema });
        if (submission.status !== "success") return peopleReply(submission.reply());
        const { userId } = submission.value;
        if (userId !== user.id) ownersOnly();
        removeMember(user.id, company.id, userId);
        return userId === user.id ? redirect("/employer?left=1") : redirect(`${here}?saved=people`);
      }
      case "leave": {
        removeMember(user.id, company.id, user.id);
        return redirect("/employer?left=1");
      }
      default:
        return data({ form: null, error: "That form is not one this page knows. Reload the page and try again." }, { status: 400 });
    }
  } catch (error) {
    if (error instanceof MemberError) return peopleError(error.message);
    throw error;
  }
}

/** A people form's errors: these forms have no field to show them beside but the one alert. */
function peopleReply(result: SubmissionResult<string[]>) {
  const messages = Object.values(result.error ?? {}).flatMap((list) => list ?? []);
  return peopleError(messages.join(" ") || undefined);
}

function peopleError(message = "Check the form and try again.") {
  return data({ form: "people" as const, error: message }, { status: 400 });
}

const SAVED: Record<string, string> = {
  profile: "Profile saved.",
  invited:
    "Invitation saved. It waits on their Tokenboard dashboard: ask them to sign in, or create an account, with that email address, then accept it. Nothing is sent by email.",
  people: "People updated.",
};

export default function CompanySettingsPage() {
  const { company, isOwner, members, invitations, maxInvitations, userId, constraints } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const saved = SAVED[searchParams.get("saved") ?? ""];
  const profileResult = actionData?.form === "profile" && "result" in actionData ? actionData.result : undefined;
  const inviteResult = actionData?.form === "invite" && "result" in actionData ? actionData.result : undefined;
  const error = actionData && "error" in actionData ? actionData.error : null;
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
      {saved && !actionData ? (
        <p role="status" className="rounded-lg border border-token-100 bg-token-50 p-3 text-token-800">
          {saved}
        </p>
      ) : null}
      {constraints ? (
        <CompanyForm key={company.slug} constraint={constraints.profile} lastResult={profileResult} defaultValue={company} submitLabel="Save profile" />
      ) : (
        <CompanyProfileView company={company} />
      )}
      <CompanyPeople
        isOwner={isOwner}
        inviteConstraint={constraints?.invite ?? null}
        userId={userId}
        members={members}
        invitations={invitations}
        maxInvitations={maxInvitations}
        inviteResult={inviteResult}
        error={error}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
