import { assert, check, skip } from "../../../src/suite/index.ts";
import { agentWith, errorCode, isObject } from "../support/agent.ts";
import { answered, bodyOf, ceremonyBlock, freshHint, skipUnlessServiceAuth } from "../support/ceremony.ts";

// {type:"service_auth", login_hint} (v0.7.md §5): a ceremony for the named account, no assertion yet.

const SERVICE_AUTH_FIELDS = ["registration_id", "registration_type", "claim_url", "claim_token", "claim_token_expires", "post_claim_scopes", "claim"];
const CEREMONY_FIELDS = ["user_code", "expires_in", "verification_uri", "interval"];

check("SA-01", async (ctx) => {
  const agent = agentWith(ctx, "identity");
  const res = await agent.register({ type: "service_auth", loginHint: freshHint("sa01") });
  skipUnlessServiceAuth(ctx, res);
  const body = bodyOf(res);
  const details = { expected: { status: 200, fields: SERVICE_AUTH_FIELDS, claim: CEREMONY_FIELDS, identity_assertion: "absent" }, actual: answered(res) };
  assert(res.status === 200, `POST identity_endpoint {type:"service_auth", login_hint} answered ${res.status}, expected 200 (AUTH.md v0.7 Step 3 "service_auth")`, details);
  const missing = SERVICE_AUTH_FIELDS.filter((k) => body[k] === undefined);
  assert(missing.length === 0, `The service_auth registration lacks ${missing.join(", ")}`, details);
  assert(body.registration_type === "service_auth", `registration_type is ${JSON.stringify(body.registration_type)}, expected "service_auth"`, { ...details, pointer: "/registration_type" });
  const block = isObject(body.claim) ? body.claim : {};
  const missingBlock = CEREMONY_FIELDS.filter((k) => block[k] === undefined);
  assert(missingBlock.length === 0, `The service_auth claim block lacks ${missingBlock.join(", ")}`, { ...details, pointer: "/claim" });
  assert(body.identity_assertion === undefined, "The service_auth registration already carries an identity_assertion; none is due before the user confirms (CL v0.6.0)", { ...details, pointer: "/identity_assertion" });
});

check("SA-02", async (ctx) => {
  const agent = agentWith(ctx, "identity");
  // Probe that service_auth is offered at all (a valid hint), so a refusal below is about the hint.
  skipUnlessServiceAuth(ctx, await agent.register({ type: "service_auth", loginHint: freshHint("sa02") }));
  for (const hint of ["not-an-email", "", "a@b"]) {
    const res = await agent.register({ type: "service_auth", loginHint: hint });
    const code = errorCode(res);
    // An empty login_hint is a malformed request as much as an unrecognisable identifier: a
    // schema's invalid_request is as right as invalid_login_hint there (the reference: zod min(1)).
    const accepted = hint === "" ? ["invalid_login_hint", "invalid_request"] : ["invalid_login_hint"];
    ctx.outcome(res.status === 200 ? "accepted" : code !== undefined && accepted.includes(code) ? "refused" : "refused-other-code", JSON.stringify(hint));
    assert(res.status === 400 && code !== undefined && accepted.includes(code), `service_auth with login_hint ${JSON.stringify(hint)} answered ${res.status} ${code ?? ""}, expected 400 ${accepted.join(" or ")} (CL v0.6.0 "Added")`, {
      expected: { status: 400, error: accepted },
      actual: answered(res),
    });
  }
});

check("SA-03", async (ctx) => {
  const agent = agentWith(ctx, "identity");
  const res = await agent.register({ type: "service_auth", loginHint: freshHint("sa03") });
  if (res.status === 200) skip("service_auth is enabled: the opt-out answer cannot be observed");
  const code = errorCode(res);
  ctx.outcome(code === "service_auth_not_enabled" ? "opted-out" : "refused-other-code");
  assert(res.status === 400 && code === "service_auth_not_enabled", `A service_auth registration with a valid login_hint was refused with ${res.status} ${code ?? ""}; a service that opted out answers 400 service_auth_not_enabled (CL v0.6.0, AUTH.md v0.7 Errors)`, {
    expected: { status: 400, error: "service_auth_not_enabled" },
    actual: answered(res),
  });
});

check("SA-04", async (ctx) => {
  const agent = agentWith(ctx, "identity");
  const res = await agent.register({ type: "identity_assertion", assertionType: "verified_email", assertion: freshHint("sa04") });
  ctx.outcome(res.status === 200 ? "accepted" : "refused");
  assert(res.status === 400, `The removed body {type:"identity_assertion", assertion_type:"verified_email", assertion:<email>} answered ${res.status}, expected 400 (CL v0.6.0 "Removed")`, {
    expected: 400,
    actual: answered(res),
  });
  // A registration or assertion for the bare email would be the v0.1 flow back.
  assert(bodyOf(res).claim_token === undefined && bodyOf(res).identity_assertion === undefined, "The refused verified_email body still returned a claim_token or identity_assertion", { actual: answered(res) });
});
