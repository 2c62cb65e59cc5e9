/**
 * The form schemas as loaders and actions use them. Route modules import schemas from here,
 * not from the schema files: this module never reaches the browser, so a schema only an action
 * uses adds nothing to the page's JavaScript. A form checked in the browser fetches its schema
 * there when it is first used (app/components/use-schema-form.ts) and gets its fields' limits
 * from the loader (`formConstraint`).
 */
export * from "./auth";
export * from "./calculator";
export * from "./company";
export { formConstraint } from "./constraint";
export { parseWithZod } from "@conform-to/zod/v4";
export * from "./recruiter";
export * from "./role";
