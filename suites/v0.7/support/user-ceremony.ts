import { randomUUID } from "node:crypto";
import type { ActorAccount, ActorIntent, ActorResult } from "../../../src/actors/v0_7/types.ts";
import type { HttpResponse } from "../../../src/http/client.ts";
import type { AgentV07 } from "../../../src/profiles/v0_7/agent.ts";
import { assert, blocked, type CheckContext, notTestable, recordActorResult, requireUserAccounts, skip, withUserActor } from "../../../src/suite/index.ts";
import { providerClient } from "../../../src/suite/harness-clients.ts";
import { waiting } from "../../../src/suite/progress.ts";
import { type AnonymousRegistration, bodyOf, isObject, type Json, registerAnonymous, strings } from "./agent.ts";
import { ceremonyBlock } from "./ceremony.ts";
import { NO_PROVIDER_CAUSE, providerAudience } from "./id-jag.ts";

// The user's side of a v0.7 claim ceremony (v0.7.md §12, §14): the agent starts a ceremony, the
// user actor signs in and confirms (or is refused), the agent polls. Shared by suites/v0.7/ceremony.

/** The `claim` / `claim_attempt` block the agent hands to the user (A7 Step 3/4a). */
export interface UserCeremonyBlock {
  userCode: string;
  verificationUri: string;
  /** Seconds; undefined when the service sent none (PAGE-02 judges it). */
  expiresIn?: number;
  interval?: number;
}

/** A started ceremony: what the agent keeps (claim_token) and what it shows the user (block). */
export interface StartedCeremony {
  claimToken: string;
  registrationId?: string;
  claimAttemptId?: string;
  block: UserCeremonyBlock;
  response: HttpResponse;
}

/** Causes that block the user-side checks when the agent could not start a ceremony of a kind. */
export const CEREMONY_CAUSES = {
  claim: { id: "v07-claim-ceremony-not-started", title: "POST claim_endpoint with a login_hint started no ceremony (no user_code / verification_uri to hand to the user)" },
  serviceAuth: { id: "v07-service-auth-ceremony-not-started", title: "A service_auth registration started no ceremony (no claim_token / claim block to hand to the user)" },
  stepUp: { id: "v07-step-up-ceremony-not-started", title: "An ID-JAG for an existing account started no first-link ceremony (no 401 interaction_required with a claim block)" },
} as const;

export { bodyOf } from "./agent.ts";

export function answeredWith(res: HttpResponse): unknown {
  return { status: res.status, body: res.json ?? res.text.slice(0, 200) };
}

/** The block with a code and a URI the user can be given (ceremony.ts reads the wire shape). */
export function userCeremonyBlock(value: unknown): UserCeremonyBlock | undefined {
  const block = ceremonyBlock(value);
  if (block?.userCode === undefined || block.verificationUri === undefined) return undefined;
  return {
    userCode: block.userCode,
    verificationUri: block.verificationUri,
    ...(block.expiresIn !== undefined ? { expiresIn: block.expiresIn } : {}),
    ...(block.interval !== undefined ? { interval: block.interval } : {}),
  };
}

/** A ceremony the agent could not start blocks the user-side checks; the agent-side checks judge why. */
function notStarted(kind: keyof typeof CEREMONY_CAUSES, what: string, res: HttpResponse, judgedBy: string): never {
  blocked({
    ...CEREMONY_CAUSES[kind],
    evidence: { message: `${what} answered ${res.status}: ${res.text.slice(0, 200)} (${judgedBy} judges it)` },
  });
}

