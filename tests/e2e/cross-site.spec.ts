/**
 * A form posted from another site's page (a CSRF attempt) is refused by the server entry
 * with a 403 page, for documents and Remix's data requests alike, and changes nothing.
 */
import { expect, test } from "./fixtures";

test("posts whose Origin is another site get a 403 page and change nothing", async ({ request }) => {
  const email = `csrf-${Date.now()}@example.com`;
  for (const [path, origin] of [
    ["/signup", "https://evil.example"],
    ["/signup.data", "http://localhost.evil.example"],
    ["/signup", "null"],
  ] as const) {
    const answer = await request.post(path, {
      form: { displayName: "Cross Site", email, password: "a long enough password" },
      headers: { Origin: origin },
      maxRedirects: 0,
    });
    expect(answer.status(), `${origin} → ${path}`).toBe(403);
    expect(await answer.text()).toContain("This form came from another site");
  }
  // Nothing was created: the same sign-up from this site's own page is a new account.
  const own = await request.post("/signup", { form: { displayName: "Cross Site", email, password: "a long enough password" }, maxRedirects: 0 });
  expect(own.status()).toBe(302);
});
