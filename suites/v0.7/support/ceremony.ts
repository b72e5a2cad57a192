import { randomUUID } from "node:crypto";
import type { HttpResponse } from "../../../src/http/client.ts";
import type { AgentV07 } from "../../../src/profiles/v0_7/agent.ts";
import { type CheckContext, notTestable, skip } from "../../../src/suite/index.ts";
import { existingAccountEmail } from "./accounts.ts";
import { type AnonymousRegistration, bodyOf, isObject, type Json, registerAnonymous, strings } from "./agent.ts";
import { idJagWithEmail } from "./id-jag.ts";

// The agent's side of a claim ceremony (v0.7.md §3, §4.2, §5, §6): starting one and reading its block.

/** The ceremony block (`claim` on a registration, `claim_attempt` on a claim answer), as the agent reads it. */
export interface CeremonyBlock {
  userCode?: string;
  verificationUri?: string;
  expiresIn?: number;
  interval?: number;
  raw: Json;
}

export function ceremonyBlock(value: unknown): CeremonyBlock | undefined {
  if (!isObject(value)) return undefined;
  return {
    ...(typeof value.user_code === "string" ? { userCode: value.user_code } : {}),
    ...(typeof value.verification_uri === "string" ? { verificationUri: value.verification_uri } : {}),
    ...(typeof value.expires_in === "number" ? { expiresIn: value.expires_in } : {}),
    ...(typeof value.interval === "number" ? { interval: value.interval } : {}),
    raw: value,
  };
}

/** An email nobody on the service has (a login_hint for an anonymous claim; the user never confirms). */
export function freshHint(tag: string): string {
  return `${tag}-${randomUUID().replace(/-/g, "").slice(0, 12)}@agents.example.org`;
}

export { bodyOf } from "./agent.ts";

export function answered(res: HttpResponse): unknown {
  return { status: res.status, "www-authenticate": res.headers["www-authenticate"] ?? null, body: res.json ?? res.text.slice(0, 200) };
}

/** An anonymous registration with a pending login_hint ceremony (the user never confirms). */
export async function anonymousCeremony(ctx: CheckContext, agent: AgentV07): Promise<{ reg: AnonymousRegistration & { claimToken: string }; claim: Json; attempt: CeremonyBlock }> {
  const reg = await registerAnonymous(ctx, agent);
  if (!reg.claimToken) notTestable("the anonymous registration returned no claim_token (ANON-01 judges it)");
  const res = await agent.claim({ claimToken: reg.claimToken, loginHint: freshHint("claim") });
  const claim = bodyOf(res);
  const attempt = ceremonyBlock(claim.claim_attempt);
  if (res.status !== 200 || !attempt) notTestable(`POST claim_endpoint with a login_hint answered ${res.status} with no claim_attempt (CLMEP-02 judges it)`);
  return { reg: { ...reg, claimToken: reg.claimToken }, claim, attempt };
}

/** service_auth is not offered: refused with service_auth_not_enabled, or unlisted and refused (SA-03 / DISC-AA-04 judge the code). */
export function skipUnlessServiceAuth(ctx: CheckContext, res: HttpResponse): void {
  if (res.status === 200) return;
  const code = bodyOf(res).error;
  if (code === "service_auth_not_enabled") skip("the service answers service_auth_not_enabled (service_auth is opt-out in v0.7; SA-03 judges it)");
  if (!strings(ctx.target.agentAuth?.identity_types_supported).includes("service_auth")) {
    skip(`service_auth is not in identity_types_supported and was refused (${res.status} ${String(code ?? "")}); SA-03 and DISC-AA-04 judge the refusal`);
  }
}

/** A 200 service_auth registration for `hint`, or skip / Not testable (SA-01 judges the shape). */
export async function serviceAuthRegistration(ctx: CheckContext, agent: AgentV07, hint = freshHint("sa")): Promise<{ res: HttpResponse; body: Json; claimToken: string }> {
  const res = await agent.register({ type: "service_auth", loginHint: hint });
  skipUnlessServiceAuth(ctx, res);
  const body = bodyOf(res);
  if (res.status !== 200 || typeof body.claim_token !== "string") notTestable(`a service_auth registration answered ${res.status} with no claim_token (SA-01 judges it)`);
  return { res, body, claimToken: body.claim_token };
}

/** identity_assertion must be advertised for ID-JAG checks. */
export function identityAssertionAdvertised(ctx: CheckContext): void {
  if (!strings(ctx.target.agentAuth?.identity_types_supported).includes("identity_assertion")) {
    skip("agent_auth.identity_types_supported does not list identity_assertion");
  }
}

/** Present an ID-JAG for an existing account's email with a new (iss, sub): the first-link case (STEP-01). */
export async function presentStepUp(ctx: CheckContext, agent: AgentV07, subject?: string): Promise<{ res: HttpResponse; body: Json; subject: string; email: string }> {
  const email = existingAccountEmail(ctx);
  const { assertion, subject: sub } = await idJagWithEmail(ctx, email, subject);
  const res = await agent.register({ type: "identity_assertion", assertion });
  return { res, body: bodyOf(res), subject: sub, email };
}

/** A pending first-link confirmation (401 interaction_required with a claim_token), or Not testable (STEP-01 judges it). */
export async function pendingStepUp(ctx: CheckContext, agent: AgentV07): Promise<{ body: Json; subject: string; claimToken: string; attempt: CeremonyBlock | undefined }> {
  const step = await presentStepUp(ctx, agent);
  if (step.res.status !== 401 || step.body.error !== "interaction_required" || typeof step.body.claim_token !== "string") {
    notTestable(`an ID-JAG for the existing account ${step.email} answered ${step.res.status} ${String(step.body.error ?? "")} with no claim_token: no pending first-link confirmation (STEP-01/02 judge it)`);
  }
  return { body: step.body, subject: step.subject, claimToken: step.body.claim_token, attempt: ceremonyBlock(step.body.claim) };
}
