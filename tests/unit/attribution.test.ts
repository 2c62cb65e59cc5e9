import { describe, expect, it } from "vitest";
import { campaignName, withAttribution } from "~/lib/attribution";

const ours = { utm_source: "tokenboard", utm_medium: "recruiter_link", utm_campaign: "linkedin-post", ref: "Ab3dEf7h" };
const tail = "utm_source=tokenboard&utm_medium=recruiter_link&utm_campaign=linkedin-post&ref=Ab3dEf7h";

describe("attribution parameters on the employer's apply URL", () => {
  it("are added to URLs of every shape without disturbing the employer's own", () => {
    const cases: [string, string][] = [
      ["https://jobs.example.com/apply", `https://jobs.example.com/apply?${tail}`],
      ["https://jobs.example.com/apply?id=42", `https://jobs.example.com/apply?id=42&${tail}`],
      ["https://jobs.example.com/apply?", `https://jobs.example.com/apply?${tail}`],
      ["https://jobs.example.com/apply?id=42&", `https://jobs.example.com/apply?id=42&${tail}`],
      ["https://jobs.example.com/apply#form", `https://jobs.example.com/apply?${tail}#form`],
      ["https://jobs.example.com/apply?id=42#form?x=1", `https://jobs.example.com/apply?id=42&${tail}#form?x=1`],
      // The employer's own encoding is kept byte for byte (no re-serializing).
      ["https://jobs.example.com/a?q=a+b&t=%E2%9C%93&flag", `https://jobs.example.com/a?q=a+b&t=%E2%9C%93&flag&${tail}`],
      ["https://jobs.example.com", `https://jobs.example.com?${tail}`],
      ["http://jobs.example.com:8080/x?y=1", `http://jobs.example.com:8080/x?y=1&${tail}`],
    ];
    for (const [input, expected] of cases) expect(withAttribution(input, ours), input).toBe(expected);
  });

  it("never overrides a parameter the employer set", () => {
    expect(withAttribution("https://jobs.example.com/?utm_source=linkedin&ref=abc", ours)).toBe(
      "https://jobs.example.com/?utm_source=linkedin&ref=abc&utm_medium=recruiter_link&utm_campaign=linkedin-post",
    );
  });

  it("leaves anything that is not a web URL alone", () => {
    for (const input of ["mailto:jobs@example.com", "javascript:alert(1)", "not a url", "//evil.example"]) {
      expect(withAttribution(input, ours)).toBe(input);
    }
  });

  it("names campaigns from labels", () => {
    expect(campaignName("LinkedIn post, platform team!", "x")).toBe("linkedin-post-platform-team");
    expect(campaignName("Équipe données", "x")).toBe("equipe-donnees");
    expect(campaignName("!!!", "Ab3dEf7h")).toBe("Ab3dEf7h");
  });
});
