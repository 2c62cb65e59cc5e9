/**
 * A role's lifecycle as one state machine: the states a role can be in, what an employer may
 * do in each, and the state that results. The edit page offers exactly the intents of the
 * role's state, the route refuses any other with a 409 before reading the form, and the model
 * (app/models/employer.server.ts) checks again inside its write transaction, so this table
 * is the only place that decides. Shared with the browser: no server code here.
 *
 * An edit never changes the state: "save" keeps a listed role listed and an expired one
 * expired, with their dates; only publish, close, reopen and renew move a role.
 */

/** Roles stay listed this long after publishing, reopening or renewing. */
export const LISTING_DAYS = 60;
export const LISTING_MS = LISTING_DAYS * 86_400_000;

/**
 * "new" is the role form before its first save. "listed" and "expired" are both stored as
 * `published`; a published role is expired once its expiresAt has passed.
 */
export const ROLE_STATES = ["new", "draft", "listed", "expired", "closed"] as const;
export type RoleState = (typeof ROLE_STATES)[number];

export const ROLE_INTENTS = ["draft", "publish", "save", "preview", "close", "reopen", "renew", "duplicate", "delete"] as const;
export type RoleIntent = (typeof ROLE_INTENTS)[number];

/** The intents that submit the role form (its values are parsed and, except for preview, saved). */
export const FORM_INTENTS = ["draft", "publish", "save", "preview"] as const;
export type FormIntent = (typeof FORM_INTENTS)[number];
/** The intents of the listing-action buttons: no form values. */
export type ListingIntent = Exclude<RoleIntent, FormIntent>;

/**
 * What each state allows, and the state the role is in afterwards. "duplicate" leaves the
 * role as it is (the copy is a new draft); "delete" removes it. An intent missing from a
 * state's row is refused.
 */
export const LIFECYCLE: { readonly [S in RoleState]: { readonly [I in RoleIntent]?: RoleState | "deleted" } } = {
  new: { draft: "draft", publish: "listed", preview: "new" },
  draft: { draft: "draft", publish: "listed", preview: "draft", duplicate: "draft", delete: "deleted" },
  listed: { save: "listed", preview: "listed", close: "closed", renew: "listed", duplicate: "listed" },
  expired: { save: "expired", preview: "expired", close: "closed", renew: "listed", duplicate: "expired" },
  // Closed roles are not edited: reopen to edit and list again, or start a draft from a copy.
  closed: { reopen: "listed", duplicate: "closed", delete: "deleted" },
};

export function isRoleIntent(value: unknown): value is RoleIntent {
  return typeof value === "string" && (ROLE_INTENTS as readonly string[]).includes(value);
}

export function isFormIntent(intent: RoleIntent): intent is FormIntent {
  return (FORM_INTENTS as readonly string[]).includes(intent);
}

/** The state of a stored role at a moment. */
export function roleState(role: { status: string; expiresAt: number | null }, now: number): Exclude<RoleState, "new"> {
  if (role.status === "published") return role.expiresAt !== null && role.expiresAt <= now ? "expired" : "listed";
  return role.status === "closed" ? "closed" : "draft";
}

/** The intents a state allows, in the table's order. */
export function allowedIntents(state: RoleState): RoleIntent[] {
  return ROLE_INTENTS.filter((intent) => LIFECYCLE[state][intent] !== undefined);
}

/** The state after an intent, or null when the state does not allow it. */
export function nextState(state: RoleState, intent: RoleIntent): RoleState | "deleted" | null {
  return LIFECYCLE[state][intent] ?? null;
}

/** The labels of the buttons that send each intent. */
export const INTENT_LABELS: Record<RoleIntent, string> = {
  draft: "Save draft",
  publish: "Publish",
  save: "Save changes",
  preview: "Preview",
  close: "Close role",
  reopen: "Reopen role",
  renew: `Renew for ${LISTING_DAYS} days`,
  duplicate: "Duplicate as draft",
  delete: "Delete",
};

const STATE_NAMES: Record<RoleState, string> = {
  new: "a role that is not saved yet",
  draft: "a draft",
  listed: "a listed role",
  expired: "an expired role",
  closed: "a closed role",
};

/** Why an intent is refused in a state, and what the state does allow. */
export function refusalMessage(state: RoleState, intent: RoleIntent): string {
  const offered = allowedIntents(state)
    .filter((allowed) => allowed !== "preview")
    .map((allowed) => `“${INTENT_LABELS[allowed]}”`);
  const list = offered.length > 1 ? `${offered.slice(0, -1).join(", ")} or ${offered[offered.length - 1]}` : (offered[0] ?? "nothing");
  return `“${INTENT_LABELS[intent]}” isn't possible for ${STATE_NAMES[state]}, which allows ${list}.`;
}
