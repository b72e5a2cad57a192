import { parseWwwAuthenticate } from "../../../src/protocol/www-authenticate.ts";
import { assert, check, notTestable } from "../../../src/suite/index.ts";
import { agentWith, errorCode, isObject } from "../support/agent.ts";
import { answered, ceremonyBlock, identityAssertionAdvertised, pendingStepUp, presentStepUp } from "../support/ceremony.ts";

// First-link confirmation (v0.7.md §4.2, agent side): an ID-JAG whose verified email matches an
// existing account, with no (iss, sub) delegation yet, asks for the account holder's confirmation.

const STEP_UP_FIELDS = ["error", "registration_id", "registration_type", "claim_url", "claim_token", "claim_token_expires", "post_claim_scopes", "claim"];
const CEREMONY_FIELDS = ["user_code", "verification_uri", "expires_in", "interval"];

check("STEP-01", async (ctx) => {
  identityAssertionAdvertised(ctx);
  const agent = agentWith(ctx, "identity");
  const { res, body, email } = await presentStepUp(ctx, agent);
  const details = { expected: { status: 401, error: "interaction_required", identity_assertion: "absent" }, actual: answered(res) };
  assert(res.status === 401 && body.error === "interaction_required", `An ID-JAG for the existing account ${email} with a new (iss, sub) answered ${res.status} ${String(body.error ?? "")}, expected 401 interaction_required (AUTH.md v0.7 Step 3 "Confirmation required")`, details);
  assert(body.identity_assertion === undefined, "The interaction_required answer carries an identity_assertion: the delegation was bound without the account holder's confirmation", { ...details, pointer: "/identity_assertion" });
});

check("STEP-02", async (ctx) => {
  identityAssertionAdvertised(ctx);
  const agent = agentWith(ctx, "identity");
  const { res, body } = await presentStepUp(ctx, agent);
  const details = { expected: { status: 401, header: 'AgentAuth error="interaction_required", …', body: STEP_UP_FIELDS, claim: CEREMONY_FIELDS }, actual: answered(res) };
  assert(res.status === 401 && body.error === "interaction_required", `The first-link ID-JAG answered ${res.status} ${String(body.error ?? "")}, expected 401 interaction_required`, details);
  const header = res.headers["www-authenticate"];
  // §15 P17: the auth-params are judged, not the scheme name (AgentAuth is not registered).
  const params = header ? parseWwwAuthenticate(header).find((c) => c.params.error !== undefined)?.params : undefined;
  assert(params?.error === "interaction_required", `The 401's WWW-Authenticate is ${JSON.stringify(header ?? null)}, expected a challenge with error="interaction_required" (AUTH.md v0.7 Step 3)`, details);
  const missing = STEP_UP_FIELDS.filter((k) => body[k] === undefined);
  // ERR-04: the reference describes its 401s in error_description; either description member will do here.
  if (body.error_description === undefined && body.message === undefined) missing.push("error_description");
  assert(missing.length === 0, `The interaction_required body lacks ${missing.join(", ")}`, details);
  assert(body.registration_type === "identity_assertion", `registration_type is ${JSON.stringify(body.registration_type)}, expected "identity_assertion"`, { ...details, pointer: "/registration_type" });
  const block = isObject(body.claim) ? body.claim : {};
  const missingBlock = CEREMONY_FIELDS.filter((k) => block[k] === undefined);
  assert(missingBlock.length === 0, `The interaction_required claim block lacks ${missingBlock.join(", ")}`, { ...details, pointer: "/claim" });
});

check("STEP-03", async (ctx) => {
  identityAssertionAdvertised(ctx);
  const agent = agentWith(ctx, "identity", "token");
  const first = await pendingStepUp(ctx, agent);
  const poll = await agent.token.claimGrant(first.claimToken);
  const pollBody = isObject(poll.json) ? poll.json : {};
  // Nothing mints is this rule; the exact pending answer (400 authorization_pending) is TOK-CLM-01's.
  assert(pollBody.access_token === undefined && pollBody.identity_assertion === undefined, `Before the account holder confirms, the claim grant answered ${poll.status} with tokens (S6 "First-link step-up": nothing mints before the user confirms)`, {
    expected: { status: 400, error: "authorization_pending" },
    actual: answered(poll),
  });
  if (errorCode(poll) !== "authorization_pending") ctx.note(`The pending poll answered ${poll.status} ${errorCode(poll) ?? ""}, not 400 authorization_pending (TOK-CLM-01 judges the code)`);
  const again = await presentStepUp(ctx, agent, first.subject);
  const details = { expected: { status: 401, error: "interaction_required", identity_assertion: "absent" }, actual: answered(again.res) };
  assert(again.res.status === 401 && again.body.error === "interaction_required" && again.body.identity_assertion === undefined, `A second ID-JAG for the same (iss, sub) while the confirmation is pending answered ${again.res.status} ${String(again.body.error ?? "")}, expected 401 interaction_required again with no identity_assertion`, details);
  // The second presentation re-issues the ceremony (S6 "First-link step-up", last paragraph); that
  // the old link and code then stop working is STEP-04's part (user actor).
  const second = ceremonyBlock(again.body.claim);
  ctx.evidence("reissued", { claimTokenChanged: again.body.claim_token !== first.claimToken, userCodeChanged: second?.userCode !== first.attempt?.userCode });
  if (typeof again.body.claim_token !== "string") notTestable("the second interaction_required answer has no claim_token (STEP-02 judges it)");
  assert(again.body.claim_token !== first.claimToken, "The second presentation returned the same claim_token: the ceremony was not re-issued (S6 \"First-link step-up\")", details);
  assert(second?.verificationUri === undefined || second.verificationUri !== first.attempt?.verificationUri, "The second presentation returned the same verification_uri: the ceremony was not re-issued", details);
});
