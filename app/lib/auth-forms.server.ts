/**
 * The log-in and sign-up forms' server side: the actions, and the fields' limits for the
 * browser. Kept out of the route modules so zod and conform's zod helpers never reach the
 * pages' JavaScript (the routes import only this .server module, an empty one in the
 * browser build). The fields carry the schema's limits as attributes (maxLength stops typing
 * past one); the action checks everything and its messages appear beside the fields.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { caughtInHoneypot } from "./honeypot";
import { readForm } from "./read-form.server";
import { safeRedirect } from "./safe-redirect";
import { loginSchema, signupSchema } from "./schemas/auth";
import { formConstraint } from "./schemas/constraint";
import { createSession } from "./session.server";
import { EmailTakenError, createUser, verifyLogin } from "~/models/user.server";

/** required, maxLength and minLength of each field, from the schemas the actions use. */
export const loginConstraint = () => formConstraint(loginSchema);
export const signupConstraint = () => formConstraint(signupSchema);

// Attempts are rate limited in the server entry (the "auth" tier in app/lib/rate-limit.server.ts).
export async function loginAction({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: loginSchema });
  if (submission.status !== "success" || caughtInHoneypot(formData)) {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const user = await verifyLogin(submission.value.email, submission.value.password);
  if (!user) {
    // One message for an unknown email and a wrong password: no account enumeration.
    return data(
      { result: submission.reply({ formErrors: ["That email and password don't match an account."], hideFields: ["password"] }) },
      { status: 400 },
    );
  }
  return redirect(safeRedirect(submission.value.redirectTo, "/employer"), {
    headers: { "Set-Cookie": await createSession(user.id) },
  });
}

export async function signupAction({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: signupSchema });
  if (submission.status !== "success" || caughtInHoneypot(formData)) {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  try {
    const user = await createUser(submission.value);
    return redirect(safeRedirect(submission.value.redirectTo, "/employer"), {
      headers: { "Set-Cookie": await createSession(user.id) },
    });
  } catch (error) {
    if (!(error instanceof EmailTakenError)) throw error;
    return data(
      {
        result: submission.reply({
          fieldErrors: { email: ["An account with this email already exists. Log in instead?"] },
          hideFields: ["password"],
        }),
      },
      { status: 400 },
    );
  }
}
