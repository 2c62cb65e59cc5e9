/**
 * The built app (build/index.js, built first when stale) as a request handler: pages rendered
 * exactly as the server sends them, for tests that check what a page offers (its buttons, its
 * fields' maxLength). The bundle holds its own copy of the app's modules and shares the
 * database connection with the test; a test file that signs in must fix SESSION_SECRET
 * before either copy reads the configuration (`vi.hoisted`, as in hostile-input.test.ts).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { ROOT, ensureBuild } from "./server-process";

export type PageRenderer = (pathAndQuery: string, cookie?: string) => Promise<{ status: number; html: string }>;

export async function appPages(): Promise<PageRenderer> {
  ensureBuild(() => {});
  const build = (await import(/* @vite-ignore */ pathToFileURL(path.join(ROOT, "build/index.js")).href)) as ServerBuild;
  const handler = createRequestHandler(build, "production");
  return async (pathAndQuery, cookie) => {
    const headers: Record<string, string> = { Host: "localhost" };
    if (cookie) headers.Cookie = cookie;
    const response = await handler(new Request(`http://localhost${pathAndQuery}`, { headers }), { cspNonce: "dGVzdC1ub25jZQ==", clientNetwork: "127.0.0.1" });
    return { status: response.status, html: await response.text() };
  };
}

/** The `value` of every submit button named "intent" in a page, in order. */
export function intentButtons(html: string): string[] {
  return [...html.matchAll(/<button\b[^>]*>/g)]
    .map((tag) => tag[0])
    .filter((tag) => /\bname="intent"/.test(tag))
    .map((tag) => /\bvalue="([^"]*)"/.exec(tag)?.[1] ?? "");
}

/** The maxlength attribute of the field with a given name, or null. */
export function maxLengthOf(html: string, name: string): number | null {
  const tag = [...html.matchAll(/<(?:input|textarea)\b[^>]*>/g)].map((m) => m[0]).find((t) => new RegExp(`\\bname="${name}"`).test(t));
  const value = tag ? /\bmaxLength="(\d+)"|\bmaxlength="(\d+)"/i.exec(tag) : null;
  return value ? Number(value[1] ?? value[2]) : null;
}
