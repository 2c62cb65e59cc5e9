/**
 * Tokenboard's data model (see shared/DESIGN.md, "The model").
 *
 * Conventions:
 * - Timestamps are integers: milliseconds since the Unix epoch (UTC). They sort, compare and
 *   encode into keyset cursors without any parsing.
 * - Enumerations are text columns constrained by the value lists in `app/lib/vocabulary.ts`
 *   (validated by zod on every write, checked again by CHECK constraints here).
 * - Money is stored in whole currency units as REAL; normalized figures are USD per year.
 * - Each index says which query it serves.
 */
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

const timestamps = {
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
};

export const companies = sqliteTable("companies", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  website: text("website"),
  description: text("description").notNull().default(""),
  // The description rendered and sanitized when it is saved (app/lib/markdown.server.ts), so
  // no page view renders Markdown. Null only until the start-up backfill has rendered it.
  descriptionHtml: text("description_html"),
  sizeBand: text("size_band"),
  headquarters: text("headquarters"),
  ...timestamps,
}, (t) => [
  // The company directory (/companies): names in order, a prefix search and keyset pages by
  // (lower(name), id), each a range of this index.
  index("companies_name_lower_idx").on(sql`lower(${t.name})`, t.id),
]);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    // Stored lower-cased by the model layer; the unique index on lower(email) makes the
    // case-insensitive uniqueness hold even for rows written another way.
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    displayName: text("display_name").notNull(),
    isRecruiter: integer("is_recruiter", { mode: "boolean" }).notNull().default(false),
    ...timestamps,
  },
  (t) => [uniqueIndex("users_email_lower_unique").on(sql`lower(${t.email})`)],
);

/** Server-side sessions, so a user can see and revoke them ("log out everywhere"). */
export const sessions = sqliteTable(
  "sessions",
  {
    // SHA-256 of the random token in the cookie: a leaked database does not leak live sessions.
    idHash: text("id_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  // Serves "log out everywhere" and the per-user session list.
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const memberships = sqliteTable(
  "memberships",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["owner", "member"] }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.companyId] }),
    // Serves "members of this company" on the company settings page.
    index("memberships_company_idx").on(t.companyId),
    check("memberships_role_check", sql`${t.role} in ('owner', 'member')`),
  ],
);

/**
 * Slugs a company used before renaming itself: reserved for it (no other company can take
 * them) and answered with a 301 to the current slug, so old embeds, feeds and links keep working.
 */
export const companySlugHistory = sqliteTable("company_slug_history", {
  slug: text("slug").primaryKey(),
  companyId: integer("company_id")
    .notNull()
    .references(() => companies.id, { onDelete: "cascade" }),
  createdAt: integer("created_at").notNull(),
});

/**
 * An owner's invitation for an email to join a company. Nothing happens until the person
 * signed in with that email accepts it; declining deletes it. The inviter learns nothing about
 * whether the email has an account.
 */
export const companyInvitations = sqliteTable(
  "company_invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    // Lower-cased by the model layer.
    email: text("email").notNull(),
    role: text("role", { enum: ["owner", "member"] }).notNull(),
    invitedByUserId: integer("invited_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    // One open invitation per company and email; serves the company's list of invitations.
    uniqueIndex("company_invitations_company_email").on(t.companyId, t.email),
    // Serves "invitations for me" when a user signs in.
    index("company_invitations_email_idx").on(t.email),
    check("company_invitations_role_check", sql`${t.role} in ('owner', 'member')`),
  ],
);

export const roles = sqliteTable(
  "roles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    level: text("level").notNull(),
    discipline: text("discipline").notNull(),
    employmentType: text("employment_type").notNull(),
    workplace: text("workplace").notNull(),
    locationText: text("location_text").notNull().default(""),
    // ISO 3166-1 alpha-2 codes, comma-separated ("US,CA"); empty means anywhere.
    countryCodes: text("country_codes").notNull().default(""),
    description: text("description").notNull().default(""),
    // Rendered and sanitized when saved, with a plain-text summary for meta tags, feeds and
    // JSON-LD; page views never render Markdown. Null only until the start-up backfill ran.
    descriptionHtml: text("description_html"),
    descriptionText: text("description_text"),
    applyUrl: text("apply_url"),
    applyEmail: text("apply_email"),
    status: text("status", { enum: ["draft", "published", "closed"] }).notNull(),
    publishedAt: integer("published_at"),
    expiresAt: integer("expires_at"),
    closedAt: integer("closed_at"),
    createdByUserId: integer("created_by_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    ...timestamps,
  },
  (t) => [
    // Serves the public listing in its default order (newest first, id breaks ties) and the
    // "is it listed" check; partial, so drafts and closed roles cost the listing nothing.
    index("roles_listing_newest_idx")
      .on(t.publishedAt, t.id)
      .where(sql`${t.status} = 'published'`),
    // Serves a company's page and the employer dashboard (roles of one company by status).
    index("roles_company_status_idx").on(t.companyId, t.status, t.publishedAt),
    check("roles_status_check", sql`${t.status} in ('draft', 'published', 'closed')`),
    check(
      "roles_published_has_dates",
      sql`${t.status} <> 'published' or (${t.publishedAt} is not null and ${t.expiresAt} is not null)`,
    ),
  ],
);

