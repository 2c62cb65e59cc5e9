import { getFormProps, useForm } from "@conform-to/react";
import type * as z from "zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormErrors, TextField } from "~/components/form-fields";
import { Button } from "~/components/button";
import { HoneypotField } from "~/lib/honeypot";
import { safeRedirect } from "~/lib/safe-redirect";
import type { loginSchema } from "~/lib/schemas/auth";
import { loginAction, loginConstraint } from "~/lib/auth-forms.server";
import { getSessionUser } from "~/lib/session.server";

export const meta: MetaFunction = () => [{ title: "Log in · Tokenboard" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/employer"));
  return { constraint: loginConstraint() };
}

// Attempts are rate limited in the server entry (the "auth" tier in app/lib/rate-limit.server.ts).
export async function action(args: ActionFunctionArgs) {
  return loginAction(args);
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const { constraint } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const [form, fields] = useForm<z.input<typeof loginSchema>>({
    id: "login",
    lastResult: actionData?.result,
    constraint,
  });
  return (
    <div className="mx-auto flex max-w-md flex-col gap-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Log in</h1>
        <p className="mt-1 text-slate-700">Post and manage roles for your company.</p>
      </div>
      <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <FormErrors errors={form.errors} />
        <HoneypotField />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField field={fields.email} label="Email" type="email" autoComplete="email" />
        <TextField field={fields.password} label="Password" type="password" autoComplete="current-password" />
        <Button disabled={navigation.state === "submitting"}>Log in</Button>
      </Form>
      <p className="text-center text-sm text-slate-700">
        New to Tokenboard?{" "}
        <Link to={`/signup${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`} className="font-medium text-brand-700 underline">
          Create an account
        </Link>
      </p>
    </div>
  );
}
