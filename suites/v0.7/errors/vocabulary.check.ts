import { IDENTITY_ERROR_CODES_V07, REMOVED_ERROR_CODES_V07, TOKEN_ERROR_CODES_V07 } from "../../../src/profiles/v0_7/error-codes.ts";
import { assert, check } from "../../../src/suite/index.ts";
import type { HttpResponse } from "../../../src/http/client.ts";
import { agentWith, errorCode } from "../support/agent.ts";

// The v0.7 error vocabulary (v0.7.md §11).

/** A well-formed JWS nobody signed (a refused assertion). */
const UNSIGNED = "eyJhbGciOiJFUzI1NiIsInR5cCI6Im9hdXRoLWlkLWphZytqd3QifQ.eyJzdWIiOiJub2JvZHkifQ.c2lnbmF0dXJl";

type Probe = { label: string; res: HttpResponse };

function codes(probes: Probe[]): { label: string; status: number; error: string | undefined }[] {
  return probes.map((p) => ({ label: p.label, status: p.res.status, error: errorCode(p.res) }));
}

check("ERR-01", async (ctx) => {
  const agent = agentWith(ctx, "token");
  const probes: Probe[] = [
    { label: "jwt-bearer with an unsigned assertion", res: await agent.token.jwtBearer(UNSIGNED) },
    { label: "jwt-bearer without assertion", res: await agent.token.form({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer" }) },
    { label: "an unknown grant_type", res: await agent.token.form({ grant_type: "foo" }) },
  ];
  const seen = codes(probes);
  ctx.evidence("codes", seen);
  const outside = seen.filter((c) => c.status >= 400 && !(TOKEN_ERROR_CODES_V07 as readonly string[]).includes(c.error ?? ""));
  assert(outside.length === 0, `The token endpoint answered codes outside RFC 6749/7523/8628: ${outside.map((c) => `${c.label} → ${c.error ?? "(no error)"}`).join("; ")}`, {
    expected: TOKEN_ERROR_CODES_V07,
    actual: seen,
  });
});

check("ERR-02", async (ctx) => {
  const agent = agentWith(ctx, "identity", "claim");
  const probes: Probe[] = [
    { label: "identity_endpoint with an unknown type", res: await agent.register({ type: "raw", body: { type: "magic_link" } }) },
    { label: "claim_endpoint with an unknown claim_token", res: await agent.claim({ claimToken: `unknown-${Date.now()}`, loginHint: "someone@agents.example.org" }) },
  ];
  const seen = codes(probes);
  ctx.evidence("codes", seen);
  const outside = seen.filter((c) => c.status >= 400 && !(IDENTITY_ERROR_CODES_V07 as readonly string[]).includes(c.error ?? ""));
  assert(outside.length === 0, `The profile endpoints answered codes outside the v0.7 vocabulary (AUTH.md v0.7 Errors): ${outside.map((c) => `${c.label} → ${c.status} ${c.error ?? "(no error)"}`).join("; ")}`, {
    expected: IDENTITY_ERROR_CODES_V07,
    actual: seen,
  });
});

check("ERR-05", async (ctx) => {
  const agent = agentWith(ctx, "identity", "token");
  const probes: Probe[] = [
    // The flows the codes were removed from: verified_email registration (CL v0.6.0), a refused assertion.
    { label: "identity_assertion with assertion_type verified_email", res: await agent.register({ type: "identity_assertion", assertion: "someone@agents.example.org", assertionType: "verified_email" }) },
    { label: "identity_assertion with an unsigned ID-JAG", res: await agent.register({ type: "identity_assertion", assertion: UNSIGNED }) },
    { label: "jwt-bearer with an unsigned assertion", res: await agent.token.jwtBearer(UNSIGNED) },
  ];
  const seen = codes(probes);
  ctx.evidence("codes", seen);
  const removed = seen.filter((c) => (REMOVED_ERROR_CODES_V07 as readonly string[]).includes(c.error ?? ""));
  assert(removed.length === 0, `Removed codes are still emitted (CL v0.6.0 "Removed"): ${removed.map((c) => `${c.label} → ${c.error}`).join("; ")}`, {
    expected: `none of ${REMOVED_ERROR_CODES_V07.join(", ")}`,
    actual: seen,
  });
});
