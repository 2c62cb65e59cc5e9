/**
 * The role page's share form (recruiters only) gets its fields' limits from the loader: the
 * role page is every candidate's page, and validating in the browser with zod would put zod
 * in its JavaScript for everyone. The /recruiter action checks everything and answers beside
 * the field.
 */
import { formConstraint } from "./constraint";
import { createLinkSchema } from "./recruiter";

export const shareLinkConstraint = () => formConstraint(createLinkSchema);