export const pricingBases = sqliteTable(
  "pricing_bases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    modelName: text("model_name").notNull(),
    provider: text("provider").notNull(),
    usdPerMInput: real("usd_per_m_input").notNull(),
    usdPerMOutput: real("usd_per_m_output").notNull(),
    usdPerMCachedInput: real("usd_per_m_cached_input"),
    // Share of tokens that are input (the rest output), e.g. 0.8 for agentic coding, where
    // the context read back in far outweighs what the model writes.
    inputShare: real("input_share").notNull(),
    asOf: text("as_of").notNull(),
    sourceUrl: text("source_url"),
    isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
    ...timestamps,
  },
  (t) => [
    // At most one default basis.
    uniqueIndex("pricing_bases_one_default").on(t.isDefault).where(sql`${t.isDefault} = 1`),
  ],
);

export const exchangeRates = sqliteTable("exchange_rates", {
  currency: text("currency").primaryKey(),
  usdPerUnit: real("usd_per_unit").notNull(),
  asOf: text("as_of").notNull(),
});

/**
 * One row per role: the package as the employer states it, plus the normalized figures that
 * `normalizeCompensation` (app/lib/normalize.ts) derives from it on every write.
 */
export const compensation = sqliteTable(
  "compensation",
  {
    roleId: integer("role_id")
      .primaryKey()
      .references(() => roles.id, { onDelete: "cascade" }),
    salaryCurrency: text("salary_currency").notNull(),
    salaryMin: real("salary_min"),
    salaryMax: real("salary_max"),
    bonusTargetPercent: real("bonus_target_percent"),
    equityKind: text("equity_kind"),
    equityMin: real("equity_min"),
    equityMax: real("equity_max"),
    // The token budget as stated.
    tokenAmount: real("token_amount"),
    tokenUnit: text("token_unit"),
    tokenPeriod: text("token_period"),
    tokenCap: text("token_cap"),
    tokenScope: text("token_scope"),
    tokenPoolSize: integer("token_pool_size"),
    // JSON array of tool slugs from the vocabulary; role_tools mirrors it for filtering.
    tools: text("tools").notNull().default("[]"),
    otherTools: text("other_tools").notNull().default(""),
    gpuAccess: text("gpu_access").notNull().default(""),
    pricingBasisId: integer("pricing_basis_id").references(() => pricingBases.id),
    // Normalized figures (USD per year unless named otherwise).
    tokenUsdPerYear: real("token_usd_per_year"),
    tokensPerMonth: real("tokens_per_month"),
    salaryMinUsd: real("salary_min_usd"),
    salaryMaxUsd: real("salary_max_usd"),
    totalMinUsd: real("total_min_usd"),
    totalMaxUsd: real("total_max_usd"),
    inferenceShare: real("inference_share"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    // Serve the token-budget order and min/max token budget bounds; role_id breaks ties.
    index("compensation_token_usd_idx").on(t.tokenUsdPerYear, t.roleId),
    // Serves the salary order and the minSalary bound (compared with the top of the range).
    index("compensation_salary_max_idx").on(t.salaryMaxUsd, t.roleId),
    // Serves the total-compensation order.
    index("compensation_total_max_idx").on(t.totalMaxUsd, t.roleId),
    // Serves the inference-share order.
    index("compensation_share_idx").on(t.inferenceShare, t.roleId),
    check(
      "compensation_salary_range",
      sql`${t.salaryMin} is null or ${t.salaryMax} is null or ${t.salaryMin} <= ${t.salaryMax}`,
    ),
    check("compensation_token_nonnegative", sql`${t.tokenAmount} is null or ${t.tokenAmount} >= 0`),
  ],
);

/** Tools a role provides, one row each: what the `tool` filter and tool facets read. */
export const roleTools = sqliteTable(
  "role_tools",
  {
    tool: text("tool").notNull(),
    roleId: integer("role_id")
      .notNull()
      .references(() => roles.id, { onDelete: "cascade" }),
  },
  // The key serves "roles providing tool X" (filter and facet counts); the second index
  // serves deleting or rewriting one role's tools.
  (t) => [primaryKey({ columns: [t.tool, t.roleId] }), index("role_tools_role_idx").on(t.roleId)],
);

/** Per-day counters for a role's own page (employer dashboard). No visitor data is kept. */
export const roleDailyStats = sqliteTable(
  "role_daily_stats",
  {
    roleId: integer("role_id")
      .notNull()
      .references(() => roles.id, { onDelete: "cascade" }),
    day: text("day").notNull(), // YYYY-MM-DD, UTC
    views: integer("views").notNull().default(0),
    applyClicks: integer("apply_clicks").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.roleId, t.day] })],
);

