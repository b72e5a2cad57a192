import type { HttpClient, HttpResponse } from "../../../src/http/client.ts";
import type { GroupedOutcome, PropertyBounds, PropertyOutcome } from "../../../src/fuzz/property.ts";
import { fuzzSettings, propertySeed, type FuzzSettings } from "../../../src/fuzz/settings.ts";
import type { Cause } from "../../../src/report/model.ts";
import { assert, blocked, type CheckContext, notTestable, runtime, skip } from "../../../src/suite/index.ts";
import type { Target } from "../../../src/target/target.ts";
import {
  advertisesAnonymous,
  advertisesVerifiedEmail,
  bodyOf,
  claimEndpoints,
  type ClaimEndpoints,
  describeAnswer,
  ok,
  recordCreated,
  uniqueAddress,
  userActor,
  waitForClaimMail,
} from "./claim-env.ts";

/** The run's fuzz settings. */
export function settings(): FuzzSettings {
  return fuzzSettings(runtime().data);
}

/** Bounds of one property: `runs` scaled by `factor`, the per-property caps, a seed of its own. */
export function boundsFor(ctx: CheckContext, factor = 1): PropertyBounds {
  const s = settings();
  return {
    runs: Math.max(1, Math.round(s.runs * factor)),
    maxRequests: s.maxRequestsPerProperty,
    maxMs: s.maxMsPerProperty,
    seed: propertySeed(ctx.run.seed, ctx.requirement.id),
  };
}

/**
 * Record a property's outcome (seed, counterexample, where it stopped) and fail the check with
 * the shrunk counterexample when the property failed.
 */
export function reportProperty<T>(
  ctx: CheckContext,
  outcome: PropertyOutcome<T>,
  options: { rule: string; expected: unknown; describe?: (value: T) => unknown },
): void {
  ctx.evidence("seed", ctx.run.seed);
  ctx.evidence("property", {
    propertySeed: outcome.seed,
    runs: outcome.numRuns,
    shrinks: outcome.numShrinks,
    requests: outcome.requests,
    ...(outcome.path ? { path: outcome.path } : {}),
    ...(outcome.stoppedBy ? { stoppedBy: outcome.stoppedBy } : {}),
    ...(outcome.replay ? { replay: outcome.replay } : {}),
  });
  if (outcome.replay === "passed") ctx.note("Replaying the shrunk counterexample once more did not fail again: the finding depends on state or timing.");
  if (outcome.stoppedBy) {
    ctx.note(`The property stopped early at its ${outcome.stoppedBy === "requests" ? "request cap (fuzz.maxRequestsPerProperty)" : "time cap (fuzz.maxMsPerProperty)"} after ${outcome.numRuns} cases and ${outcome.requests} requests.`);
  }
  if (!outcome.failed) return;
  const counterexample = options.describe ? options.describe(outcome.counterexample as T) : outcome.counterexample;
  ctx.evidence("counterexample", counterexample);
  ctx.evidence("counterexampleExchanges", outcome.exchanges);
  assert(false, `${options.rule}: ${outcome.message} (shrunk in ${outcome.numShrinks} steps; replay with --seed ${ctx.run.seed})`, {
    expected: options.expected,
    actual: counterexample,
  });
}

/**
 * Record a per-group property (see runPropertyPerGroup) and fail the check naming every group
 * that broke the rule, each with its own shrunk counterexample.
 */
export function reportGroupedProperty<T>(
  ctx: CheckContext,
  outcome: GroupedOutcome<T>,
  options: { rule: string; expected: unknown; describe?: (value: T) => unknown },
): void {
  ctx.evidence("seed", ctx.run.seed);
  ctx.evidence("property", {
    propertySeed: outcome.last.seed,
    runs: outcome.numRuns,
    requests: outcome.requests,
    rounds: outcome.findings.length + (outcome.last.failed ? 0 : 1),
    ...(outcome.stoppedBy ? { stoppedBy: outcome.stoppedBy } : {}),
  });
  if (outcome.stoppedBy) {
    ctx.note(`The property stopped early at its ${outcome.stoppedBy === "requests" ? "request cap (fuzz.maxRequestsPerProperty)" : "time cap (fuzz.maxMsPerProperty)"} after ${outcome.numRuns} cases and ${outcome.requests} requests: endpoints not yet named may break the rule too.`);
  }
  if (outcome.findings.length === 0) return;
  const show = (value: T | undefined): unknown => (options.describe && value !== undefined ? options.describe(value) : value);
  const findings = outcome.findings.map(({ group, outcome: o }) => ({
    endpoint: group,
    problem: o.message,
    counterexample: show(o.counterexample),
    shrinks: o.numShrinks,
    ...(o.replay ? { replay: o.replay } : {}),
    ...(o.path ? { path: o.path } : {}),
  }));
  const flaky = outcome.findings.filter((f) => f.outcome.replay === "passed").map((f) => f.group);
  if (flaky.length) ctx.note(`Replaying the shrunk counterexample once more did not fail again for ${flaky.join(", ")}: that finding depends on state or timing.`);
  ctx.evidence("findings", findings);
  ctx.evidence("counterexample", findings[0]!.counterexample);
  ctx.evidence("counterexampleExchanges", outcome.findings.flatMap((f) => f.outcome.exchanges));
  const named = outcome.findings.map((f) => f.group);
  assert(
    false,
    `${options.rule} on ${named.length} endpoint${named.length === 1 ? "" : "s"} (${named.join(", ")}): ${outcome.findings.map((f) => `${f.outcome.message} (shrunk in ${f.outcome.numShrinks} steps)`).join("; ")}; replay with --seed ${ctx.run.seed}`,
    { expected: options.expected, actual: findings.map((f) => ({ endpoint: f.endpoint, counterexample: f.counterexample })) },
  );
}

