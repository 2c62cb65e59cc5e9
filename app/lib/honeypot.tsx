/**
 * A honeypot on public forms: a field people never see or fill (hidden from view and from
 * assistive technology, skipped by the keyboard), which naive bots fill in.
 */
export const HONEYPOT_FIELD = "contact_fax";

export function HoneypotField() {
  return (
    <div aria-hidden="true" style={{ position: "absolute", left: "-10000px", width: 1, height: 1, overflow: "hidden" }}>
      <label htmlFor={HONEYPOT_FIELD}>Leave this field empty</label>
      <input id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}

/** True when the honeypot was filled: the submission is from a bot. */
export function caughtInHoneypot(formData: FormData): boolean {
  const value = formData.get(HONEYPOT_FIELD);
  return typeof value === "string" && value.length > 0;
}
