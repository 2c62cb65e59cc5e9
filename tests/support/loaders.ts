/**
 * Calls a route's loader the way Remix would and unwraps what it answered, whether it
 * returned plain data, `data(value, { status })`, a Response, or threw a Response.
 */
import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";

type Loader = (args: LoaderFunctionArgs) => unknown;

export interface LoaderResult<T> {
  status: number;
  data: T;
  headers: Headers;
}

export async function callLoader<T = unknown>(
  loader: Loader,
  path: string,
  params: Record<string, string> = {},
  headers: Record<string, string> = {},
  /** What server.ts would pass, e.g. `{ clientNetwork: "203.0.113.7" }`. */
  context: AppLoadContext = {},
  /** Where the request claims to be sent (its URL's origin), as Host or X-Forwarded-Host would make it. */
  origin = "http://localhost",
): Promise<LoaderResult<T>> {
  const request = new Request(new URL(path, origin), { headers });
  try {
    return await unwrap<T>(await loader({ request, params, context }));
  } catch (thrown) {
    if (thrown instanceof Response) return unwrap<T>(thrown);
    throw thrown;
  }
}

async function unwrap<T>(value: unknown): Promise<LoaderResult<T>> {
  if (value instanceof Response) {
    if (value.status >= 300 && value.status < 400) {
      return { status: value.status, data: value.headers.get("Location") as T, headers: value.headers };
    }
    const type = value.headers.get("Content-Type") ?? "";
    const body = type.includes("json") ? await value.json() : await value.text();
    return { status: value.status, data: body as T, headers: value.headers };
  }
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const wrapped = value as { data: T; init: ResponseInit | null };
    return { status: wrapped.init?.status ?? 200, data: wrapped.data, headers: new Headers(wrapped.init?.headers) };
  }
  return { status: 200, data: value as T, headers: new Headers() };
}
