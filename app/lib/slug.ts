/**
 * The one slugify: a URL part made of a text's visible words. Markup a title may carry
 * (`<b>bold</b> Engineer`) and HTML entities are dropped first, so no `-b-bold-b-` leftovers.
 */
export function slugify(text: string, maxLength = Infinity): string {
  return text
    .replace(/<[^>]*>/g, " ")
    .replace(/&(?:[a-z]+|#\d+|#x[0-9a-f]+);/gi, " ")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/g, "");
}

/**
 * The profile form as sent, with the page address made from the name when it was left empty
 * (the browser suggests it as the name is typed; without JavaScript the server makes it).
 */
export function withSlugFromName(formData: FormData): FormData {
  const slug = formData.get("slug");
  const name = formData.get("name");
  if ((typeof slug === "string" && slug.trim() !== "") || slug instanceof File || typeof name !== "string") return formData;
  const filled = new FormData();
  for (const [key, value] of formData) if (key !== "slug") filled.append(key, value);
  filled.set("slug", slugify(name, 60));
  return filled;
}
