/**
 * Configuration from the environment, validated once. A bad value stops the process with a
 * message that names the variable, instead of failing later on a request.
 */
import crypto from "node:crypto";
import * as z from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1).default("data/tokenboard.db"),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  RATE_LIMITS: z.enum(["on", "off"], { error: 'must be "on" or "off"' }).default("on"),
  SEARCH_SNAPSHOT: z.string().min(1).optional(),
  PUBLIC_URL: z
    .string()
    .transform((value, ctx) => {
      const origin = publicOrigin(value);
      if (typeof origin === "string") return origin;
      ctx.addIssue({ code: "custom", message: origin.problem });
      return z.NEVER;
    })
    .optional(),
});

const PUBLIC_URL_EXAMPLE = "like https://tokenboard.example";

/**
 * The site's origin from PUBLIC_URL, normalized by the URL parser (lower-case host, default
 * port dropped, no trailing slash). Only an origin: every route and link of the app is
 * root-relative, so serving under a path prefix is not supported.
 */
function publicOrigin(value: string): string | { problem: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: `must be an absolute URL, ${PUBLIC_URL_EXAMPLE} (got "${value}")` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { problem: `must be an http or https URL, ${PUBLIC_URL_EXAMPLE}` };
  if (url.username || url.password) return { problem: "must not contain a user name or password" };
  if (url.pathname !== "/" || url.search || url.hash) {
    return { problem: `must be the site's origin only (scheme, host and optional port), ${PUBLIC_URL_EXAMPLE}: no path, query or fragment` };
  }
  return url.origin;
}

export interface AppConfig {
  isProduction: boolean;
  databaseUrl: string;
  port: number;
  /** Secrets for signing cookies; in development one is generated per process. */
  sessionSecret: string;
  /** Off only for load tests and benchmarks, whose traffic all comes from one address. */
  rateLimits: boolean;
  /**
   * The site's canonical origin (`https://tokenboard.example`, no trailing slash): the only
   * source of absolute URLs in answers, never the request's Host or X-Forwarded-Host, which a
   * client chooses and a shared cache would pass on to everyone.
   */
  publicUrl: string;
  /**
   * The search index's snapshot file (docs/decisions/002-search-index.md): SEARCH_SNAPSHOT, by
   * default beside the database (`<database>.search-index`); null when SEARCH_SNAPSHOT=off or
   * the database is in memory.
   */
  searchSnapshotPath: string | null;
}

export class ConfigError extends Error {}

/** The search index's snapshot file for a database: SEARCH_SNAPSHOT, `off`, or beside the database. */
export function searchSnapshotPathFor(databaseUrl: string, setting: string | undefined): string | null {
  return setting === "off" || databaseUrl === ":memory:" ? null : (setting ?? `${databaseUrl}.search-index`);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse({
    NODE_ENV: env.NODE_ENV || undefined,
    DATABASE_URL: env.DATABASE_URL || undefined,
    PORT: env.PORT || undefined,
    SESSION_SECRET: env.SESSION_SECRET || undefined,
    RATE_LIMITS: env.RATE_LIMITS || undefined,
    SEARCH_SNAPSHOT: env.SEARCH_SNAPSHOT || undefined,
    PUBLIC_URL: env.PUBLIC_URL || undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const value = parsed.data;
  const isProduction = value.NODE_ENV === "production";
  const missing: string[] = [];
  if (isProduction && !value.SESSION_SECRET) {
    missing.push("SESSION_SECRET is required in production (32 or more random characters, e.g. `openssl rand -hex 32`).");
  }
  if (isProduction && !value.PUBLIC_URL) {
    missing.push(`PUBLIC_URL is required in production: the address visitors use, ${PUBLIC_URL_EXAMPLE} (links, feeds, sitemaps and embeds are built from it).`);
  }
  if (missing.length > 0) throw new ConfigError(missing.join("\n"));
  return {
    isProduction,
    databaseUrl: value.DATABASE_URL,
    port: value.PORT,
    sessionSecret: value.SESSION_SECRET ?? crypto.randomBytes(32).toString("hex"),
    rateLimits: value.RATE_LIMITS === "on",
    // In development, the address `npm start` prints.
    publicUrl: value.PUBLIC_URL ?? `http://localhost:${value.PORT}`,
    searchSnapshotPath: searchSnapshotPathFor(value.DATABASE_URL, value.SEARCH_SNAPSHOT),
  };
}

let cached: AppConfig | undefined;

/** The process' configuration (read on first use). */
export function config(): AppConfig {
  cached ??= readConfig();
  return cached;
}

/** An absolute URL on this site for a root-relative path ("/roles/x"), from PUBLIC_URL only. */
export function absoluteUrl(path: string): string {
  return `${config().publicUrl}${path.startsWith("/") ? path : `/${path}`}`;
}
