import { describe, expect, it } from "vitest";
import { Redactor } from "../../src/http/redact.ts";

describe("redaction of URLs in bodies", () => {
  it("masks a claim_attempt_token nested in a verification_uri's return_to, in that body and wherever it appears later", () => {
    const redactor = new Redactor();
    const token = "cvt_0123456789abcdefghijklmnopqrstuvwxyzABCD";
    const uri = `http://127.0.0.1:8000/login?return_to=${encodeURIComponent(`/claim?claim_attempt_token=${token}`)}`;
    const body = redactor.body(JSON.stringify({ claim_attempt: { verification_uri: uri, user_code: "123456" } }), "application/json");
    expect(body).not.toContain(token);
    expect(redactor.text(`GET /claim?claim_attempt_token=${token}`)).not.toContain(token);
  });
});
