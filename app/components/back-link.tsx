import { Link } from "@remix-run/react";

/** The "← Dashboard" link above a page's heading. */
export function BackLink({ to, children }: { to: string; children: string }) {
  return (
    <p className="text-sm">
      <Link to={to} className="text-brand-700 hover:underline">
        ← {children}
      </Link>
    </p>
  );
}
