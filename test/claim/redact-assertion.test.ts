import { describe, expect, it } from "vitest";
import { Redactor } from "../../src/http/redact.ts";

describe("Redactor and verified_email assertions", () => {
  it("keeps an email address given as `assertion` readable, but still masks a JWT assertion", () => {
    const r = new Redactor();
    const jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    const out = r.json({ assertion: "agent-user+vem-1@example.test" }) as Record<string, string>;
    expect(out.assertion).toBe("agent-user+vem-1@example.test");
    expect(r.text("No claim mail for agent-user+vem-1@example.test")).toContain("agent-user+vem-1@example.test");
    expect((r.json({ assertion: jwt }) as Record<string, string>).assertion).not.toContain(jwt);
  });
});