/** A user the service has never seen (a just-in-time provider user). */
export function freshSubject(): string {
  return `user_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
}

/** A provider ID-JAG for `email` (fresh auth_time), with extra claims (STEP-07's hostile name). */
export async function idJagForEmail(ctx: CheckContext, input: { email: string; subject?: string; claims?: Record<string, unknown> }): Promise<{ assertion: string; subject: string }> {
  const provider = providerClient();
  if (!provider) {
    blocked({ id: NO_PROVIDER_CAUSE, title: "No mock agent provider is configured (provider.mode off)", evidence: { message: "first-link checks need the mock provider to mint ID-JAGs the target trusts" } });
  }
  const subject = input.subject ?? freshSubject();
  const assertion = await provider.mintIdJagAuthTime({
    // The aud reading the target expects (§15 P1; config audience, learnt once under auto).
    audience: await providerAudience(ctx),
    subject,
    email: input.email,
    authTime: "fresh",
    maxAge: 3600,
    ...(input.claims ? { claims: input.claims } : {}),
  });
  return { assertion, subject };
}

/** Skip unless agent_auth lists the identity type the ceremony needs. */
export function needsIdentityType(ctx: CheckContext, type: "anonymous" | "identity_assertion" | "service_auth"): void {
  const listed = strings(ctx.target.agentAuth?.identity_types_supported);
  if (listed.length > 0 && !listed.includes(type)) skip(`agent_auth.identity_types_supported does not list ${type}`);
}

/** POST claim_endpoint with a login_hint: a new (or re-initiated) ceremony for `claimToken`. */
export async function claimWithHint(agent: AgentV07, claimToken: string, loginHint: string): Promise<StartedCeremony> {
  const res = await agent.claim({ claimToken, loginHint });
  const body = bodyOf(res);
  const block = userCeremonyBlock(body.claim_attempt);
  if (res.status !== 200 || !block) notStarted("claim", `POST claim_endpoint {login_hint: ${loginHint}}`, res, "CLMEP-02");
  return {
    claimToken,
    block,
    response: res,
    ...(typeof body.registration_id === "string" ? { registrationId: body.registration_id } : {}),
    ...(typeof body.claim_attempt_id === "string" ? { claimAttemptId: body.claim_attempt_id } : {}),
  };
}

/** An anonymous registration with a ceremony for `loginHint`. */
export async function anonymousCeremonyFor(ctx: CheckContext, agent: AgentV07, loginHint: string): Promise<{ registration: AnonymousRegistration; ceremony: StartedCeremony }> {
  needsIdentityType(ctx, "anonymous");
  const registration = await registerAnonymous(ctx, agent);
  if (!registration.claimToken) notTestable("the anonymous registration returned no claim_token (ANON-01 judges it)");
  return { registration, ceremony: await claimWithHint(agent, registration.claimToken, loginHint) };
}

/** A service_auth registration for `loginHint`, whose ceremony block comes with it (A7 Step 3). */
export async function serviceAuthCeremonyFor(ctx: CheckContext, agent: AgentV07, loginHint: string): Promise<StartedCeremony> {
  needsIdentityType(ctx, "service_auth");
  const res = await agent.register({ type: "service_auth", loginHint });
  const body = bodyOf(res);
  if (res.status === 400 && body.error === "service_auth_not_enabled") skip("the service answers service_auth_not_enabled (service_auth is opt-out in v0.7; SA-03 judges it)");
  const block = userCeremonyBlock(body.claim);
  if (res.status !== 200 || typeof body.claim_token !== "string" || !block) notStarted("serviceAuth", `POST identity_endpoint {type: service_auth}`, res, "SA-01");
  return { claimToken: body.claim_token, block, response: res, ...(typeof body.registration_id === "string" ? { registrationId: body.registration_id } : {}) };
}

/** A first-link step-up: an ID-JAG whose verified email is an existing account's → 401 interaction_required with a ceremony. */
export async function stepUpCeremonyFor(ctx: CheckContext, agent: AgentV07, input: { email: string; subject?: string; claims?: Record<string, unknown> }): Promise<StartedCeremony & { subject: string; issuer?: string }> {
  needsIdentityType(ctx, "identity_assertion");
  const { assertion, subject } = await idJagForEmail(ctx, input);
  const res = await agent.register({ type: "identity_assertion", assertion });
  const body = bodyOf(res);
  const block = userCeremonyBlock(body.claim);
  if (res.status !== 401 || body.error !== "interaction_required" || typeof body.claim_token !== "string" || !block) {
    notStarted("stepUp", `An ID-JAG for the existing account ${input.email} at identity_endpoint`, res, "STEP-01/STEP-02");
  }
  const issuer = jwtPayload(assertion)?.iss;
  return {
    claimToken: body.claim_token,
    block,
    response: res,
    subject,
    ...(typeof issuer === "string" ? { issuer } : {}),
    ...(typeof body.registration_id === "string" ? { registrationId: body.registration_id } : {}),
  };
}

/** When the actor should give up: the code's own lifetime, at least a minute for slow pages. */
export function deadlineOf(block: UserCeremonyBlock): Date {
  return new Date(Date.now() + Math.max(60, block.expiresIn ?? 600) * 1000);
}

/** The user opens verification_uri as `account` and enters `userCode` (default: the block's). Recorded as evidence under `label`. */
export async function userConfirms(
  ctx: CheckContext,
  label: string,
  block: UserCeremonyBlock,
  account: ActorAccount,
  intent: ActorIntent,
  userCode = block.userCode,
): Promise<ActorResult> {
  const result = await withUserActor((actor) => actor.confirm({ verificationUri: block.verificationUri, userCode, account, intent, deadline: deadlineOf(block) }));
  recordActorResult(ctx, label, result);
  return result;
}

/** The configured accounts (blocked with cause no-user-actor when none). */
export function accounts(): { confirm: ActorAccount; other: ActorAccount } {
  return requireUserAccounts();
}

/**
 * The matched user confirms; anything but "confirmed" is not this check's finding (the service
 * or the actor's configuration kept the user from confirming): Not testable, naming what the user saw.
 */
export async function confirmedBy(ctx: CheckContext, label: string, block: UserCeremonyBlock, account: ActorAccount): Promise<ActorResult> {
  const result = await userConfirms(ctx, label, block, account, "approve");
  if (result.outcome !== "confirmed") {
    notTestable(`the user ${account.email} could not confirm the ceremony (${result.outcome}${result.reason ? `: ${result.reason}` : ""}, status ${result.httpStatus ?? "none"}); see the evidence "${label}"`);
  }
  return result;
}

/** Longest slow_down wait a poll accepts (RFC 8628 §3.5: the agent adds 5 s to its interval). */
const MAX_SLOW_DOWN_WAIT_SECONDS = 16;

/**
 * One poll of the claim grant. A `slow_down` answer (RFC 8628 §3.5) is honoured once: wait the
 * interval (+5 s, and a second's margin; at most 16 s) and poll again, so a service that paces its clients is not
 * mistaken for one that refuses.
 */
export async function pollClaimGrant(agent: AgentV07, claimToken: string, interval = 5): Promise<HttpResponse> {
  const first = await agent.token.claimGrant(claimToken);
  if (bodyOf(first).error !== "slow_down") return first;
  // The new interval (interval + 5), and a second so the service's clock has surely passed it.
  const wait = Math.min(MAX_SLOW_DOWN_WAIT_SECONDS, interval + 6);
  waiting(`the claim grant's slow_down interval (${wait} s)`, wait * 1000);
  await new Promise((resolve) => setTimeout(resolve, wait * 1000));
  return agent.token.claimGrant(claimToken);
}

