import { Link } from "@remix-run/react";
import type { RoleSummary } from "~/models/role.server";
import type { EmploymentType, Level, Workplace } from "~/lib/vocabulary";
import { PayFigures, type CardBudget } from "./pay-figures";
import { Tag } from "./tag";
import { agoLabel } from "~/lib/format";
import {
  EMPLOYMENT_TYPE_LABELS,
  LEVEL_LABELS,
  TOKEN_CAP_LABELS,
  TOOL_LABELS,
  WORKPLACE_LABELS,
  labelOf,
} from "~/lib/vocabulary";

/** The role as a list shows it: who, what, where, and both figures with equal weight. */
export function RoleCard({
  role,
  now,
  headingLevel = 2,
  compareForm,
  compareChecked,
}: {
  /** A role; the form's preview passes null for what the employer has not chosen yet. */
  role: Omit<RoleSummary, "level" | "workplace" | "employmentType" | "tokenBudget"> & {
    tokenBudget: CardBudget;
    level: Level | null;
    workplace: Workplace | null;
    employmentType: EmploymentType | null;
  };
  now: number;
  headingLevel?: 2 | 3;
  /** The id of a GET form to /compare that this card's "Compare" checkbox belongs to. */
  compareForm?: string;
  /** Whether that checkbox starts ticked (a selection carried from another page of results). */
  compareChecked?: boolean;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const { tokenBudget } = role;
  const hasBudget = tokenBudget.usdPerYear !== null && tokenBudget.usdPerYear > 0;
  return (
    <article
      className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition hover:border-brand-600 sm:p-5"
      aria-labelledby={`role-${role.slug}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
        <div>
          <Heading id={`role-${role.slug}`} className="text-lg font-semibold text-slate-900">
            <Link to={role.url} className="hover:text-brand-700 hover:underline">
              {role.title}
            </Link>
          </Heading>
          <p className="text-sm text-slate-700">
            <Link to={`/companies/${role.company.slug}`} className="font-medium hover:underline">
              {role.company.name}
            </Link>
            {[role.level ? labelOf(LEVEL_LABELS, role.level) : null, role.workplace ? labelOf(WORKPLACE_LABELS, role.workplace) : null, role.location || null]
              .filter(Boolean)
              .map((part) => ` · ${part}`)
              .join("")}
          </p>
        </div>
        <div className="flex flex-col items-end gap-1">
          <p className="text-xs text-slate-600">
            {[role.employmentType ? labelOf(EMPLOYMENT_TYPE_LABELS, role.employmentType) : null, role.publishedAt ? agoLabel(Date.parse(role.publishedAt), now) : null]
              .filter(Boolean)
              .join(" · ")}
          </p>
          {compareForm ? (
            <label className="flex items-center gap-1.5 text-xs font-medium text-slate-700">
              <input type="checkbox" name="roles" value={role.slug} form={compareForm} defaultChecked={compareChecked} className="h-4 w-4 accent-brand-600" />
              Compare<span className="sr-only"> {role.title}</span>
            </label>
          ) : null}
        </div>
      </div>
      <PayFigures role={role} />
      <ul className="flex flex-wrap gap-1.5" aria-label="Token budget terms and tools">
        {/* Terms of a budget that exists: "Hard cap" on no budget at all says something untrue. */}
        {tokenBudget.cap && hasBudget ? (
          <li>
            <Tag tone="token">{labelOf(TOKEN_CAP_LABELS, tokenBudget.cap)}</Tag>
          </li>
        ) : null}
        {tokenBudget.scope === "pooled" && hasBudget ? (
          <li>
            <Tag tone="token">Pooled{tokenBudget.poolSize ? ` across ${tokenBudget.poolSize}` : ""}</Tag>
          </li>
        ) : null}
        {tokenBudget.tools.map((tool) => (
          <li key={tool}>
            <Tag>{labelOf(TOOL_LABELS, tool)}</Tag>
          </li>
        ))}
      </ul>
    </article>
  );
}
