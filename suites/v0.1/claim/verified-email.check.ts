import { assert, check, notTestable } from "../../../src/suite/index.ts";
import { futureDateProblem, differentCode } from "../support/claim-parse.ts";
import {
  attachSteps,
  bodyOf,
  claimEndpoints,
  describeAnswer,
  documentedCode,
  mailCount,
  ok,
  recordCreated,
  requireVerifiedEmail,
  uniqueAddress,
  userActor,
} from "../support/claim-env.ts";
import { completeClaim, requireCompletion, verifiedEmailWalk, type VerifiedEmailWalk, walkStopped } from "../support/claim-walks.ts";
import { stringArray } from "../support/documents.ts";

// Verified email: registration hands out claim handles only; the mailed code buys the credential.

/** The walk, once its ceremony completed (else not testable, citing why). */
function completed(walk: VerifiedEmailWalk) {
  const ceremony = walk.ceremony;
  if (!ceremony?.completion) {
    walkStopped(walk, `no /complete succeeded (last answer ${describeAnswer(ceremony?.lastAttempt)}; see VEM-03)`);
  }
  return { ceremony, completion: ceremony.completion, body: bodyOf(ceremony.completion.res) };
}

check("VEM-01", async (ctx) => {
  requireVerifiedEmail(ctx.target);
  const walk = await verifiedEmailWalk(ctx.target);
  attachSteps(ctx, walk.steps, ["register"]);
  assert(ok(walk.register), `The verified_email registration answered ${describeAnswer(walk.register)}, expected 200`, {
    expected: 200,
    actual: walk.register.status,
  });
  const body = walk.registration;
  const problems: string[] = [];
  for (const name of ["registration_id", "claim_url", "claim_token"]) {
    if (typeof body[name] !== "string" || body[name] === "") problems.push(`${name} is missing or not a string`);
  }
  if (body.registration_type !== "email-verification") problems.push(`registration_type is ${JSON.stringify(body.registration_type)}, expected "email-verification"`);
  const expiry = futureDateProblem(body.claim_token_expires, "claim_token_expires", Date.now());
  if (expiry) problems.push(expiry);
  if (!stringArray(body.post_claim_scopes)) problems.push("post_claim_scopes is missing or not an array of strings");
  assert(problems.length === 0, `The verified_email registration response is incomplete: ${problems.join("; ")}`, {
    expected: "registration_id, registration_type, claim_url, claim_token, claim_token_expires, post_claim_scopes",
    actual: Object.keys(body),
  });
});

check("VEM-02", async (ctx) => {
  requireVerifiedEmail(ctx.target);
  const walk = await verifiedEmailWalk(ctx.target);
  attachSteps(ctx, walk.steps, ["register"]);
  if (!ok(walk.register)) notTestable(`the verified_email registration answered ${describeAnswer(walk.register)} (see VEM-01)`);
  const issued = ["credential", "api_key", "access_token"].filter((name) => walk.registration[name] !== undefined && walk.registration[name] !== null);
  assert(issued.length === 0, `The verified_email registration already carries ${issued.join(", ")} before any claim`, {
    expected: "no credential until /complete",
    actual: issued,
  });
});

check("VEM-03", async (ctx) => {
  requireVerifiedEmail(ctx.target);
  const walk = await verifiedEmailWalk(ctx.target);
  attachSteps(ctx, walk.steps, ["complete"]);
  const { body } = requireCompletion(walk);
  const problems: string[] = [];
  if (body.status !== "claimed") problems.push(`status is ${JSON.stringify(body.status)}, expected "claimed"`);
  if (walk.registrationId && body.registration_id !== walk.registrationId) problems.push(`registration_id is ${JSON.stringify(body.registration_id)}, not the registration's`);
  if (body.credential_type !== walk.requestedType) {
    problems.push(`credential_type is ${JSON.stringify(body.credential_type)}, but ${walk.requestedType} was requested at registration`);
  }
  if (typeof body.credential !== "string" || body.credential === "") problems.push("credential is missing");
  assert(problems.length === 0, `The verified_email /complete answer is wrong: ${problems.join("; ")}`, {
    expected: { status: "claimed", credential_type: walk.requestedType, credential: "<fresh>" },
    actual: { status: body.status, credential_type: body.credential_type, credential: typeof body.credential },
  });
});

