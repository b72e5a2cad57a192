import type { HttpResponse } from "../../../src/http/client.ts";
import { AgentV07 } from "../../../src/profiles/v0_7/agent.ts";
import { ENDPOINT_SOURCES_V07, type EndpointNameV07 } from "../../../src/profiles/v0_7/endpoints.ts";
import { blocked, type CheckContext, notTestable, skip } from "../../../src/suite/index.ts";
import { discoveryCause } from "../../../src/target/causes.ts";

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The v0.7 agent driver on this check's HTTP client (its exchanges become the evidence). */
export function agentFor(ctx: CheckContext): AgentV07 {
  return new AgentV07(ctx.http, ctx.target);
}

/**
 * The agent with the endpoints a check needs. A missing one blocks the check: the discovery cause
 * when the documents themselves are missing, else one cause per endpoint (DISC-AA-01 / DISC-AS-01
 * judge the documents).
 */
export function agentWith(ctx: CheckContext, ...needed: EndpointNameV07[]): AgentV07 {
  const agent = agentFor(ctx);
  for (const name of needed) {
    if (agent.endpoint(name)) continue;
    blocked(
      discoveryCause(ctx.target) ?? {
        id: `v07-no-${name}-endpoint`,
        title: `Discovery found no ${ENDPOINT_SOURCES_V07[name]}`,
        evidence: { message: `The AS metadata${ctx.target.asMetadataUrl ? ` at ${ctx.target.asMetadataUrl}` : ""} advertises no ${ENDPOINT_SOURCES_V07[name]}.`, data: { notes: ctx.target.notes } },
      },
    );
  }
  return agent;
}

/** A 200 anonymous registration (v0.7.md §3). */
export interface AnonymousRegistration {
  registrationId: string;
  assertion: string;
  claimToken?: string;
  preClaimScopes: string[];
  postClaimScopes: string[];
  body: Json;
}

export const ANONYMOUS_REGISTRATION_CAUSE = "v07-anonymous-registration";
export const JWT_BEARER_CAUSE = "v07-jwt-bearer";

/** Register anonymously; a refusal blocks the check (ANON-01 is the finding). */
export async function registerAnonymous(ctx: CheckContext, agent: AgentV07): Promise<AnonymousRegistration> {
  const res = await agent.register({ type: "anonymous" });
  const body = isObject(res.json) ? res.json : {};
  if (res.status !== 200 || typeof body.identity_assertion !== "string" || typeof body.registration_id !== "string") {
    if (res.status === 400 && body.error === "anonymous_not_enabled") {
      skip("the service answers anonymous_not_enabled (anonymous registration is opt-out in v0.7)");
    }
    blocked({
      id: ANONYMOUS_REGISTRATION_CAUSE,
      title: "An anonymous registration at identity_endpoint did not return an identity_assertion",
      evidence: { message: `POST ${agent.endpoint("identity")} {type:"anonymous"} answered ${res.status}: ${res.text.slice(0, 200)} (ANON-01 judges it)` },
    });
  }
  return {
    registrationId: body.registration_id as string,
    assertion: body.identity_assertion as string,
    ...(typeof body.claim_token === "string" ? { claimToken: body.claim_token } : {}),
    preClaimScopes: strings(body.pre_claim_scopes),
    postClaimScopes: strings(body.post_claim_scopes),
    body,
  };
}

/** A 200 jwt-bearer exchange (v0.7.md §7.2). */
export interface AccessToken {
  accessToken: string;
  /** Absent when the response has no `scope` (TOK-JWTB-01 judges that). */
  scope?: string[];
  expiresIn?: number;
  response: HttpResponse;
}

/** Exchange an assertion at the token endpoint; a refusal blocks the check (TOK-JWTB-01 is the finding). */
export async function exchange(agent: AgentV07, assertion: string): Promise<AccessToken> {
  const res = await agent.token.jwtBearer(assertion);
  const body = isObject(res.json) ? res.json : {};
  if (res.status !== 200 || typeof body.access_token !== "string") {
    blocked({
      id: JWT_BEARER_CAUSE,
      title: "The jwt-bearer grant did not return an access_token for a fresh identity_assertion",
      evidence: { message: `POST ${agent.endpoint("token")} grant_type=jwt-bearer answered ${res.status}: ${res.text.slice(0, 200)} (TOK-JWTB-01 judges it)` },
    });
  }
  return {
    accessToken: body.access_token as string,
    ...(typeof body.scope === "string" ? { scope: body.scope.split(/\s+/).filter(Boolean) } : {}),
    ...(typeof body.expires_in === "number" ? { expiresIn: body.expires_in } : {}),
    response: res,
  };
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** The JSON object of an answer, or {} (a body that is not an object has no members to read). */
export function bodyOf(res: HttpResponse): Json {
  return isObject(res.json) ? res.json : {};
}

export function errorCode(res: HttpResponse): string | undefined {
  return isObject(res.json) && typeof res.json.error === "string" ? res.json.error : undefined;
}

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** The granted scope, or Not testable when the response has none (TOK-JWTB-01 is the finding). */
export function grantedScope(token: AccessToken): string[] {
  if (!token.scope) notTestable("the token response carries no scope (TOK-JWTB-01 judges it)");
  return token.scope;
}
