import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Redactor, fingerprint } from "../../src/http/redact.ts";

describe("Redactor", () => {
  it("masks every cookie value in Cookie and Set-Cookie headers and keeps names and attributes", () => {
    const r = new Redactor();
    const out = r.headers({
      "set-cookie": "sid=sid_abcdefghijkl; Path=/; Expires=Thu, 01 Jan 2099 00:00:00 GMT; HttpOnly; SameSite=Lax, theme=dark-mode-1; Path=/",
      cookie: "theme=dark-mode-1; connect.sid=s%3Aabcdef.123456",
    });
    expect(out["set-cookie"]).not.toContain("sid_abcdefghijkl");
    expect(out["set-cookie"]).not.toContain("dark-mode-1");
    expect(out["set-cookie"]).toMatch(/^sid=«redacted:[^»]+»; Path=\/; Expires=Thu, 01 Jan 2099 00:00:00 GMT; HttpOnly; SameSite=Lax, theme=«redacted:[^»]+»; Path=\/$/);
    expect(out.cookie).toMatch(/^theme=«redacted:[^»]+»; connect\.sid=«redacted:[^»]+»$/);
    // Learnt: the values are masked wherever they show up later.
    expect(r.text("echo sid_abcdefghijkl")).not.toContain("sid_abcdefghijkl");
  });

  it("masks secret JSON fields, keeps a prefix and a hash, and remembers them", () => {
    const r = new Redactor();
    const secret = "clm_9f8e7d6c5b4a39281706f5e4d3c2b1a0";
    const out = r.json({ claim_token: secret, registration_id: "reg_1" }) as Record<string, string>;
    expect(out.claim_token).toBe(`«redacted:clm_…#${fingerprint(secret)}»`);
    expect(out.registration_id).toBe("reg_1");
    // Later occurrences anywhere are masked too.
    expect(r.text(`see ?token=${secret}`)).not.toContain(secret);
  });

  it("masks Authorization headers and secret query parameters", () => {
    const r = new Redactor();
    const headers = r.headers({ authorization: "Bearer sk_test_abcdefghijklmnop", accept: "*/*" });
    expect(headers.authorization).toMatch(/^Bearer «redacted:sk_t…#[0-9a-f]{8}»$/);
    expect(r.url("https://s.test/claim/view?token=cat_ABCDEFGHIJKLMNOP")).not.toContain("cat_ABCDEFGHIJKLMNOP");
  });

  it("treats a raw JWT body as a secret", () => {
    const r = new Redactor();
    const jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    expect(r.body(jwt, "application/logout+jwt")).not.toContain(jwt);
  });

  it("masks 6-digit OTPs carried as `challenge` and their later echoes", () => {
    const r = new Redactor();
    r.json({ type: "otp", challenge: "012345" });
    expect(r.body(JSON.stringify({ claim_token: "x", otp: "012345" }), "application/json")).not.toContain("012345");
  });

  it("where two secrets overlap, masks the longer one whole", () => {
    const r = new Redactor();
    const longer = "ABCDEFGHIJKLMNOP";
    r.register("xxABCDEFGH");
    r.register(longer);
    expect(r.text(`xxABCDEFGHIJKLMNOP!`)).toBe(`xx«redacted:ABCD…#${fingerprint(longer)}»!`);
  });

  it("never leaves a remembered secret in clear, however many it remembers (property)", () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9_]{6,24}$/);
    const filler = fc.stringMatching(/^[ a-z:=/?&"{}]{0,12}$/);
    fc.assert(
      fc.property(fc.uniqueArray(secret, { minLength: 1, maxLength: 40 }), fc.array(fc.tuple(filler, fc.nat()), { maxLength: 20 }), (secrets, parts) => {
        const r = new Redactor();
        for (const s of secrets) r.register(s);
        const text = parts.map(([f, i]) => f + secrets[i % secrets.length]).join("");
        const out = r.text(text);
        for (const s of secrets) expect(out).not.toContain(s);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe("Redactor and the harness's own tokens", () => {
  const forged = "eyJhbGciOiJub25lIiwidHlwIjoib2F1dGgtaWQtamFnK2p3dCJ9.eyJpc3MiOiJodHRwOi8vMTI3LjAuMC4xIn0.";
  const issued = "clm_9f8e7d6c5b4a39281706f5e4d3c2b1a0";

  it("shows a token the harness minted in clear, in fields, raw JWT bodies and headers, and masks what the target issued beside it", () => {
    const r = new Redactor();
    r.markHarnessMinted(forged);
    const out = r.json({ assertion: forged, claim_token: issued }) as Record<string, string>;
    expect(out.assertion).toBe(forged);
    expect(out.claim_token).toBe(`«redacted:clm_…#${fingerprint(issued)}»`);
    expect(r.body(forged, "application/logout+jwt")).toBe(forged);
    expect(r.headers({ authorization: `Bearer ${forged}` }).authorization).toBe(`Bearer ${forged}`);
    expect(r.text(`echo ${forged} and ${issued}`)).toBe(`echo ${forged} and «redacted:clm_…#${fingerprint(issued)}»`);
    expect(r.known()).not.toContain(forged);
  });

  it("never exempts a value it already learnt as a secret, nor private key material", () => {
    const r = new Redactor();
    r.json({ claim_token: issued });
    r.markHarnessMinted(issued);
    expect(r.text(issued)).not.toContain(issued);
    const jwk = JSON.stringify({ kty: "EC", d: "c2VjcmV0LXByaXZhdGUta2V5LW1hdGVyaWFs" });
    r.markHarnessMinted(jwk);
    expect(r.isHarnessMinted(jwk)).toBe(false);
    expect(r.text(`forged ${forged}`)).toBe(`forged ${forged}`);
    // A JWT the harness did not mint stays a secret.
    expect(r.body("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl", "application/logout+jwt")).toMatch(/^«redacted:/);
  });
});
