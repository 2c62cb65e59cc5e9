import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CompanyForm } from "~/components/company-form";
import { companySchema, formConstraint, parseWithZod } from "~/lib/schemas/forms.server";
import { withSlugFromName } from "~/lib/slug";
import { requireUser } from "~/lib/session.server";
import { SlugTakenError, createCompany, isSlugTaken } from "~/models/company.server";
import { prerenderDescription } from "~/models/description.server";
import { BackLink } from "~/components/back-link";

export const meta: MetaFunction = () => [{ title: "Create a company profile · Tokenboard" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return { constraint: formConstraint(companySchema) };
}

const SLUG_TAKEN = "That address is taken; choose another";

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  // Whether a slug is free is a check only the server can make: another company's current
  // and former slugs are all taken (a former one still redirects to that company).
  const submission = parseWithZod(withSlugFromName(formData), {
    schema: companySchema.superRefine((value, ctx) => {
      if (isSlugTaken(value.slug)) ctx.addIssue({ code: "custom", path: ["slug"], message: SLUG_TAKEN });
    }),
  });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const company = createCompany(user.id, submission.value, await prerenderDescription(submission.value.description ?? ""));
    return redirect(`/employer?company=${company.slug}&created=1`);
  } catch (error) {
    if (!(error instanceof SlugTakenError)) throw error;
    return data({ result: submission.reply({ fieldErrors: { slug: [SLUG_TAKEN] } }) }, { status: 400 });
  }
}

export default function NewCompanyPage() {
  const { constraint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6">
      <div>
        <BackLink to="/employer">Dashboard</BackLink>
        <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">Create your company profile</h1>
        <p className="mt-1 text-slate-700">Candidates see it on your company page and beside each of your roles.</p>
      </div>
      <CompanyForm constraint={constraint} lastResult={actionData?.result} submitLabel="Create company" />
    </div>
  );
}
