import { GeneralErrorBoundary } from "~/components/error-boundary";

// Any URL no other route matches: a real 404 with the site around it, not a bare error.
export async function loader() {
  throw new Response("We couldn't find that page. It may have moved.", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
