import { HarnessError } from "../../errors.ts";
import type { HttpClient, HttpResponse } from "../../http/client.ts";
import type { ApiProbe, Target } from "../../target/target.ts";
import { type EndpointNameV07, ENDPOINT_SOURCES_V07, type EndpointsV07, endpointsV07 } from "./endpoints.ts";
import { CLAIM_GRANT, ID_JAG_ASSERTION_V07, JWT_BEARER_GRANT } from "./vocabulary.ts";

/** The request bodies of POST identity_endpoint (v0.7.md §2–§5). */
export type RegisterRequestV07 =
  | { type: "anonymous"; extra?: Record<string, unknown> }
  | { type: "identity_assertion"; assertion: string; assertionType?: string; extra?: Record<string, unknown> }
  | { type: "service_auth"; loginHint: string; extra?: Record<string, unknown> }
  /** Anything else, as given (malformed-body checks: missing or unknown type). */
  | { type: "raw"; body: unknown };

/** The request bodies of POST claim_endpoint (v0.7.md §6). */
export type ClaimRequestV07 = { claimToken: string; loginHint: string } | { claimToken: string; assertion: string } | { raw: unknown };

/** Media type of a Security Event Token push (RFC 8935 §2). */
export const SET_MEDIA_TYPE = "application/secevent+jwt";

/**
 * The v0.7 agent driver: the typed calls a v0.7 check makes instead of building requests. Every
 * call goes through the run's HttpClient (allowlist, budget, redaction, evidence). An endpoint
 * discovery did not find throws HarnessError "endpoint_missing"; checks ask `endpoint()` first and
 * turn a missing one into `blocked`.
 */
export class AgentV07 {
  readonly endpoints: EndpointsV07;

  constructor(
    private readonly http: HttpClient,
    private readonly target: Target,
  ) {
    this.endpoints = endpointsV07(target);
  }

  /** The endpoint's URL, or undefined when discovery did not find it. */
  endpoint(name: EndpointNameV07): string | undefined {
    return this.endpoints[name];
  }

  /** POST identity_endpoint with a JSON body (v0.7.md §2). `slowDown: false` hands a 429 back instead of waiting it out. */
  register(request: RegisterRequestV07, options: { slowDown?: false } = {}): Promise<HttpResponse> {
    return this.http.postJson(this.require("identity"), registerBody(request), options.slowDown === false ? { slowDown: false } : {});
  }

  /**
   * Which login_hint body the target takes (v0.7.md §15 P6): v0.7's `{type: "login_hint",
   * claim_token, login_hint}`, or v0.4–v0.6's `{claim_token, email}`, learnt at the first claim.
   */
  claimBodyShape: "v0.7" | "v0.6" | undefined;

  /** POST claim_endpoint (v0.7.md §6): the login_hint body or the ID-JAG body. */
  async claim(request: ClaimRequestV07): Promise<HttpResponse> {
    if ("raw" in request) return this.http.postJson(this.require("claim"), request.raw);
    if (!("loginHint" in request)) {
      return this.http.postJson(this.require("claim"), { type: "identity_assertion", claim_token: request.claimToken, assertion: request.assertion, assertion_type: ID_JAG_ASSERTION_V07 });
    }
    const v06 = { claim_token: request.claimToken, email: request.loginHint };
    if (this.claimBodyShape === "v0.6") return this.http.postJson(this.require("claim"), v06);
    const res = await this.http.postJson(this.require("claim"), { type: "login_hint", claim_token: request.claimToken, login_hint: request.loginHint });
    if (this.claimBodyShape === undefined && res.status === 400) {
      // P6: the body the v0.4–v0.6 code takes (the upstream reference). Used only when it is
      // accepted where the v0.7 body was refused; both exchanges stay in the evidence.
      const fallback = await this.http.postJson(this.require("claim"), v06);
      if (fallback.status >= 200 && fallback.status < 300) {
        this.claimBodyShape = "v0.6";
        return fallback;
      }
      return res;
    }
    if (res.status >= 200 && res.status < 300) this.claimBodyShape = "v0.7";
    return res;
  }

