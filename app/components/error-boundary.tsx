import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { buttonClass } from "./button";

/**
 * The one error display: a 404 says what was not found and where to go; anything else says
 * something went wrong without leaking internals (the server logs the details).
 */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const message = typeof error.data === "string" && error.data ? error.data : null;
    if (error.status === 404) {
      return (
        <ErrorPanel
          title="Page not found"
          body={message ?? "We couldn't find that page. It may have moved, or the role may have been removed."}
        />
      );
    }
    return <ErrorPanel title={`${error.status} ${error.statusText || "Error"}`} body={message ?? "The request could not be completed."} />;
  }
  return <ErrorPanel title="Something went wrong" body="An unexpected error occurred. Please try again in a moment." />;
}

function ErrorPanel({ title, body }: { title: string; body: string }) {
  return (
    <section className="mx-auto max-w-xl rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
      <p className="mt-3 text-slate-700">{body}</p>
      <p className="mt-6 flex justify-center gap-3">
        <Link to="/roles" className={buttonClass()}>
          Browse roles
        </Link>
        <Link to="/" className={buttonClass({ variant: "secondary" })}>
          Home
        </Link>
      </p>
    </section>
  );
}
