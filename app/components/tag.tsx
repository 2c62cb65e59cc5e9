import type { ReactNode } from "react";

const TONES = {
  neutral: "border-slate-200 bg-white text-slate-700",
  token: "border-token-100 bg-token-50 text-token-800",
  warn: "border-amber-200 bg-amber-50 text-amber-900",
} as const;

export function Tag({ children, tone = "neutral" }: { children: ReactNode; tone?: keyof typeof TONES }) {
  return (
    <span className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}>
      {children}
    </span>
  );
}
