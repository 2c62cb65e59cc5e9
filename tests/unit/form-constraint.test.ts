/** The limits a company form shows (maxLength) are the ones its zod schema enforces. */
import { describe, expect, it } from "vitest";
import { companySchema, invitationSchema } from "~/lib/schemas/company";
import { formConstraint } from "~/lib/schemas/constraint";

describe("formConstraint", () => {
  it("carries each string field's maximum length, through optional, pipe and default", () => {
    const company = formConstraint(companySchema);
    expect(company.name).toMatchObject({ required: true, maxLength: 100 });
    expect(company.slug).toMatchObject({ required: true, maxLength: 60 });
    expect(company.website).toMatchObject({ required: false, maxLength: 300 });
    expect(company.description).toMatchObject({ required: false, maxLength: 5_000 });
    expect(company.headquarters).toMatchObject({ required: false, maxLength: 100 });
    expect(company.sizeBand?.maxLength).toBeUndefined();
    expect(formConstraint(invitationSchema).email).toMatchObject({ required: true, maxLength: 254 });
  });

  it("matches what the schema accepts: at the limit passes, one past it fails", () => {
    const base = { name: "Acme", slug: "acme" };
    expect(companySchema.safeParse({ ...base, headquarters: "x".repeat(100) }).success).toBe(true);
    expect(companySchema.safeParse({ ...base, headquarters: "x".repeat(101) }).success).toBe(false);
    // A line break counts once, as the browser counted it, although it is sent as CRLF.
    // 6,250 characters as sent, 5,000 as typed.
    expect(companySchema.safeParse({ ...base, description: "abc\r\n".repeat(1_250) }).success).toBe(true);
    expect(companySchema.safeParse({ ...base, description: "abc\r\n".repeat(1_250) + "x" }).success).toBe(false);
  });
});
