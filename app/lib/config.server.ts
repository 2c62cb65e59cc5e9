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
});

export interface AppConfig {
  isProduction: boolean;
  databaseUrl: string;
  port: number;
  /** Secrets for signing cookies; in development one is generated per process. */
  sessionSecret: string;
  /** Off only for load tests and benchmarks, whose traffic all comes from one address. */
  rateLimits: boolean;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse({
    NODE_ENV: env.NODE_ENV || undefined,
    DATABASE_URL: env.DATABASE_URL || undefined,
    PORT: env.PORT || undefined,
    SESSION_SECRET: env.SESSION_SECRET || undefined,
    RATE_LIMITS: env.RATE_LIMITS || undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const value = parsed.data;
  const isProduction = value.NODE_ENV === "production";
  if (isProduction && !value.SESSION_SECRET) {
    throw new ConfigError(
      "SESSION_SECRET is required in production (32 or more random characters, e.g. `openssl rand -hex 32`).",
    );
  }
  return {
    isProduction,
    databaseUrl: value.DATABASE_URL,
    port: value.PORT,
    sessionSecret: value.SESSION_SECRET ?? crypto.randomBytes(32).toString("hex"),
    rateLimits: value.RATE_LIMITS === "on",
  };
}

let cached: AppConfig | undefined;

/** The process' configuration (read on first use). */
export function config(): AppConfig {
  cached ??= readConfig();
  return cached;
}
