import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RoleCard } from "~/components/role-card";
import { buttonClass } from "~/components/button";
import { db } from "~/models/db.server";
import { countListedRoles, searchRoles } from "~/models/search.server";

export const meta: MetaFunction = () => [
  { title: "Tokenboard: the job board that shows the token budget next to the salary" },
  {
    name: "description",
    content:
      "Salary, bonus, equity, and now inference: every role on Tokenboard states the AI token budget you get to work with.",
  },
];

export async function loader() {
  const now = Date.now();
  return {
    openRoles: countListedRoles(db(), now),
    latest: searchRoles(db(), { workplace: [], level: [], tool: [], sort: "newest", limit: 3 }, now).roles,
    now,
  };
}

const POINTS = [
  {
    title: "A fourth line of pay",
    body: "Coding agents, LLM APIs and GPUs cost real money. A $100k-a-year inference budget is worth as much to your work as a raise.",
  },
  {
    title: "Stated, then normalized",
    body: "Employers state budgets their way: dollars or tokens, per day, month or year. We convert each to USD per year and tokens per month, so roles compare fairly.",
  },
  {
    title: "Side by side, always",
    body: "Every card, page and API answer shows the token budget with the same weight as the salary range. Filter and sort by either.",
  },
];

export default function Landing() {
  const { openRoles, latest, now } = useLoaderData<typeof loader>();
  return (
    <div className="flex flex-col gap-12">
      <section className="flex flex-col items-start gap-5 pt-4">
        <p className="rounded-full border border-token-100 bg-token-50 px-3 py-1 text-sm font-medium text-token-800">
          {openRoles.toLocaleString("en-US")} open roles with a stated token budget
        </p>
        <h1 className="max-w-3xl text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">
          The job board that shows the <span className="text-token-700">token budget</span> next to the salary.
        </h1>
        <p className="max-w-2xl text-lg text-slate-700">
          How much inference will you get to work with? Tokenboard makes it a first-class part of every offer: entered in a
          structured way, normalized, and comparable across roles.
        </p>
        <div className="flex flex-wrap gap-3">
          <Link
            to="/roles"
            className={buttonClass({ size: "lg", className: "py-3 text-base shadow-sm" })}
          >
            Browse roles
          </Link>
        </div>
      </section>

      <section aria-labelledby="why-heading">
        <h2 id="why-heading" className="sr-only">
          Why token budgets
        </h2>
        <ul className="grid gap-4 sm:grid-cols-3">
          {POINTS.map((point) => (
            <li key={point.title} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
              <h3 className="font-semibold text-slate-900">{point.title}</h3>
              <p className="mt-2 text-sm leading-6 text-slate-700">{point.body}</p>
            </li>
          ))}
        </ul>
      </section>

      {latest.length > 0 ? (
        <section aria-labelledby="latest-heading" className="flex flex-col gap-4">
          <div className="flex items-baseline justify-between">
            <h2 id="latest-heading" className="text-xl font-semibold text-slate-900">
              Just posted
            </h2>
            <Link to="/roles" className="text-sm font-medium text-brand-700 hover:underline">
              See all roles →
            </Link>
          </div>
          <ol className="flex flex-col gap-4">
            {latest.map((role) => (
              <li key={role.slug}>
                <RoleCard role={role} now={now} headingLevel={3} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
