import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { destroyAllSessions, destroySession, getSessionUser } from "~/lib/session.server";

/** Logging out changes state, so it is a POST; a GET just goes home. */
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  if (formData.get("everywhere") === "1") {
    const user = await getSessionUser(request);
    if (user) destroyAllSessions(user.id);
  }
  return redirect("/", { headers: { "Set-Cookie": await destroySession(request) } });
}
