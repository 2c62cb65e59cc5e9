/**
 * The server side of the role form, shared by "new" and "edit": parse with the same schema
 * the browser uses plus the checks only the server can make, answer errors with every value
 * kept, render a preview without saving, or save and move on.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import { roleFormSchema, type RoleFormValues } from "./schemas/role";
import { renderMarkdown } from "./markdown.server";
import { pricingBasisExists } from "~/models/reference.server";

const serverSchema = roleFormSchema.superRefine((value, ctx) => {
  if (value.pricingBasisId !== undefined && !pricingBasisExists(value.pricingBasisId)) {
    ctx.addIssue({ code: "custom", path: ["pricingBasisId"], message: "Choose a pricing basis from the list" });
  }
});

export function handleRoleForm(
  formData: FormData,
  save: (values: RoleFormValues, publish: boolean) => { id: number },
  options: { mustStayPublishable?: boolean } = {},
) {
  // A role that is (or was) listed can only be saved in a state that could be listed: a
  // "draft" save of it is checked like publishing, whatever a crafted form says.
  if (options.mustStayPublishable && formData.get("intent") !== "preview") formData.set("intent", "publish");
  const submission = parseWithZod(formData, { schema: serverSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), descriptionPreviewHtml: null as string | null }, { status: 400 });
  }
  const values = submission.value;
  if (values.intent === "preview") {
    // Nothing is saved; the form comes back with its values and the server-rendered preview.
    return data({ result: submission.reply(), descriptionPreviewHtml: renderMarkdown(values.description ?? "") }, { status: 200 });
  }
  const publish = values.intent === "publish";
  const role = save(values, publish);
  return redirect(`/employer/roles/${role.id}?saved=${publish ? "published" : "draft"}`);
}
