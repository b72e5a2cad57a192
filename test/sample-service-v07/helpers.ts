import { startMockProvider } from "../../mock-provider/index.ts";
import type { RunningMockProvider } from "../../mock-provider/index.ts";
import { CLAIM_GRANT, JWT_BEARER_GRANT, PATHS_V07 as P, REVOKED_EVENT, SET_MEDIA_TYPE, startSampleServiceV07 } from "../../sample-service/v0_7/index.ts";
import type { RunningSampleServiceV07, SampleServiceV07Options } from "../../sample-service/v0_7/index.ts";

export const ID_JAG_TYPE = "urn:ietf:params:oauth:token-type:id-jag";
export const ALICE = "alice@service.example.com";
export const BOB = "bob@service.example.com";

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

export async function call(url: string, init: RequestInit = {}): Promise<HttpResult> {
  const response = await fetch(url, { redirect: "manual", ...init });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** A clock the service reads; tests move it instead of waiting. */
export class TestClock {
  ms = Date.now();
  readonly now = (): number => this.ms;
  seconds(): number {
    return Math.floor(this.ms / 1000);
  }
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

/** A running v0.7 service trusting a mock provider, with helpers speaking its protocol. */
export class Rig {
  private constructor(
    readonly service: RunningSampleServiceV07,
    readonly provider: RunningMockProvider,
    readonly clock: TestClock,
  ) {}

  static async start(options: SampleServiceV07Options = {}): Promise<Rig> {
    const clock = new TestClock();
    const provider = await startMockProvider({ control: false });
    const service = await startSampleServiceV07({ trustedIssuers: [provider.issuer], now: clock.now, ...options });
    return new Rig(service, provider, clock);
  }

  get url(): string {
    return this.service.url;
  }

  async close(): Promise<void> {
    await Promise.all([this.service.close(), this.provider.close()]);
  }

  get(path: string, headers: Record<string, string> = {}): Promise<HttpResult> {
    return call(`${this.url}${path}`, { headers });
  }

  postJson(path: string, body: unknown): Promise<HttpResult> {
    return call(`${this.url}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  }

  postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<HttpResult> {
    return call(`${this.url}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }

  // --- agent side ---
  registerAnonymous(): Promise<HttpResult> {
    return this.postJson(P.identity, { type: "anonymous" });
  }

  registerIdJag(assertion: string): Promise<HttpResult> {
    return this.postJson(P.identity, { type: "identity_assertion", assertion_type: ID_JAG_TYPE, assertion });
  }

  registerServiceAuth(loginHint: string): Promise<HttpResult> {
    return this.postJson(P.identity, { type: "service_auth", login_hint: loginHint });
  }

  claimWithHint(claimToken: string, loginHint: string): Promise<HttpResult> {
    return this.postJson(P.claim, { type: "login_hint", claim_token: claimToken, login_hint: loginHint });
  }

  claimWithIdJag(claimToken: string, assertion: string): Promise<HttpResult> {
    return this.postJson(P.claim, { type: "identity_assertion", claim_token: claimToken, assertion });
  }

  exchange(assertion: string): Promise<HttpResult> {
    return this.postForm(P.token, { grant_type: JWT_BEARER_GRANT, assertion });
  }

  /** One claim-grant poll, after moving the clock past the poll interval. */
  poll(claimToken: string, waitSeconds = 6): Promise<HttpResult> {
    this.clock.advance(waitSeconds);
    return this.postForm(P.token, { grant_type: CLAIM_GRANT, claim_token: claimToken });
  }

  api(accessToken: string, method: "GET" | "POST" = "GET"): Promise<HttpResult> {
    return call(`${this.url}${P.notes}`, { method, headers: { Authorization: `Bearer ${accessToken}` } });
  }

  // --- provider side ---
  /** A fresh ID-JAG for the service, with auth_time = now unless given (null drops it). */
  idJag(input: { email?: string; subject?: string; authTime?: number | null; claims?: Record<string, unknown>; header?: Record<string, unknown> } = {}): Promise<string> {
    const now = this.clock.seconds();
    const authTime = input.authTime === undefined ? now : input.authTime;
    return this.provider.minter.idJag({
      audience: this.url,
      now,
      ...(input.subject ? { subject: input.subject } : {}),
      ...(input.email ? { email: input.email } : {}),
      claims: { ...(authTime === null ? {} : { auth_time: authTime }), ...input.claims },
      ...(input.header ? { header: input.header } : {}),
    });
  }

  /** A Security Event Token from the provider about `subject` (RFC 8417). */
  set(subject: string, input: { events?: Record<string, unknown> | null; claims?: Record<string, unknown>; typ?: string } = {}): Promise<string> {
    const now = this.clock.seconds();
    const events = input.events === undefined ? { [REVOKED_EVENT]: {} } : input.events;
    const claims: Record<string, unknown> = { iss: this.provider.issuer, sub: subject, aud: this.url, jti: `set-${Math.random().toString(36).slice(2)}`, iat: now, ...input.claims };
    if (events !== null) claims.events = events;
    const key = this.provider.keys.current();
    return this.provider.minter.sign({ header: { typ: input.typ ?? "secevent+jwt", alg: key.alg, kid: key.kid }, claims });
  }

  deliverSet(token: string, contentType = SET_MEDIA_TYPE): Promise<HttpResult> {
    return call(`${this.url}${P.events}`, { method: "POST", headers: { "Content-Type": contentType }, body: token });
  }

  // --- the user ---
  async signIn(email: string): Promise<string> {
    const res = await this.postForm(P.login, { email, return_to: "/" });
    const setCookie = res.headers.get("set-cookie") ?? "";
    const cookie = setCookie.split(";")[0] ?? "";
    if (res.status !== 302 || !cookie.startsWith("sid=")) throw new Error(`sign-in failed: ${res.status}`);
    return cookie;
  }

  /** Follows verification_uri as a signed-in user to the claim page; returns its status and the attempt token. */
  async openClaimPage(verificationUri: string, cookie: string): Promise<{ status: number; attemptToken: string; text: string }> {
    const login = await call(verificationUri, { headers: { Cookie: cookie } });
    if (login.status !== 302) throw new Error(`verification_uri answered ${login.status}`);
    const location = login.headers.get("location") ?? "";
    const page = await call(new URL(location, this.url).toString(), { headers: { Cookie: cookie } });
    const attemptToken = new URL(location, this.url).searchParams.get("claim_attempt_token") ?? "";
    return { status: page.status, attemptToken, text: page.text };
  }

  submitCode(attemptToken: string, userCode: string, cookie: string, decision = "approve"): Promise<HttpResult> {
    return this.postForm(P.claimComplete, { claim_attempt_token: attemptToken, user_code: userCode, decision }, { Cookie: cookie });
  }

  /** The whole user side: sign in as `email`, open the link, enter the code. Returns the submit status. */
  async confirm(ceremony: Record<string, unknown>, email: string): Promise<number> {
    const cookie = await this.signIn(email);
    const page = await this.openClaimPage(String(ceremony.verification_uri), cookie);
    const submitted = await this.submitCode(page.attemptToken, String(ceremony.user_code), cookie);
    return submitted.status;
  }
}

/** The attempt token inside a verification_uri (without following it). */
export function attemptTokenOf(verificationUri: string): string {
  const returnTo = new URL(verificationUri).searchParams.get("return_to") ?? "";
  return new URL(returnTo, "http://x").searchParams.get("claim_attempt_token") ?? "";
}

export function decodeJwtPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
}