  /** POST token_endpoint, form-encoded (RFC 6749 §4.1.3 / RFC 7523 §2.1 / the claim grant). */
  readonly token = {
    jwtBearer: (assertion: string, scope?: string): Promise<HttpResponse> =>
      this.form("token", { grant_type: JWT_BEARER_GRANT, assertion, ...(scope !== undefined ? { scope } : {}) }),
    /** jwt-bearer with an RFC 8707 `resource` indicator (A7 Step 5: "optional but recommended"). */
    jwtBearerForResource: (assertion: string, resource: string): Promise<HttpResponse> => this.form("token", { grant_type: JWT_BEARER_GRANT, assertion, resource }),
    claimGrant: (claimToken: string): Promise<HttpResponse> => this.form("token", { grant_type: CLAIM_GRANT, claim_token: claimToken }),
    /** Any form fields (unknown or missing grant_type). */
    form: (fields: Record<string, string>): Promise<HttpResponse> => this.form("token", fields),
    /** A JSON body instead of the form (TOK-05). */
    json: (body: unknown): Promise<HttpResponse> => this.http.postJson(this.require("token"), body),
  };

  /** RFC 7009 §2.1: POST revocation_endpoint, form `token` and optional `token_type_hint`. */
  revoke(token: string | undefined, hint?: string): Promise<HttpResponse> {
    return this.form("revocation", { ...(token !== undefined ? { token } : {}), ...(hint !== undefined ? { token_type_hint: hint } : {}) });
  }

  /** RFC 8935 §2: POST the SET to events_endpoint as application/secevent+jwt (or another type, for SET-12). */
  deliverEvent(set: string, contentType = SET_MEDIA_TYPE): Promise<HttpResponse> {
    return this.http.send({ method: "POST", url: this.require("events"), headers: { "content-type": contentType, accept: "application/json" }, body: set });
  }

  /**
   * GET a service page (verification_uri, the claim page, the sign-in page) as a visitor with no
   * session: no cookie is ever sent, and redirects are not followed (their Location is the finding).
   */
  visit(url: string): Promise<HttpResponse> {
    return this.http.send({ method: "GET", url, headers: { accept: "text/html" } });
  }

  /** POST a page's form (urlencoded) as a visitor with no session; redirects are not followed. */
  submitForm(url: string, fields: Record<string, string>): Promise<HttpResponse> {
    return this.http.send({ method: "POST", url, headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" }, body: new URLSearchParams(fields).toString() });
  }

  /** Call the protected API probe (read by default) with `Authorization: Bearer <token>`, or none. */
  api(token: string | undefined, which: "read" | "write" = "read"): Promise<HttpResponse> {
    const probe: ApiProbe | undefined = which === "read" ? this.target.api.read : this.target.api.write;
    if (!probe) throw new HarnessError("endpoint_missing", `No ${which} API probe is configured (api.${which})`, `api.${which}`);
    return this.http.send({
      method: probe.method,
      url: probe.url,
      ...(token !== undefined ? { headers: { authorization: `Bearer ${token}` } } : {}),
      ...(probe.body !== undefined ? { json: probe.body } : {}),
    });
  }

  private form(name: EndpointNameV07, fields: Record<string, string>): Promise<HttpResponse> {
    return this.http.send({
      method: "POST",
      url: this.require(name),
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams(fields).toString(),
    });
  }

  private require(name: EndpointNameV07): string {
    const url = this.endpoints[name];
    if (!url) throw new HarnessError("endpoint_missing", `Discovery found no ${ENDPOINT_SOURCES_V07[name]}`, ENDPOINT_SOURCES_V07[name]);
    return url;
  }
}

function registerBody(request: RegisterRequestV07): unknown {
  switch (request.type) {
    case "raw":
      return request.body;
    case "anonymous":
      return { type: "anonymous", ...request.extra };
    case "identity_assertion":
      return { type: "identity_assertion", assertion: request.assertion, assertion_type: request.assertionType ?? ID_JAG_ASSERTION_V07, ...request.extra };
    case "service_auth":
      return { type: "service_auth", login_hint: request.loginHint, ...request.extra };
  }
}
