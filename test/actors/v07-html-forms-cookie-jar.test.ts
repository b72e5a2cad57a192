import { describe, expect, it } from "vitest";
import { CookieJar } from "../../src/actors/v0_7/cookie-jar.ts";
import { approvalButtonOf, codeInputsOf, parsePage, refusalButtonOf } from "../../src/actors/v0_7/html-forms.ts";
import { outcomeOf } from "../../src/actors/v0_7/outcome.ts";

describe("v0.7 user actor: reading forms off a page", () => {
  it("finds forms, hidden inputs, the code box, the submit buttons and the visible text", () => {
    const page = parsePage(`<!doctype html><html><head><title>Confirm &amp; go</title><style>p{color:red}</style></head><body>
      <form method="POST" action="/login"><input type=hidden name=return_to value="/claim?x=1&amp;y=2"><input type="email" name="email"><button>Continue</button></form>
      <p>Signed in for <b>alice</b>.</p><script>var code = "000000";</script>
      <FORM action="/agent/identity/claim/complete" method=post>
        <input type="hidden" name="claim_attempt_token" value="cvt_abc">
        <input name="user_code" pattern="[0-9]{6}">
        <input type="checkbox" name="remember"><input type="checkbox" name="agree" checked>
        <select name="lang"><option value="en">en</option><option value="fr" selected>fr</option></select>
        <button type="submit" name="decision" value="approve">Confirm</button>
        <button type="submit" name="decision" value="deny" formnovalidate>Refuse</button>
        <button type="button">Help</button>
      </FORM></body></html>`);
    expect(page.title).toBe("Confirm & go");
    expect(page.text).toContain("Signed in for alice .");
    expect(page.text).not.toContain("000000");
    expect(page.text).not.toContain("color:red");
    const [login, claim] = page.forms;
    expect(login).toMatchObject({ action: "/login", method: "post" });
    expect(login?.inputs).toEqual([
      { tag: "input", name: "return_to", type: "hidden", value: "/claim?x=1&y=2" },
      { tag: "input", name: "email", type: "email", value: "" },
    ]);
    expect(approvalButtonOf(login!)).toMatchObject({ label: "Continue" });
    expect(claim?.inputs.map((i) => [i.name, i.value])).toEqual([
      ["claim_attempt_token", "cvt_abc"],
      ["user_code", ""],
      ["agree", "on"],
      ["lang", "fr"],
    ]);
    expect(codeInputsOf(claim!).map((i) => i.name)).toEqual(["user_code"]);
    expect(approvalButtonOf(claim!)).toMatchObject({ name: "decision", value: "approve", label: "Confirm" });
    expect(refusalButtonOf(claim!)).toMatchObject({ name: "decision", value: "deny", formNoValidate: true });
    expect(claim?.buttons).toHaveLength(2);
  });

  it("reads a page of 200,000 unclosed tags in one pass", () => {
    const page = parsePage(`<form action="/x">${"<div><input name=a>".repeat(200_000)}`);
    expect(page.forms[0]?.inputs).toHaveLength(200_000);
  });
});

describe("v0.7 user actor: the cookie jar", () => {
  it("sends host-only cookies to their host and path, keeps Secure ones off http, and forgets expired ones", () => {
    const jar = new CookieJar();
    const now = 1_000_000;
    jar.store(
      "http://svc.test/login",
      ["sid=v-one; Path=/; HttpOnly; SameSite=Lax", "scoped=v-two; Path=/claim", "tls=v-three; Secure", "gone=v-four; Max-Age=0", "later=v-five; Max-Age=10"],
      now,
    );
    expect(jar.header("http://svc.test/", now)).toBe("sid=v-one; later=v-five");
    expect(jar.header("http://svc.test/claim?x", now)).toBe("scoped=v-two; sid=v-one; later=v-five");
    expect(jar.header("http://svc.test/claimed", now)).toBe("sid=v-one; later=v-five");
    expect(jar.header("https://svc.test/", now)).toBe("sid=v-one; tls=v-three; later=v-five");
    expect(jar.header("http://other.test/", now)).toBeUndefined();
    expect(jar.header("http://svc.test/", now + 11_000)).toBe("sid=v-one");
    const seen = jar.takeSeen();
    expect(seen.find((c) => c.name === "sid")).toEqual({ name: "sid", attrs: ["Path=/", "HttpOnly", "SameSite=Lax"], httpOnly: true, secure: false, sameSite: "Lax", path: "/" });
    expect(seen.find((c) => c.name === "tls")?.secure).toBe(true);
    expect(JSON.stringify(seen)).not.toMatch(/v-/);
    expect(jar.takeSeen()).toEqual([]);
  });

  it("honours Domain for subdomains, ignores a Domain that does not cover the host, and a later cookie replaces an earlier one", () => {
    const jar = new CookieJar();
    jar.store("http://login.svc.test/", ["wide=1; Domain=.svc.test; Path=/", "foreign=2; Domain=evil.test"]);
    expect(jar.header("http://app.svc.test/")).toBe("wide=1");
    jar.store("http://login.svc.test/", ["wide=3; Domain=svc.test; Path=/"]);
    expect(jar.header("http://svc.test/")).toBe("wide=3");
    jar.clear();
    expect(jar.header("http://svc.test/")).toBeUndefined();
  });
});

describe("v0.7 user actor: reading the verdict", () => {
  it("maps statuses, and configured text decides first", () => {
    expect(outcomeOf(200, "All set", {}, true)).toEqual({ outcome: "confirmed" });
    expect(outcomeOf(200, "Enter the code", {}, false)).toEqual({ outcome: "unknown" });
    expect(outcomeOf(401, "", {}, true)).toEqual({ outcome: "refused", reason: "wrong-code" });
    expect(outcomeOf(403, "", {}, false)).toEqual({ outcome: "refused", reason: "wrong-account" });
    expect(outcomeOf(409, "", {}, true)).toEqual({ outcome: "invalid-link", reason: "already-claimed" });
    expect(outcomeOf(410, "", {}, true)).toEqual({ outcome: "expired" });
    expect(outcomeOf(502, "", {}, true)).toEqual({ outcome: "error", reason: "server-error" });
    expect(outcomeOf(200, "Sorry, that code is wrong", { refused: "code is wrong", confirmed: "all set" }, true)).toEqual({ outcome: "refused", reason: "text" });
    expect(outcomeOf(200, "Thanks", { confirmed: "all set" }, true)).toEqual({ outcome: "unknown", reason: "confirmed text not shown" });
  });
});
