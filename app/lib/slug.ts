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