check("VEM-04", async (ctx) => {
  requireVerifiedEmail(ctx.target);
  const walk = await verifiedEmailWalk(ctx.target);
  completed(walk);
  attachSteps(ctx, walk.steps, ["complete", "api"]);
  if (!walk.credential || !walk.read) notTestable("/complete returned no credential (see VEM-03)");
  const probe = ctx.target.api.read;
  assert(ok(walk.read), `The claimed credential was refused by ${probe.method} ${probe.url}: ${describeAnswer(walk.read)}`, {
    expected: "2xx",
    actual: walk.read.status,
  });
});

check("VEM-05", async (ctx) => {
  requireVerifiedEmail(ctx.target);
  const walk = await verifiedEmailWalk(ctx.target);
  const { ceremony } = completed(walk);
  const endpoints = claimEndpoints(ctx.target);
  const claimToken = walk.claimToken!;
  const problems: string[] = [];
  // The mailed link must mint nothing more for a finished claim.
  const again = await userActor(ctx.http, endpoints.challenge).revealCode(ceremony.link);
  const used = ceremony.reveals.map((r) => r.reveal.code).filter((c): c is string => !!c);
  let otp = differentCode(used);
  if (ok(again.response) && again.code) {
    problems.push(`the mailed link minted a new code after the claim completed (${describeAnswer(again.response)})`);
    otp = again.code;
  }
  const res = await completeClaim(ctx.http, endpoints, claimToken, otp);
  if (ok(res)) {
    const body = bodyOf(res);
    await recordCreated(ctx.requirement.id, body.registration_id ?? walk.registrationId, "email-verification", { type: body.credential_type, value: body.credential });
    problems.push(`/complete accepted the spent claim_token again (${describeAnswer(res)})`);
  } else {
    const match = documentedCode(res, ["DONE", "CLM"]);
    if (!match.ok) problems.push(`/complete refused the spent claim_token with ${describeAnswer(res)}, not one of ${match.accepted.join(", ")}`);
    else ctx.note(`The target answers a spent claim_token with ${match.code} (${match.vocabulary} vocabulary)`);
  }
  assert(problems.length === 0, `The claim_token is not spent after the claim: ${problems.join("; ")}`, {
    expected: "challenge refused; /complete 409 previously_claimed (or invalid_claim_token)",
    actual: { challenge: again.response.status, complete: describeAnswer(res) },
  });
});

check("VEM-06", async (ctx) => {
  requireVerifiedEmail(ctx.target);
  const endpoints = claimEndpoints(ctx.target);
  const email = uniqueAddress("vem-06");
  const register = await ctx.http.postJson(endpoints.register, {
    type: "identity_assertion",
    assertion_type: "verified_email",
    assertion: email,
    requested_credential_type: "api_key",
  });
  const body = bodyOf(register);
  await recordCreated(ctx.requirement.id, body.registration_id, "email-verification");
  if (!ok(register) || typeof body.claim_token !== "string") notTestable(`the verified_email registration answered ${describeAnswer(register)} (see VEM-01)`);
  const elsewhere = uniqueAddress("vem-06-elsewhere");
  const res = await ctx.http.postJson(endpoints.claim, { claim_token: body.claim_token, email: elsewhere });
  const mailed = await mailCount(elsewhere);
  ctx.evidence("mailsToOtherAddress", mailed);
  assert(!ok(res) && res.status < 500, `POST /claim with a verified_email registration's claim_token answered ${describeAnswer(res)}; it must be refused (4xx)`, {
    expected: "4xx (claimed_or_in_flight)",
    actual: res.status,
  });
  assert(!mailed, `After the refused /claim, ${mailed} mail(s) still went to ${elsewhere}`, { expected: 0, actual: mailed });
  const match = documentedCode(res, ["DONE", "CLM", "REQ"]);
  ctx.note(match.ok ? `Refused with ${match.code} (${match.vocabulary})` : `Refused with ${describeAnswer(res)} (no documented code)`);
});
