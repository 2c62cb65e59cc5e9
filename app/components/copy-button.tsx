import { useState } from "react";

/**
 * Copies text to the clipboard. Without JavaScript (or a clipboard) the text itself stays
 * on the page in a read-only field to select and copy by hand.
 */
export function CopyField({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex items-center gap-2">
      <label className="sr-only" htmlFor={`copy-${value}`}>
        {label}
      </label>
      <input
        id={`copy-${value}`}
        readOnly
        value={value}
        onFocus={(event) => event.currentTarget.select()}
        className="w-full min-w-0 rounded-md border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs text-slate-800"
      />
      <button
        type="button"
        onClick={() => {
          void navigator.clipboard?.writeText(value).then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          });
        }}
        className="shrink-0 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50"
      >
        {copied ? "Copied" : "Copy"}
        <span className="sr-only"> {label}</span>
      </button>
    </div>
  );
}
