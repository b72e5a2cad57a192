import { randomUUID } from "node:crypto";
import type { HttpResponse } from "../../../src/http/client.ts";
import type { AgentV07 } from "../../../src/profiles/v0_7/agent.ts";
import { blocked, type CheckContext } from "../../../src/suite/index.ts";
import { providerClient } from "../../../src/suite/harness-clients.ts";
import { ceremonyBlock } from "./ceremony.ts";
import { NO_PROVIDER_CAUSE, providerAudience } from "./id-jag.ts";
import { bodyOf, strings } from "./agent.ts";

// The v0.7 fuzz checks share the v0.1 fuzz machinery: bounded runs from config `fuzz`, a seed per
// property, shrinking, redacted evidence of the last failing case and the report of its outcome.
export { boundsFor, reportProperty, settings } from "../../v0.1/support/fuzz-env.ts";

/** A user_code ceremony as the agent is handed it (`claim` / `claim_attempt`, A7 Step 3/4a). */
export interface Ceremony {
  userCode: string;
  verificationUri: string;
  /** Seconds between polls (RFC 8628 §3.2 `interval`, default 5). */
  interval: number;
  /** When the code expires (from expires_in; 600 s when absent). */
  deadline: Date;
}

/** The ceremony block of a response body, or undefined when it lacks a code or a URI. */
export function ceremonyOf(value: unknown): Ceremony | undefined {
  const block = ceremonyBlock(value);
  if (block?.userCode === undefined || block.verificationUri === undefined) return undefined;
  const expiresIn = block.expiresIn !== undefined && block.expiresIn > 0 ? block.expiresIn : 600;
  return {
    userCode: block.userCode,
    verificationUri: block.verificationUri,
    interval: block.interval !== undefined && block.interval > 0 ? block.interval : 5,
    deadline: new Date(Date.now() + expiresIn * 1000),
  };
}

export { bodyOf } from "./agent.ts";

/** The OAuth `error` of a token-endpoint answer. */
export function oauthError(res: HttpResponse): string | undefined {
  const code = bodyOf(res).error;
  return typeof code === "string" ? code : undefined;
}

/** "status error" of an answer, for messages. */
export function describeAnswer(res: HttpResponse): string {
  const body = bodyOf(res);
  const code = typeof body.error === "string" ? body.error : typeof body.err === "string" ? body.err : undefined;
  return `${res.status}${code ? ` ${code}` : ""}`;
}

/** A scope string or array as a sorted set. */
export function scopeSet(value: unknown): string[] {
  const list = typeof value === "string" ? value.split(/\s+/) : strings(value);
  return [...new Set(list.filter(Boolean))].sort();
}

export function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A fresh anonymous registration with its claim ceremony started for `loginHint`: what a user_code sample needs. */
export async function anonymousCeremony(agent: AgentV07, loginHint: string): Promise<{ claimToken: string; ceremony: Ceremony; assertion?: string } | { problem: string; optedOut?: true }> {
  const reg = await agent.register({ type: "anonymous" });
  const body = bodyOf(reg);
  if (reg.status === 400 && body.error === "anonymous_not_enabled") {
    // Opted out of anonymous registration (ANON-05): a service_auth registration starts the same ceremony (SA-01).
    const sa = await agent.register({ type: "service_auth", loginHint });
    const saBody = bodyOf(sa);
    const ceremony = ceremonyOf(saBody.claim);
    if (sa.status === 400 && saBody.error === "service_auth_not_enabled") return { problem: "the service opted out of both anonymous and service_auth registration: no user_code ceremony to sample", optedOut: true };
    if (sa.status !== 200 || typeof saBody.claim_token !== "string" || !ceremony) return { problem: `the service_auth registration answered ${describeAnswer(sa)} without a claim_token and ceremony (SA-01 judges it)` };
    return { claimToken: saBody.claim_token, ceremony };
  }
  if (reg.status !== 200 || typeof body.claim_token !== "string") return { problem: `the anonymous registration answered ${describeAnswer(reg)} without a claim_token (ANON-01 judges it)` };
  const claim = await agent.claim({ claimToken: body.claim_token, loginHint });
  const ceremony = ceremonyOf(bodyOf(claim).claim_attempt);
  if (claim.status !== 200 || !ceremony) return { problem: `/claim answered ${describeAnswer(claim)} without a claim_attempt ceremony (CLMEP-02 judges it)` };
  return { claimToken: body.claim_token, ceremony, ...(typeof body.identity_assertion === "string" ? { assertion: body.identity_assertion } : {}) };
}

/** Another ceremony on the same registration (a re-initiation, CLMEP-04): one request per user_code. */
export async function reinitiate(agent: AgentV07, claimToken: string, loginHint: string): Promise<Ceremony | undefined> {
  const claim = await agent.claim({ claimToken, loginHint });
  return claim.status === 200 ? ceremonyOf(bodyOf(claim).claim_attempt) : undefined;
}

/** A provider subject of its own (a new provider user). */
export function newSubject(tag: string): string {
  return `${tag}_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
}

/** An ID-JAG for `subject` carrying `email`, fresh auth_time; Not testable without the mock provider. */
export async function idJagFor(ctx: CheckContext, subject: string, email: string): Promise<string> {
  const provider = providerClient();
  if (!provider) blocked({ id: NO_PROVIDER_CAUSE, title: "No mock agent provider is configured (provider.mode off)", evidence: { message: "the fuzz checks need the mock provider to mint ID-JAGs the target trusts" } });
  return provider.mintIdJagAuthTime({ audience: await providerAudience(ctx), subject, email, authTime: "fresh", maxAge: 3600 });
}

/** The addresses a life names: where provider users live (not service accounts). */
export function providerEmail(subject: string): string {
  return `${subject}@agents.example.org`;
}

/** Whether identity_endpoint offers the kind (identity_types_supported is informational: absent means "try"). */
export function offers(ctx: CheckContext, kind: "anonymous" | "identity_assertion" | "service_auth"): boolean {
  const list = ctx.target.agentAuth?.identity_types_supported;
  return !Array.isArray(list) || list.includes(kind);
}
