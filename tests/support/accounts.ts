/**
 * Test accounts: a user with a live session, as the Cookie header a browser would send, and
 * a way to call a route's action with a form the way Remix would.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { createSession } from "~/lib/session.server";
import { createUser } from "~/models/user.server";
import { createCompany } from "~/models/company.server";

let counter = 0;

export async function signedInUser(name = "user") {
  counter++;
  const email = `${name}-${counter}-${process.pid}@example.com`;
  const user = await createUser({ email, password: "a long enough password", displayName: name });
  const setCookie = await createSession(user.id);
  return { id: user.id, email, cookie: setCookie.split(";")[0]! };
}

export async function employerWithCompany(name: string) {
  const user = await signedInUser(name);
  const slug = `${name}-co-${counter}-${process.pid}`.toLowerCase();
  createCompany(user.id, { name: `${name} Co`, slug });
  return { ...user, companySlug: slug };
}

type Action = (args: ActionFunctionArgs) => unknown;

export interface ActionResult {
  status: number;
  location: string | null;
  data: unknown;
}

/** POSTs a form to an action; thrown and returned Responses and data() results unwrap alike. */
export async function postForm(
  action: Action,
  path: string,
  form: Record<string, string | string[]>,
  options: { cookie?: string; params?: Record<string, string> } = {},
): Promise<ActionResult> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  const request = new Request(new URL(path, "http://localhost"), {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(options.cookie ? { Cookie: options.cookie } : {}) },
  });
  let value: unknown;
  try {
    value = await action({ request, params: options.params ?? {}, context: {} });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    value = thrown;
  }
  if (value instanceof Response) {
    const text = await value.text();
    return { status: value.status, location: value.headers.get("Location"), data: text };
  }
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const wrapped = value as { data: unknown; init: ResponseInit | null };
    return { status: wrapped.init?.status ?? 200, location: null, data: wrapped.data };
  }
  return { status: 200, location: null, data: value };
}