/** The claim grant answered with tokens. */
export function minted(res: HttpResponse): boolean {
  return res.status === 200 && typeof bodyOf(res).access_token === "string";
}

/** Whether an actor outcome is a refusal of any kind (wrong account, invalid or expired link, wrong code). */
export function turnedAway(result: ActorResult): boolean {
  return result.outcome === "refused" || result.outcome === "invalid-link" || result.outcome === "expired";
}

/** The 6-digit code that is not `code` (a wrong code of the right shape). */
export function otherCode(code: string): string {
  const n = Number.parseInt(code, 10);
  const next = Number.isFinite(n) ? (n + 1) % 10 ** Math.max(code.length, 6) : 123456;
  return String(next).padStart(Math.max(code.length, 6), "0");
}

/** The payload of a compact JWS (no verification: REG-04 judges the signature). */
export function jwtPayload(token: string): Json | undefined {
  const part = token.split(".")[1];
  if (part === undefined) return undefined;
  try {
    const json = JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as unknown;
    return isObject(json) ? json : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How a wrong-account visit went (PAGE-04, STEP-05): was the claim form withheld on the page, and
 * what did the form action answer? The actor posts the form action directly when the page refuses
 * (userActor.claim.directSubmitOnRefusal with formAction and codeField); when the page shows the
 * form it submits that form.
 */
export interface WrongAccountVisit {
  /** The page withheld the claim form (a refusal page), or showed it to the wrong account. */
  page: "refused" | "form-shown";
  /** The form action: refused, confirmed the claim, answered something else, or was not tried (the actor cannot post it directly). */
  submit: "refused" | "confirmed" | "other" | "not-tried";
  pageStatus?: number;
  submitStatus?: number;
}

export function wrongAccountVisit(result: ActorResult): WrongAccountVisit {
  const viaForm = result.steps.some((s) => s.step === "submit");
  const direct = result.steps.some((s) => s.step === "direct-submit");
  const submit = result.outcome === "confirmed" ? "confirmed" : !viaForm && !direct ? "not-tried" : turnedAway(result) ? "refused" : "other";
  return {
    page: viaForm ? "form-shown" : "refused",
    submit,
    ...(result.pageStatus !== undefined ? { pageStatus: result.pageStatus } : {}),
    ...(result.submitStatus !== undefined ? { submitStatus: result.submitStatus } : {}),
  };
}

/**
 * The wrong-account rule (PAGE-04, STEP-05): the other account neither confirms nor sees the code
 * form, and the form action refuses it too ("Same-account check applies again on submit").
 */
export function judgeWrongAccount(visit: WrongAccountVisit, wrong: string, meantFor: string): void {
  const actual = { page: visit.page, pageStatus: visit.pageStatus ?? null, submit: visit.submit, submitStatus: visit.submitStatus ?? null };
  assert(visit.submit !== "confirmed", `${wrong} confirmed a ceremony meant for ${meantFor}: only the matched account may confirm`, { expected: "refused on the page and on submit (403 in the reference)", actual });
  assert(visit.page === "refused", `The claim page showed the code form to ${wrong}, signed in instead of ${meantFor} (status ${visit.pageStatus ?? "none"}); the page must refuse the wrong account`, {
    expected: "a refusal page (403 Wrong account in the reference)",
    actual,
  });
  if (visit.submit === "not-tried") notTestable("the user actor cannot post the form action directly (userActor.claim.formAction and codeField), so the refusal on submit is untested");
  assert(visit.submit === "refused", `The form action answered ${visit.submitStatus ?? "no status"} to ${wrong} posting directly, not a refusal`, { expected: "a refusal (403 in the reference)", actual });
}

/**
 * v0.7-only rows (the ID-JAG body at claim_endpoint) do not apply to a service that takes the v0.6
 * claim body `{claim_token, email}` (v0.7.md §15 P6): learn the shape with a login_hint claim on a
 * registration of its own, and skip on v0.6.
 */
export async function skipUnlessV07ClaimBody(ctx: CheckContext, agent: AgentV07): Promise<void> {
  const registration = await registerAnonymous(ctx, agent);
  if (!registration.claimToken) notTestable("the anonymous registration returned no claim_token (ANON-01 judges it)");
  const res = await agent.claim({ claimToken: registration.claimToken, loginHint: `shape-${freshSubject()}@agents.example.org` });
  if (agent.claimBodyShape === "v0.6") skip("the target takes the v0.6 claim body {claim_token, email} (§15 P6): this v0.7-only rule does not apply");
  if (agent.claimBodyShape !== "v0.7") notTestable(`the login_hint claim body answered ${res.status}: which claim body the target takes is unknown (CLMEP-02 judges it)`);
}
