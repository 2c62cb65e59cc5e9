import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { readForm } from "~/lib/read-form.server";
import { destroyAllSessions, destroySession, getSessionUser } from "~/lib/session.server";

/** Logging out changes state, so it is a POST; a GET just goes home. */
export async function loader() {
  return redirect("/");
}

// Logging out needs nothing from the body: a bare POST (no body) ends this session, and only an
// explicit `everywhere=1` ends the others too.
export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  if (formData.get("everywhere") === "1") {
    const user = await getSessionUser(request);
    if (user) destroyAllSessions(user.id);
  }
  return redirect("/", { headers: { "Set-Cookie": await destroySession(request) } });
}
