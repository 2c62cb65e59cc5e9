import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, Link, useRouteLoaderData } from "@remix-run/react";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import type { ReactNode } from "react";
import stylesheet from "~/tailwind.css";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getSessionUser } from "~/lib/session.server";
import { useNonce } from "~/lib/nonce";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: stylesheet },
];

export const meta: MetaFunction = () => [
  { title: "Tokenboard: jobs with their token budget next to the salary" },
  {
    name: "description",
    content: "Engineering roles that state the AI inference you get to work with, beside the salary range.",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  return { user: user ? { displayName: user.displayName } : null };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function SiteHeader() {
  // The layout also renders error pages, where the root loader may not have run.
  const user = useRouteLoaderData<typeof loader>("root")?.user ?? null;
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `rounded-md px-3 py-2 text-sm font-medium ${isActive ? "bg-brand-50 text-brand-800" : "text-slate-700 hover:bg-slate-100"}`;
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3 sm:px-6">
        <Link to="/" className="flex items-center gap-2 text-lg font-bold tracking-tight text-slate-900">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          Tokenboard
        </Link>
        <nav aria-label="Main">
          <ul className="flex flex-wrap items-center gap-1">
            <li>
              <NavLink to="/roles" className={navClass}>
                Browse roles
              </NavLink>
            </li>
            <li>
              <NavLink to="/companies" className={navClass}>
                Companies
              </NavLink>
            </li>
            <li>
              <NavLink to="/market" className={navClass}>
                Market
              </NavLink>
            </li>
            <li>
              <NavLink to="/employer" className={navClass}>
                {user ? "Employer dashboard" : "Post a role"}
              </NavLink>
            </li>
            {user ? (
              <li>
                <NavLink to="/recruiter" className={navClass}>
                  Recruiter
                </NavLink>
              </li>
            ) : null}
            {user ? (
              <li>
                <Form method="post" action="/logout">
                  <button type="submit" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
                    Log out <span className="sr-only">{user.displayName}</span>
                  </button>
                </Form>
              </li>
            ) : (
              <li>
                <NavLink to="/login" className={navClass}>
                  Log in
                </NavLink>
              </li>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}

function SiteFooter() {
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-slate-600 sm:px-6">
        <p>Tokenboard lists the token budget beside the salary: the AI inference you get to work with is pay too.</p>
        <nav aria-label="More" className="mt-2">
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            <li>
              <Link to="/market" className="underline">
                Market
              </Link>
            </li>
            <li>
              <Link to="/calculator" className="underline">
                Fully loaded cost calculator
              </Link>
            </li>
            <li>
              <Link to="/pricing" className="underline">
                Pricing basis
              </Link>
            </li>
            <li>
              <a href="/feeds/roles.atom" className="underline">
                Feed of new roles
              </a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/** The description preview (a fetcher POST) changes nothing the page shows: don't reload for it. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction === "/employer/markdown-preview" ? false : defaultShouldRevalidate;
