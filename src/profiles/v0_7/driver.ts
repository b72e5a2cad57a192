import { randomBytes } from "node:crypto";
import type { HttpClient, HttpResponse } from "../../http/client.ts";
import type { Target } from "../../target/target.ts";
import type { AdvertisedEndpoint, AgentDriver, IdJagPresentation } from "../types.ts";
import { AgentV07 } from "./agent.ts";
import { ENDPOINT_SOURCES_V07, type EndpointNameV07 } from "./endpoints.ts";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The v0.7 driver of the checks shared with v0.1 (v0.7.md §4, §7.2): an ID-JAG is POSTed to
 * agent_auth.identity_endpoint; success is 200 with a service-signed identity_assertion, and the
 * credential is the access_token the jwt-bearer grant returns for it at token_endpoint.
 */
export class AgentDriverV07 implements AgentDriver {
  readonly agent: AgentV07;

  constructor(http: HttpClient, target: Target) {
    this.agent = new AgentV07(http, target);
  }

  async presentIdJag(assertion: string): Promise<IdJagPresentation> {
    const res = await this.agent.register({ type: "identity_assertion", assertion });
    const body = isObject(res.json) ? res.json : {};
    const accepted = res.status >= 200 && res.status < 300 && typeof body.identity_assertion === "string" && body.identity_assertion.length > 0;
    const base: IdJagPresentation = {
      accepted,
      status: res.status,
      json: res.json,
      ...(typeof body.error === "string" ? { code: body.error } : {}),
      ...(typeof body.registration_id === "string" ? { registrationId: body.registration_id } : {}),
      ...(typeof body.registration_type === "string" ? { registrationType: body.registration_type } : {}),
      response: res,
    };
    if (!accepted || !this.agent.endpoint("token")) return base;
    // The credential: the jwt-bearer access_token for the identity_assertion (RFC 7523 §2.1).
    const token = await this.agent.token.jwtBearer(body.identity_assertion as string);
    const tokenBody = isObject(token.json) ? token.json : {};
    if (token.status !== 200 || typeof tokenBody.access_token !== "string") return base;
    const scopes = typeof tokenBody.scope === "string" ? tokenBody.scope.split(/\s+/).filter(Boolean) : undefined;
    return { ...base, credential: tokenBody.access_token, credentialType: "access_token", ...(scopes ? { scopes } : {}) };
  }

  callApi(credential: string): Promise<HttpResponse> {
    return this.agent.api(credential);
  }

  advertisedEndpoints(): AdvertisedEndpoint[] {
    // RFC 6749 §3.2 / RFC 7009 §2.1 take forms; RFC 8935 §2 takes application/secevent+jwt.
    const bodies: Record<string, AdvertisedEndpoint["body"]> = { identity: "json", claim: "json", events: "secevent", token: "form", revocation: "form" };
    const names: EndpointNameV07[] = ["identity", "claim", "events", "token", "revocation"];
    return names.flatMap((name) => {
      const url = this.agent.endpoint(name);
      return url ? [{ name: ENDPOINT_SOURCES_V07[name], url, body: bodies[name] }] : [];
    });
  }

  /** An anonymous registration's access_token, revoked at revocation_endpoint (RFC 7009 §2). */
  async revokedCredential(): Promise<{ credential?: string; reason?: string; optedOut?: boolean }> {
    if (!this.agent.endpoint("revocation")) return { reason: `discovery found no ${ENDPOINT_SOURCES_V07.revocation}` };
    const fresh = await this.preClaimCredential();
    if (!fresh.credential) return { ...(fresh.reason ? { reason: fresh.reason } : {}), ...(fresh.optedOut ? { optedOut: true } : {}) };
    const revoked = await this.agent.revoke(fresh.credential, "access_token");
    if (revoked.status !== 200) return { reason: `revoking the access_token answered ${revoked.status} (REV7009-01 judges it)` };
    return { credential: fresh.credential };
  }

  /** An anonymous registration (v0.7.md §3) exchanged at jwt-bearer: its pre-claim access_token. */
  async preClaimCredential(): Promise<{ credential?: string; reason?: string; refusal?: HttpResponse; optedOut?: boolean }> {
    for (const name of ["identity", "token"] as const) {
      if (!this.agent.endpoint(name)) return { reason: `discovery found no ${ENDPOINT_SOURCES_V07[name]}` };
    }
    const reg = await this.agent.register({ type: "anonymous" });
    const assertion = isObject(reg.json) ? reg.json.identity_assertion : undefined;
    if (reg.status !== 200 || typeof assertion !== "string") {
      if (optedOut(reg, "anonymous_not_enabled")) return { reason: "the service answers anonymous_not_enabled (anonymous registration is opt-out in v0.7)", refusal: reg, optedOut: true };
      return { reason: `an anonymous registration answered ${reg.status} without an identity_assertion (ANON-01 judges it)`, refusal: reg };
    }
    const token = await this.agent.token.jwtBearer(assertion);
    const accessToken = isObject(token.json) ? token.json.access_token : undefined;
    if (token.status !== 200 || typeof accessToken !== "string") return { reason: `the jwt-bearer grant answered ${token.status} without an access_token (TOK-JWTB-01 judges it)` };
    return { credential: accessToken };
  }

  /**
   * A fresh registration's claim_token (v0.7.md §3, §5; REG-05 judges many of them): anonymous,
   * or service_auth when the service opted out of anonymous registration (both return one).
   */
  async newClaimToken(): Promise<{ claimToken: string } | { problem: string; optedOut?: boolean }> {
    if (!this.agent.endpoint("identity")) return { problem: `discovery found no ${ENDPOINT_SOURCES_V07.identity}` };
    let reg = await this.agent.register({ type: "anonymous" });
    if (optedOut(reg, "anonymous_not_enabled")) {
      reg = await this.agent.register({ type: "service_auth", loginHint: `authmd-${randomBytes(6).toString("hex")}@example.com` });
      if (optedOut(reg, "service_auth_not_enabled")) return { problem: "the service opted out of both anonymous and service_auth registration, the two kinds that return a claim_token", optedOut: true };
    }
    const claimToken = isObject(reg.json) ? reg.json.claim_token : undefined;
    if (reg.status !== 200 || typeof claimToken !== "string") return { problem: `the registration answered ${reg.status} without a claim_token` };
    return { claimToken };
  }

  callWriteApi(credential: string): Promise<HttpResponse> {
    return this.agent.api(credential, "write");
  }
}

/** A documented opt-out (v0.7.md ANON-05, SA-03): 400 with the `*_not_enabled` code. */
function optedOut(res: HttpResponse, code: "anonymous_not_enabled" | "service_auth_not_enabled"): boolean {
  return res.status === 400 && isObject(res.json) && res.json.error === code;
}
