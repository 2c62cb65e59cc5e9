import { CopyField } from "./copy-button";

/** The copy-paste iframe that puts a list of roles, with both figures, on another site. */
export function EmbedSnippet({ origin, query, title }: { origin: string; query: string; title: string }) {
  const snippet = `<iframe src="${origin}/embed/roles?${query}" title="${title.replace(/"/g, "&quot;")}" width="100%" height="600" style="border:0" loading="lazy"></iframe>`;
  return (
    <section aria-labelledby="embed-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="embed-heading" className="text-lg font-semibold text-slate-900">
        Put these roles on your site
      </h2>
      <p className="mt-1 text-sm text-slate-700">Paste this where the list should appear. It shows each role's salary and token budget and stays up to date.</p>
      <div className="mt-3">
        <CopyField value={snippet} label="embed code" />
      </div>
    </section>
  );
}
