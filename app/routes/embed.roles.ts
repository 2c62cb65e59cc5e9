import type { LoaderFunctionArgs } from "@remix-run/node";
import { moneyRange, tokenBudgetLabel, tokensPerMonthAtLabel } from "~/lib/format";
import { parseSearchParams } from "~/lib/search-params";
import { LEVEL_LABELS, WORKPLACE_LABELS, labelOf } from "~/lib/vocabulary";
import { escapeXml as escape } from "~/lib/xml";
import { db } from "~/models/db.server";
import { searchRoles } from "~/models/search.server";
import { absoluteUrl } from "~/lib/config.server";

/**
 * /embed/roles?company=acme: a company's or a search's roles for an iframe on another site.
 * Plain HTML with a little inline CSS and no script, a few kilobytes; links open on
 * Tokenboard in a new tab. It may be framed by any site (server.ts leaves out X-Frame-Options
 * for /embed and this answer sets its own frame-ancestors).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = parseSearchParams(url.searchParams);
  const params = { ...parsed.params, cursor: undefined, limit: Math.min(parsed.params.limit, 50) };
  const { roles } = searchRoles(db(), params, Date.now());
  const items = roles
    .map(
      (role) => `<li><a href="${escape(absoluteUrl(role.url))}" target="_blank" rel="noopener">${escape(role.title)}</a>
<span class="m">${escape(role.company.name)} · ${escape(labelOf(LEVEL_LABELS, role.level))} · ${escape(labelOf(WORKPLACE_LABELS, role.workplace))}${role.location ? ` · ${escape(role.location)}` : ""}</span>
<span class="p"><b>${escape(moneyRange(role.salary.min, role.salary.max, role.salary.currency))}</b> salary <b class="t">${escape(tokenBudgetLabel(role.tokenBudget.usdPerYear))}</b> tokens${
        role.tokenBudget.usdPerYear ? ` <span class="m">${escape(tokensPerMonthAtLabel(role.tokenBudget.tokensPerMonth, role.tokenBudget.pricingBasis?.modelName ?? null))}</span>` : ""
      }</span></li>`,
    )
    .join("\n");
  const more = absoluteUrl(`/roles?${new URLSearchParams([...url.searchParams].filter(([k]) => k !== "limit"))}`);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Open roles · Tokenboard</title>
<style>body{margin:0;font:14px/1.4 system-ui,sans-serif;color:#0f172a}ul{list-style:none;margin:0;padding:0}li{padding:10px 12px;border-bottom:1px solid #e2e8f0;display:flex;flex-direction:column;gap:2px}a{color:#2443ad;font-weight:600;text-decoration:none}a:hover{text-decoration:underline}.m{color:#475569;font-size:12px}.p b{margin-right:4px}.t{color:#0f5434}footer{padding:8px 12px;font-size:12px;color:#475569}</style></head>
<body><ul>${items || '<li class="m">No open roles right now.</li>'}</ul><footer><a href="${escape(more)}" target="_blank" rel="noopener">All roles on Tokenboard</a> · salary and token budget side by side</footer></body></html>`;
  return new Response(html, {
    status: parsed.ok ? 200 : 400,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *; base-uri 'none'; form-action 'none'",
    },
  });
}
