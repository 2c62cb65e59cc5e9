/**
 * The rate-limit tiers as a deployment sees them: the e2e server trusts X-Forwarded-For from
 * loopback (TRUST_PROXY), and the fixtures give every test its own client address.
 */
import { expect, test } from "./fixtures";

const otherClient = { "X-Forwarded-For": "2001:db8:ffff::1" };

test("the 11th sign-in attempt in a minute gets a 429 page with Retry-After; other addresses are not affected", async ({ request }) => {
  for (let attempt = 1; attempt <= 10; attempt++) {
    const response = await request.post("/login", { form: { email: "nobody@example.com", password: "wrong password" }, maxRedirects: 0 });
    expect(response.status(), `attempt ${attempt}`).toBe(400);
  }
  const refused = await request.post("/signup", { form: { email: "new@example.com" }, maxRedirects: 0 });
  expect(refused.status()).toBe(429);
  const retryAfter = Number(refused.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  const page = await refused.text();
  expect(page).toContain("Too many sign-in attempts");
  expect(page).toContain(`Please wait ${retryAfter} second`);

  const elsewhere = await request.post("/login", { form: { email: "nobody@example.com", password: "wrong" }, headers: otherClient, maxRedirects: 0 });
  expect(elsewhere.status()).toBe(400);
  // Reading pages is a different tier: the refused address can still browse.
  expect((await request.get("/roles")).status()).toBe(200);
});

test("an enhanced sign-in form over the limit shows the explanation page instead of failing", async ({ page, request }) => {
  for (let attempt = 1; attempt <= 10; attempt++) {
    await request.post("/login", { form: { email: "nobody@example.com", password: "wrong password" }, maxRedirects: 0 });
  }
  await page.goto("/login");
  // Wait for hydration, so the submission is Remix's data request, not a document POST.
  await page.waitForFunction(() => (window as { __remixContext?: unknown }).__remixContext !== undefined);
  await page.getByLabel("Email").fill("someone@example.com");
  await page.getByLabel("Password").fill("a wrong password");
  const dataRequest = page.waitForResponse((response) => response.url().includes("/login.data"));
  await page.getByRole("button", { name: /log in/i }).click();
  expect((await dataRequest).status()).toBe(202);
  await expect(page).toHaveURL(/\/too-many-requests\?reason=auth&wait=\d+/);
  await expect(page.getByRole("heading", { name: "Too many sign-in attempts" })).toBeVisible();
});

test("every spelling of the sign-in page the router accepts counts as a sign-in attempt: a correct password via /LOGIN is refused like one via /login", async ({
  playwright,
  request,
  baseURL,
}) => {
  // An account, made from another address so that this test's own budget starts untouched.
  const email = `spelling-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = "correct horse battery staple";
  const maker = await playwright.request.newContext({ baseURL, extraHTTPHeaders: otherClient });
  const created = await maker.post("/signup", { form: { displayName: "Spelling Tester", email, password }, maxRedirects: 0 });
  expect(created.status()).toBe(302);
  await maker.dispose();

  // Ten wrong passwords, each through another spelling of /login or /signup that reaches the
  // same route (percent-encoded, upper-case, trailing slash, Remix's data request, ?index).
  const spellings = ["/LOGIN", "/login/", "/l%6Fgin", "/Login.data", "/LoGiN/.data", "/login?index", "/SIGNUP", "/sign%75p/", "/%6C%6F%67%69%6E", "/Login//"];
  for (const target of spellings) {
    const response = await request.post(target, { form: { email, password: "a wrong password" }, maxRedirects: 0 });
    expect(response.status(), target).toBeLessThan(429);
    expect(response.headers()["set-cookie"], target).toBeUndefined();
  }
  // The eleventh, with the right password and yet another spelling, is refused: no session.
  const refused = await request.post("/LOGIN", { form: { email, password }, maxRedirects: 0 });
  expect(refused.status()).toBe(429);
  expect(refused.headers()["set-cookie"]).toBeUndefined();
  expect(await refused.text()).toContain("Too many sign-in attempts");
  // From another address the same password signs in: the account itself is fine.
  const elsewhere = await request.post("/login", { form: { email, password }, headers: { "X-Forwarded-For": "2001:db8:ffff:1::1" }, maxRedirects: 0 });
  expect(elsewhere.status()).toBe(302);
  expect(elsewhere.headers()["set-cookie"]).toMatch(/^__Host-tokenboard_session=/);
});

test("every address of one IPv6 /64 shares one budget", async ({ request }) => {
  const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`;
  for (let attempt = 1; attempt <= 10; attempt++) {
    const response = await request.post("/login", {
      form: { email: "nobody@example.com", password: "wrong password" },
      headers: { "X-Forwarded-For": `${prefix}::${attempt.toString(16)}` },
      maxRedirects: 0,
    });
    expect(response.status(), `attempt ${attempt}`).toBe(400);
  }
  const refused = await request.post("/login", {
    form: { email: "nobody@example.com", password: "wrong password" },
    headers: { "X-Forwarded-For": `${prefix}:ffff:ffff:ffff:fffe` },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(429);
});

test("tracked-link visits count under every spelling the router accepts", async ({ request }) => {
  const spellings = ["/R/no-such-code", "/%72/no-such-code", "/r/no-such-code/", "/%52/no-such-code//", "/r/no-such-code.data"];
  const statuses: number[] = [];
  for (let hit = 0; hit < 31; hit++) statuses.push((await request.get(spellings[hit % spellings.length]!, { maxRedirects: 0 })).status());
  expect(statuses.slice(0, 30).every((status) => status !== 429)).toBe(true);
  expect(statuses[30]).toBe(429);
});

test("one address cannot inflate a tracked link's counts: the 31st hit in a minute gets a 429", async ({ request }) => {
  const statuses: number[] = [];
  for (let hit = 0; hit < 31; hit++) statuses.push((await request.get("/r/no-such-code", { maxRedirects: 0 })).status());
  expect(statuses.slice(0, 30).every((status) => status === 404)).toBe(true);
  expect(statuses[30]).toBe(429);
});

test("past the general limit the API answers JSON with Retry-After, and a client-side navigation shows the explanation page", async ({ page, request }) => {
  await page.goto("/pricing");
  await page.waitForFunction(() => (window as { __remixContext?: unknown }).__remixContext !== undefined);
  let last = null as Awaited<ReturnType<typeof request.get>> | null;
  let allowed = 0;
  for (let batch = 0; batch < 31; batch++) {
    const responses = await Promise.all(Array.from({ length: 20 }, () => request.get("/api/roles?limit=1")));
    allowed += responses.filter((response) => response.status() === 200).length;
    last = responses.at(-1)!;
  }
  // The page load above and its data requests counted too.
  expect(allowed).toBeGreaterThan(590);
  expect(allowed).toBeLessThan(600);
  expect(last!.status()).toBe(429);
  expect(last!.headers()["retry-after"]).toMatch(/^\d+$/);
  expect(await last!.json()).toMatchObject({ error: expect.stringContaining("Too many requests"), retryAfter: expect.any(Number) });

  const dataRequest = page.waitForResponse((response) => response.url().includes(".data"));
  await page.getByRole("link", { name: "Browse roles" }).first().click();
  expect((await dataRequest).status()).toBe(202);
  await expect(page).toHaveURL(/\/too-many-requests\?reason=general&wait=\d+/);
  await expect(page.getByRole("heading", { name: "Too many requests" })).toBeVisible();
});