export const shortlists = sqliteTable(
  "shortlists",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    // Random public identifier used in the share URL (not guessable from the id).
    publicId: text("public_id").notNull().unique(),
    recruiterId: integer("recruiter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    note: text("note").notNull().default(""),
    ...timestamps,
  },
  // Serves the recruiter dashboard's list of shortlists.
  (t) => [index("shortlists_recruiter_idx").on(t.recruiterId, t.updatedAt)],
);

export const shortlistItems = sqliteTable(
  "shortlist_items",
  {
    shortlistId: integer("shortlist_id")
      .notNull()
      .references(() => shortlists.id, { onDelete: "cascade" }),
    roleId: integer("role_id")
      .notNull()
      .references(() => roles.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    note: text("note").notNull().default(""),
  },
  (t) => [
    primaryKey({ columns: [t.shortlistId, t.roleId] }),
    // Serves showing a shortlist in its order.
    index("shortlist_items_order_idx").on(t.shortlistId, t.position),
  ],
);

export const trackedLinks = sqliteTable(
  "tracked_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull().unique(),
    roleId: integer("role_id").references(() => roles.id, { onDelete: "cascade" }),
    shortlistId: integer("shortlist_id").references(() => shortlists.id, { onDelete: "cascade" }),
    recruiterId: integer("recruiter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    label: text("label").notNull().default(""),
    disabledAt: integer("disabled_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    // Serves the recruiter dashboard's list of links.
    index("tracked_links_recruiter_idx").on(t.recruiterId, t.createdAt),
    // Serves the employer dashboard's "tracked-link visits" per role.
    index("tracked_links_role_idx").on(t.roleId),
    check(
      "tracked_links_one_target",
      sql`(${t.roleId} is null) <> (${t.shortlistId} is null)`,
    ),
  ],
);

/** Per-day counters for a tracked link. Bots are counted apart; no IPs are stored. */
export const trackedLinkDailyStats = sqliteTable(
  "tracked_link_daily_stats",
  {
    linkId: integer("link_id")
      .notNull()
      .references(() => trackedLinks.id, { onDelete: "cascade" }),
    day: text("day").notNull(), // YYYY-MM-DD, UTC
    visits: integer("visits").notNull().default(0),
    botVisits: integer("bot_visits").notNull().default(0),
    applyClicks: integer("apply_clicks").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.linkId, t.day] })],
);

/**
 * "This visitor was already counted today" marks, so a page view, an apply click or a
 * tracked-link visit counts at most once per visitor, target and day. `visitor` is a keyed
 * hash (HMAC with the server secret) of the day, the client's network (/64 for IPv6) and its
 * user agent: no address is stored, and the hash cannot be linked across days. Rows older than
 * yesterday are deleted as new ones are written.
 */
export const visitorMarks = sqliteTable(
  "visitor_marks",
  {
    day: text("day").notNull(), // YYYY-MM-DD, UTC
    // What was counted: "view", "apply", "link-visit", "link-apply".
    kind: text("kind").notNull(),
    targetId: integer("target_id").notNull(),
    visitor: text("visitor").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.kind, t.targetId, t.visitor] })],
);

/**
 * The change log that keeps every process's search index current (app/models/search-feed.server.ts):
 * one row per change to a role, its package, its tools or its company's name or slug, appended
 * by triggers in the writing transaction (migration 0005), so every writer, whatever process
 * or script, feeds it. `seq` only grows (AUTOINCREMENT never reuses a number); readers apply
 * the rows after the last seq they saw. Rows older than a day are pruned by a trigger.
 */
export const roleChanges = sqliteTable("role_changes", {
  seq: integer("seq").primaryKey({ autoIncrement: true }),
  roleId: integer("role_id").notNull(),
  changedAt: integer("changed_at").notNull(),
});

export type Company = typeof companies.$inferSelect;
export type Role = typeof roles.$inferSelect;
export type Compensation = typeof compensation.$inferSelect;
export type PricingBasis = typeof pricingBases.$inferSelect;
export type ExchangeRate = typeof exchangeRates.$inferSelect;

// Hand-written in migrations/, not declared here (drizzle-kit has no words for them):
// - the triggers that append to role_changes and prune it (0005);
// - listing_version (0001): a counter bumped by every listing change, for cache invalidation.
// (listing_facts and listing_tools, 0002's trigger-kept copy for the market charts, were dropped
// in 0006: the search index answers /market.)