/** A registration whose claim ceremony reached a live OTP: what the agent and the user hold. */
export interface LiveClaim {
  kind: "anonymous" | "verified-email";
  registrationId: string;
  claimToken: string;
  /** The anonymous api_key (pre-claim scopes). */
  key?: string;
  email: string;
  link: string;
  code: string;
  /** expires_at of the code, as the challenge sent it. */
  expiresAt?: unknown;
  endpoints: ClaimEndpoints;
}

/** Which registration the fuzz checks claim: anonymous when offered (no credential until the claim otherwise). */
export function claimKind(target: Target): "anonymous" | "verified-email" {
  if (advertisesAnonymous(target)) return "anonymous";
  if (advertisesVerifiedEmail(target)) return "verified-email";
  skip("agent_auth offers neither anonymous nor verified_email registrations, which have a claim ceremony");
}

/** Register and start the claim (unless `claim: false`): the agent's part, up to the mail being sent. */
export async function startClaim(
  http: HttpClient,
  target: Target,
  createdBy: string,
  tag: string,
  options: { claim?: boolean } = {},
): Promise<{ kind: "anonymous" | "verified-email"; registrationId: string; claimToken: string; key?: string; email: string; register: HttpResponse } | { problem: string }> {
  const endpoints = claimEndpoints(target);
  const kind = claimKind(target);
  const email = uniqueAddress(tag);
  const register = await http.postJson(
    endpoints.register,
    kind === "anonymous"
      ? { type: "anonymous", requested_credential_type: "api_key" }
      : { type: "identity_assertion", assertion_type: "verified_email", assertion: email, requested_credential_type: "api_key" },
  );
  const body = bodyOf(register);
  await recordCreated(createdBy, body.registration_id, kind === "anonymous" ? "anonymous" : "email-verification", kind === "anonymous" ? { type: body.credential_type, value: body.credential } : undefined);
  if (!ok(register) || typeof body.claim_token !== "string" || typeof body.registration_id !== "string") {
    return { problem: `the ${kind} registration answered ${describeAnswer(register)} without registration_id and claim_token` };
  }
  const key = typeof body.credential === "string" ? body.credential : undefined;
  if (kind === "anonymous" && options.claim !== false) {
    const claim = await http.postJson(endpoints.claim, { claim_token: body.claim_token, email });
    if (!ok(claim)) return { problem: `/claim answered ${describeAnswer(claim)}` };
  }
  return { kind, registrationId: body.registration_id, claimToken: body.claim_token, ...(key ? { key } : {}), email, register };
}

/** The user's part: read the mail, open the link and reveal a code. */
export async function revealFor(http: HttpClient, target: Target, email: string, registrationId?: string): Promise<{ link: string; code: string; expiresAt?: unknown } | { problem: string; cause?: Cause }> {
  const endpoints = claimEndpoints(target);
  // startClaim registered the kind claimKind picks; its mail is that flow's.
  const mail = await waitForClaimMail(email, claimKind(target), registrationId);
  if (!mail.mail) return { problem: mail.problem, ...(mail.cause ? { cause: mail.cause } : {}) };
  const actor = userActor(http, endpoints.challenge);
  const link = actor.claimLink(mail.mail);
  if (!link) return { problem: `the claim mail to ${email} has no claim link` };
  if (!runtime().http.isAllowed(link)) return { problem: `the claim link goes to ${new URL(link).origin}, outside the allowed origins` };
  const revealed = await actor.revealCode(link);
  if (!revealed.code) return { problem: `the challenge gave no code: ${revealed.problem ?? "no challenge"}` };
  return { link, code: revealed.code, ...(revealed.expiresAt !== undefined ? { expiresAt: revealed.expiresAt } : {}) };
}

/** A registration with a live code, or Not testable naming the step that failed. */
export async function liveClaim(http: HttpClient, target: Target, createdBy: string, tag: string): Promise<LiveClaim> {
  const started = await startClaim(http, target, createdBy, tag);
  if ("problem" in started) notTestable(started.problem);
  const revealed = await revealFor(http, target, started.email, started.registrationId);
  if ("problem" in revealed) {
    if (revealed.cause) blocked(revealed.cause);
    notTestable(revealed.problem);
  }
  const { register: _register, ...rest } = started;
  return { ...rest, ...revealed, endpoints: claimEndpoints(target) };
}

/** Another code on the same link (a press of the page's button). */
export async function mintAgain(http: HttpClient, claim: LiveClaim): Promise<string | undefined> {
  const revealed = await userActor(http, claim.endpoints.challenge).revealCode(claim.link);
  return revealed.code;
}
