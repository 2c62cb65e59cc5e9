/**
 * The server side of the role form, shared by "new" and "edit": refuse an intent the role's
 * state does not allow (app/lib/role-lifecycle.ts), parse with the same schema the browser
 * uses (bounds included, from the same rates and prices), answer errors with every value
 * kept, render a preview without saving, or save and move on.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import { formConstraint } from "./schemas/constraint";
import { roleFormSchema, roleFormSchemaFor, type RoleFormReference, type RoleFormValues } from "./schemas/role";
import { prerenderDescription, type PrerenderedDescription } from "~/models/description.server";
import { isRoleIntent, nextState, refusalMessage, type RoleState } from "./role-lifecycle";
import { pricingBasisOptions, usdRates } from "~/models/reference.server";

/** The fields' limits the page gives the browser (the whole schema follows when the form is first used). */
export const roleFormConstraint = () => formConstraint(roleFormSchema);

/** The rates and prices the bounds convert with: the page sends the same ones to the browser. */
export function roleFormReference() {
  return { rates: usdRates(), pricingBases: pricingBasisOptions() } satisfies RoleFormReference;
}

/**
 * The posted intent, when the role's state allows it; otherwise the answer that refuses it
 * (400 when it is no intent at all, 409 when the state does not allow it), given before
 * anything is read or changed.
 */
export function postedIntent(formData: FormData, state: RoleState) {
  const intent = formData.get("intent");
  if (!isRoleIntent(intent)) {
    return { intent: null, refusal: data({ lifecycleError: "Choose what to do with this role: use one of the buttons on this page." }, { status: 400 }) };
  }
  if (nextState(state, intent) === null) return { intent: null, refusal: data({ lifecycleError: refusalMessage(state, intent) }, { status: 409 }) };
  return { intent, refusal: null };
}

const SAVED = { draft: "draft", publish: "published", save: "saved" } as const;

export async function handleRoleForm(
  formData: FormData,
  reference: RoleFormReference,
  save: (values: RoleFormValues, intent: "draft" | "publish" | "save", description: PrerenderedDescription) => { id: number },
) {
  const submission = parseWithZod(formData, { schema: roleFormSchemaFor(reference) });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), descriptionPreviewHtml: null as string | null }, { status: 400 });
  }
  const values = submission.value;
  // Rendered in the Markdown pool, off the event loop, for the preview or for the save.
  const description = await prerenderDescription(values.description ?? "");
  if (values.intent === "preview") {
    // Nothing is saved; the form comes back with its values and the server-rendered preview.
    return data({ result: submission.reply(), descriptionPreviewHtml: description.html }, { status: 200 });
  }
  const role = save(values, values.intent, description);
  return redirect(`/employer/roles/${role.id}?saved=${SAVED[values.intent]}`);
}
