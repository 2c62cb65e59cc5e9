import { getFormProps, useForm } from "@conform-to/react";
import type * as z from "zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormErrors, TextField } from "~/components/form-fields";
import { Button } from "~/components/button";
import { HoneypotField } from "~/lib/honeypot";
import { safeRedirect } from "~/lib/safe-redirect";
import type { signupSchema } from "~/lib/schemas/auth";
import { signupAction, signupConstraint } from "~/lib/auth-forms.server";
import { getSessionUser } from "~/lib/session.server";

export const meta: MetaFunction = () => [{ title: "Create an account · Tokenboard" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/employer");
  return { constraint: signupConstraint() };
}

// Attempts are rate limited in the server entry (the "auth" tier in app/lib/rate-limit.server.ts).
export async function action(args: ActionFunctionArgs) {
  return signupAction(args);
}

export default function SignupPage() {
  const actionData = useActionData<typeof action>();
  const { constraint } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const [form, fields] = useForm<z.input<typeof signupSchema>>({
    id: "signup",
    lastResult: actionData?.result,
    constraint,
  });
  return (
    <div className="mx-auto flex max-w-md flex-col gap-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Create an account</h1>
        <p className="mt-1 text-slate-700">Post roles with their salary range and token budget, side by side.</p>
      </div>
      <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <FormErrors errors={form.errors} />
        <HoneypotField />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField field={fields.displayName} label="Your name" autoComplete="name" />
        <TextField field={fields.email} label="Work email" type="email" autoComplete="email" />
        <TextField field={fields.password} label="Password" type="password" autoComplete="new-password" hint="At least 12 characters." />
        <Button disabled={navigation.state === "submitting"}>Create account</Button>
      </Form>
      <p className="text-center text-sm text-slate-700">
        Already have an account?{" "}
        <Link to={`/login${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`} className="font-medium text-brand-700 underline">
          Log in
        </Link>
      </p>
    </div>
  );
}
