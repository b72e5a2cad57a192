import { describe, expect, it } from "vitest";
import { CLAIM_GRANT, FAULTS_V07, PATHS_V07 as P } from "../../sample-service/v0_7/index.ts";
import type { FaultNameV07, SampleServiceV07Options } from "../../sample-service/v0_7/index.ts";
import { ALICE, BOB, call, decodeJwtPayload, Rig } from "./helpers.ts";

function decodeJwtHeader(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
}

type Probe = (rig: Rig) => Promise<unknown>;

/** Each switch: a probe, what the clean service shows, what the faulty one shows instead. */
interface FaultCase {
  probe: Probe;
  clean: unknown;
  faulty: unknown;
  /** Service options for both runs (e.g. a trust list without the mock provider). */
  options?: SampleServiceV07Options;
}

const UNTRUSTING: SampleServiceV07Options = { trustedIssuers: ["http://127.0.0.1:9"] };

async function anonymous(rig: Rig): Promise<{ claimToken: string; v1: string }> {
  const reg = await rig.registerAnonymous();
  return { claimToken: String(reg.json.claim_token), v1: String(reg.json.identity_assertion) };
}

async function anonymousPending(rig: Rig, hint = ALICE): Promise<{ claimToken: string; v1: string; ceremony: Record<string, unknown> }> {
  const anon = await anonymous(rig);
  const claim = await rig.claimWithHint(anon.claimToken, hint);
  return { ...anon, ceremony: claim.json.claim_attempt as Record<string, unknown> };
}

async function preClaimToken(rig: Rig): Promise<string> {
  return String((await rig.exchange((await anonymous(rig)).v1)).json.access_token);
}

/** A just-in-time ID-JAG registration: its subject, its assertion and one access token. */
async function jitRegistration(rig: Rig): Promise<{ subject: string; assertion: string; token: string }> {
  const subject = `jit_${Math.random().toString(36).slice(2)}`;
  const reg = await rig.registerIdJag(await rig.idJag({ subject, email: `${subject}@example.com` }));
  const assertion = String(reg.json.identity_assertion);
  return { subject, assertion, token: String((await rig.exchange(assertion)).json.access_token) };
}

const now = (rig: Rig): number => rig.clock.seconds();

/** Submit every token of a mock-provider forge case (fresh auth_time) in order; the last answer's status. */
async function forged(rig: Rig, id: string): Promise<number> {
  const { tokens } = await rig.provider.forge.get(id).build({ audience: rig.url, now: now(rig), authTime: now(rig) });
  let status = 0;
  for (const token of tokens) status = (await rig.registerIdJag(token)).status;
  return status;
}

const CASES: Record<FaultNameV07, FaultCase> = {
  // --- the v0.1 checks shared with v0.7 (driver slice) ---
  "v07-idjag-alg-none-accepted": { probe: (r) => forged(r, "alg-none"), clean: 400, faulty: 200 },
  "v07-idjag-empty-signature-accepted": { probe: (r) => forged(r, "signature-stripped"), clean: 400, faulty: 200 },
  "v07-idjag-hmac-with-public-key": { probe: (r) => forged(r, "alg-hs256-public-key"), clean: 400, faulty: 200 },
  "v07-idjag-zero-signature-accepted": { probe: (r) => forged(r, "signature-zeroed"), clean: 400, faulty: 200 },
  "v07-idjag-embedded-jwk-trusted": { probe: (r) => forged(r, "embedded-jwk"), clean: 400, faulty: 200 },
  "v07-idjag-crit-ignored": { probe: (r) => forged(r, "crit-unknown"), clean: 400, faulty: 200 },
  "v07-idjag-first-duplicate-wins": { probe: (r) => forged(r, "dup-claim-iss"), clean: 400, faulty: 200 },
  "v07-idjag-typ-case-sensitive": { probe: (r) => forged(r, "typ-uppercase"), clean: 200, faulty: 400 },
  "v07-idjag-issuer-trailing-slash-normalised": { probe: (r) => forged(r, "iss-trailing-slash"), clean: 400, faulty: 200 },
  "v07-idjag-aud-trailing-slash-ignored": { probe: (r) => forged(r, "aud-trailing-slash"), clean: 400, faulty: 200 },
  "v07-idjag-aud-array-any-member": { probe: (r) => forged(r, "aud-array-extra-member"), clean: 400, faulty: 200 },
  "v07-idjag-exp-optional": { probe: (r) => forged(r, "exp-missing"), clean: 400, faulty: 200 },
  "v07-idjag-future-iat-accepted": { probe: (r) => forged(r, "iat-future"), clean: 400, faulty: 200 },
  "v07-idjag-nbf-ignored": { probe: (r) => forged(r, "nbf-future"), clean: 400, faulty: 200 },
  "v07-idjag-jti-replay-allowed": { probe: (r) => forged(r, "jti-replayed"), clean: 400, faulty: 200 },
  "v07-idjag-email-verified-truthy": { probe: (r) => forged(r, "email-verified-string"), clean: 400, faulty: 200 },
  "v07-api-401-no-error-code": { probe: async (r) => (await r.api("not-a-live-token")).headers.get("www-authenticate")?.includes('error="invalid_token"'), clean: true, faulty: false },
  "v07-pre-claim-read-refused": { probe: async (r) => (await r.api(await preClaimToken(r))).status, clean: 200, faulty: 403 },
  "v07-insufficient-scope-forbidden": { probe: async (r) => (await r.api(await preClaimToken(r), "POST")).json.error, clean: "insufficient_scope", faulty: "forbidden" },
  "v07-idjag-scope-not-advertised": { probe: async (r) => (await r.registerIdJag(await r.idJag())).json.scopes, clean: ["api.read", "api.write"], faulty: ["api.read", "api.write", "admin"] },
  "v07-prm-no-resource": { probe: async (r) => "resource" in (await r.get(P.prm)).json, clean: true, faulty: false },
  "v07-as-metadata-no-issuer": { probe: async (r) => (await r.get(P.asMetadata)).json.issuer === r.url, clean: true, faulty: false },
  "v07-grant-types-no-claim": { probe: async (r) => ((await r.get(P.asMetadata)).json.grant_types_supported as string[]).includes(CLAIM_GRANT), clean: true, faulty: false },
  "v07-events-supported-missing": { probe: async (r) => "events_supported" in ((await r.get(P.asMetadata)).json.agent_auth as object), clean: true, faulty: false },
  "v07-auth-md-html": { probe: async (r) => (await r.get(P.authMd)).headers.get("content-type")?.split(";")[0], clean: "text/markdown", faulty: "text/html" },
  "v07-api-401-no-resource-metadata": { probe: async (r) => (await r.get(P.notes)).headers.get("www-authenticate")?.includes("resource_metadata="), clean: true, faulty: false },
  "v07-registration-returns-access-token": { probe: async (r) => "access_token" in (await r.registerAnonymous()).json, clean: false, faulty: true },
  "v07-verified-email-type-accepted": {
    probe: async (r) => (await r.postJson(P.identity, { type: "identity_assertion", assertion_type: "verified_email", assertion: ALICE })).status,
    clean: 400,
    faulty: 200,
  },
  "v07-idjag-jti-recorded-last": {
    probe: async (r) => {
      const stale = await r.idJag({ authTime: now(r) - 10_000 });
      await r.registerIdJag(stale);
      return (await r.registerIdJag(stale)).json.error;
    },
    clean: "replay_detected",
    faulty: "login_required",
  },
  "v07-idjag-verified-email-not-required": { probe: async (r) => (await r.registerIdJag(await r.idJag({ claims: { email_verified: false } }))).status, clean: 400, faulty: 200 },
  "v07-idjag-new-registration-each-time": {
    probe: async (r) => {
      const subject = "same_subject";
      const a = await r.registerIdJag(await r.idJag({ subject, email: "same@example.com" }));
      const b = await r.registerIdJag(await r.idJag({ subject, email: "same@example.com" }));
      return a.json.registration_id === b.json.registration_id;
    },
    clean: true,
    faulty: false,
  },
  "v07-login-required-missing": { probe: async (r) => (await r.registerIdJag(await r.idJag({ authTime: null }))).status, clean: 401, faulty: 200 },
  "v07-auth-time-stale-accepted": { probe: async (r) => (await r.registerIdJag(await r.idJag({ authTime: now(r) - 3600 - 120 }))).status, clean: 401, faulty: 200 },
  "v07-auth-time-future-accepted": { probe: async (r) => (await r.registerIdJag(await r.idJag({ authTime: now(r) + 365 * 86_400 }))).status, clean: 401, faulty: 200 },
  "v07-login-required-no-header": {
    probe: async (r) => {
      const res = await r.registerIdJag(await r.idJag({ authTime: null }));
      return [res.status, res.headers.get("www-authenticate")?.includes('max_age="3600"') ?? false, res.json.max_age];
    },
    clean: [401, true, 3600],
    faulty: [401, false, undefined],
  },
  "v07-interaction-required-skipped": { probe: async (r) => (await r.registerIdJag(await r.idJag({ email: ALICE }))).status, clean: 401, faulty: 200 },
  "v07-step-up-mints-while-pending": {
    probe: async (r) => {
      await r.registerIdJag(await r.idJag({ subject: "alice_sub", email: ALICE }));
      return (await r.registerIdJag(await r.idJag({ subject: "alice_sub", email: ALICE }))).status;
    },
    clean: 401,
    faulty: 200,
  },
  "v07-superseded-attempt-still-valid": {
    probe: async (r) => {
      const { claimToken, ceremony } = await anonymousPending(r);
      await r.claimWithHint(claimToken, ALICE);
      return (await r.openClaimPage(String(ceremony.verification_uri), await r.signIn(ALICE))).status;
    },
    clean: 404,
    faulty: 200,
  },
  "v07-service-auth-hint-not-validated": { probe: async (r) => (await r.registerServiceAuth("not-an-email")).status, clean: 400, faulty: 200 },
  "v07-service-auth-returns-assertion": { probe: async (r) => "identity_assertion" in (await r.registerServiceAuth(BOB)).json, clean: false, faulty: true },
  "v07-claim-type-optional": {
    probe: async (r) => (await r.postJson(P.claim, { claim_token: (await anonymous(r)).claimToken, login_hint: ALICE })).status,
    clean: 400,
    faulty: 200,
  },
  "v07-claim-reinit-anonymous-only": {
    probe: async (r) => (await r.claimWithHint(String((await r.registerServiceAuth(BOB)).json.claim_token), BOB)).status,
    clean: 200,
    faulty: 409,
  },
  "v07-claim-hint-immutable": {
    probe: async (r) => {
      const { claimToken } = await anonymousPending(r, ALICE);
      const second = (await r.claimWithHint(claimToken, BOB)).json.claim_attempt as Record<string, unknown>;
      return (await r.openClaimPage(String(second.verification_uri), await r.signIn(BOB))).status;
    },
    clean: 200,
    faulty: 403,
  },
  "v07-claim-idjag-step-up-401": {
    probe: async (r) => (await r.claimWithIdJag((await anonymous(r)).claimToken, await r.idJag({ email: BOB }))).status,
    clean: 200,
    faulty: 401,
  },
  "v07-token-no-store-missing": { probe: async (r) => (await r.exchange((await anonymous(r)).v1)).headers.get("cache-control"), clean: "no-store", faulty: null },
  "v07-refresh-token-issued": { probe: async (r) => "refresh_token" in (await r.exchange((await anonymous(r)).v1)).json, clean: false, faulty: true },
  "v07-pre-claim-cap-ignored-while-pending": { probe: async (r) => (await r.exchange((await anonymousPending(r)).v1)).json.scope, clean: "api.read", faulty: "api.read api.write" },
  "v07-revoked-registration-can-mint": {
    probe: async (r) => {
      const jit = await jitRegistration(r);
      await r.deliverSet(await r.set(jit.subject));
      return [(await r.api(jit.token)).status, (await r.exchange(jit.assertion)).status];
    },
    clean: [401, 400],
    faulty: [401, 200],
  },
  "v07-slow-down-never-sent": {
    probe: async (r) => {
      const { claimToken } = await anonymousPending(r);
      await r.poll(claimToken, 0);
      return (await r.poll(claimToken, 0)).json.error;
    },
    clean: "slow_down",
    faulty: "authorization_pending",
  },
  "v07-expired-attempt-stays-pending": {
    probe: async (r) => {
      const { claimToken } = await anonymousPending(r);
      return (await r.poll(claimToken, 601)).json.error;
    },
    clean: "expired_token",
    faulty: "authorization_pending",
  },
  "v07-pre-claim-tokens-survive-claim": {
    probe: async (r) => {
      const { claimToken, v1 } = await anonymous(r);
      const pre = String((await r.exchange(v1)).json.access_token);
      await r.claimWithIdJag(claimToken, await r.idJag({ email: "fresh@example.com" }));
      return (await r.api(pre)).status;
    },
    clean: 401,
    faulty: 200,
  },
  "v07-claim-token-multi-use": {
    probe: async (r) => {
      const { claimToken } = await anonymous(r);
      await r.claimWithIdJag(claimToken, await r.idJag({ email: "fresh@example.com" }));
      await r.poll(claimToken);
      return (await r.poll(claimToken)).status;
    },
    clean: 400,
    faulty: 200,
  },
  "v07-deny-ignored": {
    probe: async (r) => {
      const { claimToken, ceremony } = await anonymousPending(r);
      const alice = await r.signIn(ALICE);
      const page = await r.openClaimPage(String(ceremony.verification_uri), alice);
      await r.submitCode(page.attemptToken, "", alice, "deny");
      return (await r.poll(claimToken)).json.error;
    },
    clean: "access_denied",
    faulty: "authorization_pending",
  },
  "v07-revoke-unknown-token-400": { probe: async (r) => (await r.postForm(P.revoke, { token: "at_unknown" })).status, clean: 200, faulty: 400 },
  "v07-revoke-kills-registration": {
    probe: async (r) => {
      const { v1 } = await anonymous(r);
      await r.postForm(P.revoke, { token: String((await r.exchange(v1)).json.access_token) });
      return (await r.exchange(v1)).status;
    },
    clean: 200,
    faulty: 400,
  },
  "v07-set-accepted-without-events": {
    probe: async (r) => {
      const jit = await jitRegistration(r);
      return [(await r.deliverSet(await r.set(jit.subject, { events: null }))).status, (await r.api(jit.token)).status];
    },
    clean: [400, 200],
    faulty: [202, 401],
  },
  "v07-set-unknown-event-revokes": {
    probe: async (r) => {
      const jit = await jitRegistration(r);
      await r.deliverSet(await r.set(jit.subject, { events: { "https://example.com/unknown": {} } }));
      return (await r.api(jit.token)).status;
    },
    clean: 200,
    faulty: 401,
  },
  "v07-set-replay-accepted": {
    probe: async (r) => {
      const set = await r.set("someone", { events: { "https://example.com/unknown": {} } });
      await r.deliverSet(set);
      return (await r.deliverSet(set)).status;
    },
    clean: 400,
    faulty: 202,
  },
  "v07-set-wrong-aud-auth-failed": { probe: async (r) => (await r.deliverSet(await r.set("x", { claims: { aud: "https://other.example" } }))).json.err, clean: "invalid_audience", faulty: "authentication_failed" },
  "v07-set-error-oauth-shape": { probe: async (r) => Object.keys((await r.deliverSet(await r.set("x", { events: null }))).json).sort(), clean: ["description", "err"], faulty: ["error", "error_description"] },
  "v07-set-json-content-type": { probe: async (r) => (await r.deliverSet(await r.set("x"), "application/json")).status, clean: 400, faulty: 202 },
  "v07-set-typ-ignored": { probe: async (r) => (await r.deliverSet(await r.set("x", { typ: "logout+jwt" }))).status, clean: 400, faulty: 202 },
  "v07-write-scope-not-checked": { probe: async (r) => (await r.api(await preClaimToken(r), "POST")).status, clean: 403, faulty: 201 },
  "v07-user-code-in-verification-uri": {
    probe: async (r) => {
      const { ceremony } = await anonymousPending(r);
      return String(ceremony.verification_uri).includes(String(ceremony.user_code));
    },
    clean: false,
    faulty: true,
  },
  "v07-claim-page-no-login": {
    probe: async (r) => {
      const { ceremony } = await anonymousPending(r);
      return (await r.get(new URL(String(ceremony.verification_uri)).searchParams.get("return_to") ?? "")).status;
    },
    clean: 302,
    faulty: 200,
  },
  "v07-wrong-account-on-submit": {
    probe: async (r) => {
      const { claimToken, ceremony } = await anonymousPending(r, ALICE);
      const bob = await r.signIn(BOB);
      const page = await r.openClaimPage(String(ceremony.verification_uri), bob);
      const submitted = await r.submitCode(page.attemptToken, String(ceremony.user_code), bob);
      return [page.status, submitted.status, (await r.poll(claimToken)).status];
    },
    clean: [403, 403, 400],
    faulty: [403, 200, 200],
  },
  "v07-wrong-code-limit-missing": {
    probe: async (r) => {
      const { ceremony } = await anonymousPending(r);
      const alice = await r.signIn(ALICE);
      const page = await r.openClaimPage(String(ceremony.verification_uri), alice);
      const wrong = String((Number(ceremony.user_code) + 1) % 1_000_000).padStart(6, "0");
      for (let i = 0; i < 5; i++) await r.submitCode(page.attemptToken, wrong, alice);
      return (await r.submitCode(page.attemptToken, String(ceremony.user_code), alice)).status;
    },
    clean: 429,
    faulty: 200,
  },
  "v07-expired-user-code-accepted": {
    probe: async (r) => {
      const { ceremony } = await anonymousPending(r);
      const alice = await r.signIn(ALICE);
      const page = await r.openClaimPage(String(ceremony.verification_uri), alice);
      r.clock.advance(601);
      return (await r.submitCode(page.attemptToken, String(ceremony.user_code), alice)).status;
    },
    clean: 410,
    faulty: 200,
  },
  "v07-claim-complete-replayable": {
    probe: async (r) => {
      const { ceremony } = await anonymousPending(r);
      const alice = await r.signIn(ALICE);
      const page = await r.openClaimPage(String(ceremony.verification_uri), alice);
      await r.submitCode(page.attemptToken, String(ceremony.user_code), alice);
      return (await r.submitCode(page.attemptToken, String(ceremony.user_code), alice)).status;
    },
    clean: 409,
    faulty: 200,
  },
  "v07-wrong-account-confirms": {
    probe: async (r) => {
      const { claimToken, ceremony } = await anonymousPending(r, ALICE);
      const bob = await r.signIn(BOB);
      const page = await r.openClaimPage(String(ceremony.verification_uri), bob);
      const submitted = await r.submitCode(page.attemptToken, String(ceremony.user_code), bob);
      return [page.status, submitted.status, (await r.poll(claimToken)).status];
    },
    clean: [403, 403, 400],
    faulty: [200, 200, 200],
  },
  "v07-wrong-account-page-allowed": {
    probe: async (r) => {
      const { claimToken, ceremony } = await anonymousPending(r, ALICE);
      const bob = await r.signIn(BOB);
      const page = await r.openClaimPage(String(ceremony.verification_uri), bob);
      const submitted = await r.submitCode(page.attemptToken, String(ceremony.user_code), bob);
      return [page.status, submitted.status, (await r.poll(claimToken)).status];
    },
    clean: [403, 403, 400],
    faulty: [200, 403, 400],
  },
  "v07-revoked-claim-grant-mints": {
    probe: async (r) => {
      const stepUp = await r.registerIdJag(await r.idJag({ subject: "alice_revoked", email: ALICE }));
      await r.confirm(stepUp.json.claim as Record<string, unknown>, ALICE);
      await r.deliverSet(await r.set("alice_revoked"));
      return (await r.poll(String(stepUp.json.claim_token))).status;
    },
    clean: 400,
    faulty: 200,
  },
  "v07-session-cookie-samesite-none": { probe: async (r) => /SameSite=Lax/.exec((await r.postForm(P.login, { email: ALICE, return_to: "/" })).headers.get("set-cookie") ?? "")?.[0] ?? "other", clean: "SameSite=Lax", faulty: "other" },
  "v07-cookie-not-httponly": { probe: async (r) => /HttpOnly/.test((await r.postForm(P.login, { email: ALICE, return_to: "/" })).headers.get("set-cookie") ?? ""), clean: true, faulty: false },
  "v07-return-to-open-redirect": {
    probe: async (r) => (await r.postForm(P.login, { email: ALICE, return_to: "https://evil.example/" })).headers.get("location"),
    clean: "/",
    faulty: "https://evil.example/",
  },
  "v07-issuer-trailing-slash": { probe: async (r) => (await r.get(P.asMetadata)).json.issuer === r.url, clean: true, faulty: false },
  "v07-old-agent-auth-names": { probe: async (r) => "identity_endpoint" in ((await r.get(P.asMetadata)).json.agent_auth as object), clean: true, faulty: false },
  "v07-claim-token-short": { probe: async (r) => (await anonymous(r)).claimToken.length >= 4 + 43, clean: true, faulty: false },
  "v07-idjag-trust-any-issuer": { probe: async (r) => (await r.registerIdJag(await r.idJag())).status, clean: 400, faulty: 200, options: UNTRUSTING },
  "v07-idjag-aud-not-checked": { probe: async (r) => (await r.registerIdJag(await r.idJag({ claims: { aud: "https://other.example" } }))).status, clean: 400, faulty: 200 },
  "v07-idjag-expired-accepted": {
    probe: async (r) => (await r.registerIdJag(await r.idJag({ claims: { iat: now(r) - 700, exp: now(r) - 600 } }))).status,
    clean: 400,
    faulty: 200,
  },
  "v07-idjag-typ-ignored": { probe: async (r) => (await r.registerIdJag(await r.idJag({ header: { typ: "JWT" } }))).status, clean: 400, faulty: 200 },
  "v07-max-age-stricter-than-advertised": { probe: async (r) => (await r.registerIdJag(await r.idJag({ authTime: now(r) - 3600 + 30 }))).status, clean: 200, faulty: 401 },
  "v07-interaction-required-no-ceremony": { probe: async (r) => "claim" in (await r.registerIdJag(await r.idJag({ email: ALICE }))).json, clean: true, faulty: false },
  "v07-step-up-link-not-bound": {
    probe: async (r) => {
      const stepUp = await r.registerIdJag(await r.idJag({ subject: "alice_sub", email: ALICE }));
      await r.confirm(stepUp.json.claim as Record<string, unknown>, ALICE);
      return (await r.registerIdJag(await r.idJag({ subject: "alice_sub", email: ALICE }))).status;
    },
    clean: 200,
    faulty: 401,
  },
  "v07-claim-expired-as-invalid-token": {
    probe: async (r) => {
      const { claimToken } = await anonymous(r);
      r.clock.advance(86_401);
      return (await r.claimWithHint(claimToken, ALICE)).json.error;
    },
    clean: "claim_expired",
    faulty: "invalid_claim_token",
  },
  "v07-claim-idjag-non-anonymous-accepted": {
    probe: async (r) => (await r.claimWithIdJag(String((await r.registerServiceAuth(BOB)).json.claim_token), await r.idJag({ email: "fresh@example.com" }))).status,
    clean: 409,
    faulty: 200,
  },
  "v07-claim-idjag-during-ceremony": {
    probe: async (r) => (await r.claimWithIdJag((await anonymousPending(r)).claimToken, await r.idJag({ email: "fresh@example.com" }))).status,
    clean: 409,
    faulty: 200,
  },
  "v07-claim-idjag-jti-not-consumed": {
    probe: async (r) => {
      const jag = await r.idJag({ email: "fresh@example.com" });
      await r.claimWithIdJag((await anonymous(r)).claimToken, jag);
      return (await r.registerIdJag(jag)).status;
    },
    clean: 400,
    faulty: 200,
  },
  "v07-unsupported-grant-invalid-request": { probe: async (r) => (await r.postForm(P.token, { grant_type: "authorization_code" })).json.error, clean: "unsupported_grant_type", faulty: "invalid_request" },
  "v07-assertion-one-time": {
    probe: async (r) => {
      const { v1 } = await anonymous(r);
      await r.exchange(v1);
      return (await r.exchange(v1)).status;
    },
    clean: 200,
    faulty: 400,
  },
  "v07-jwt-bearer-accepts-provider-idjag": {
    probe: async (r) => (await r.exchange(await r.idJag({ subject: (await jitRegistration(r)).subject }))).status,
    clean: 400,
    faulty: 200,
  },
  "v07-v1-assertion-not-superseded": {
    probe: async (r) => {
      const { claimToken, v1 } = await anonymous(r);
      await r.claimWithIdJag(claimToken, await r.idJag({ email: "fresh@example.com" }));
      return (await r.exchange(v1)).status;
    },
    clean: 400,
    faulty: 200,
  },
  "v07-v2-assertion-no-email": {
    probe: async (r) => {
      const claimed = await r.claimWithIdJag((await anonymous(r)).claimToken, await r.idJag({ email: "fresh@example.com" }));
      return decodeJwtPayload(String(claimed.json.identity_assertion)).email;
    },
    clean: "fresh@example.com",
    faulty: undefined,
  },
  "v07-service-auth-pre-claim-scope": {
    probe: async (r) => {
      const reg = await r.registerServiceAuth(BOB);
      await r.confirm(reg.json.claim as Record<string, unknown>, BOB);
      return (await r.poll(String(reg.json.claim_token))).json.scope;
    },
    clean: "api.read api.write",
    faulty: "api.read",
  },
  "v07-expired-registration-stays-pending": { probe: async (r) => (await r.poll((await anonymous(r)).claimToken, 86_401)).json.error, clean: "expired_token", faulty: "authorization_pending" },
  "v07-revoke-no-token-200": { probe: async (r) => (await r.postForm(P.revoke, { token_type_hint: "access_token" })).status, clean: 400, faulty: 200 },
  "v07-set-untrusted-issuer-auth-failed": { probe: async (r) => (await r.deliverSet(await r.set("x"))).json.err, clean: "invalid_issuer", faulty: "authentication_failed", options: UNTRUSTING },
  "v07-set-expired-accepted": { probe: async (r) => (await r.deliverSet(await r.set("x", { claims: { exp: now(r) - 600 } }))).status, clean: 400, faulty: 202 },
  "v07-set-iat-optional": { probe: async (r) => (await r.deliverSet(await r.set("x", { claims: { iat: undefined } }))).status, clean: 400, faulty: 202 },
  "v07-expired-access-token-accepted": {
    probe: async (r) => {
      const token = await preClaimToken(r);
      r.clock.advance(3601);
      return (await r.api(token)).status;
    },
    clean: 401,
    faulty: 200,
  },
  "v07-user-code-five-digits": { probe: async (r) => String((await anonymousPending(r)).ceremony.user_code).length, clean: 6, faulty: 5 },
  "v07-prm-no-authorization-servers": { probe: async (r) => "authorization_servers" in (await r.get(P.prm)).json, clean: true, faulty: false },
  "v07-prm-no-bearer-methods": { probe: async (r) => "bearer_methods_supported" in (await r.get(P.prm)).json, clean: true, faulty: false },
  "v07-auth-md-v01-steps": { probe: async (r) => (await r.get(P.authMd)).text.includes("## Step 6"), clean: true, faulty: false },
  "v07-assertion-types-verified-email": {
    probe: async (r) => JSON.stringify((await r.get(P.asMetadata)).json.agent_auth).includes("verified_email"),
    clean: false,
    faulty: true,
  },
  "v07-relative-endpoints": {
    probe: async (r) => String(((await r.get(P.asMetadata)).json.agent_auth as Record<string, unknown>).identity_endpoint).startsWith(r.url),
    clean: true,
    faulty: false,
  },
  "v07-resource-metadata-wrong-url": {
    probe: async (r) => {
      const challenge = (await r.get(P.notes)).headers.get("www-authenticate") ?? "";
      const url = /resource_metadata="([^"]+)"/.exec(challenge)?.[1] ?? "";
      return (await call(url)).status;
    },
    clean: 200,
    faulty: 404,
  },
  "v07-missing-type-anonymous": { probe: async (r) => (await r.postJson(P.identity, {})).status, clean: 400, faulty: 200 },
  "v07-requested-credential-type-honoured": {
    probe: async (r) => "credential" in (await r.postJson(P.identity, { type: "anonymous", requested_credential_type: "api_key" })).json,
    clean: false,
    faulty: true,
  },
  "v07-assertion-typ-jwt": { probe: async (r) => decodeJwtHeader((await anonymous(r)).v1).typ, clean: "oauth-id-jag+jwt", faulty: "JWT" },
  "v07-anon-no-claim-token-expires": { probe: async (r) => "claim_token_expires" in (await r.registerAnonymous()).json, clean: true, faulty: false },
  "v07-anon-full-scope": { probe: async (r) => (await r.exchange((await anonymous(r)).v1)).json.scope, clean: "api.read", faulty: "api.read api.write" },
  "v07-idjag-old-registration-type": { probe: async (r) => (await r.registerIdJag(await r.idJag())).json.registration_type, clean: "identity_assertion", faulty: "agent-provider" },
  "v07-idjag-signature-not-checked": {
    probe: async (r) => {
      const [header, payload] = (await r.idJag()).split(".");
      const otherSignature = (await r.idJag()).split(".")[2];
      return (await r.registerIdJag(`${header}.${payload}.${otherSignature}`)).status;
    },
    clean: 400,
    faulty: 200,
  },
  "v07-idjag-client-id-not-checked": { probe: async (r) => (await r.registerIdJag(await r.idJag({ claims: { client_id: "https://unknown.example" } }))).status, clean: 400, faulty: 200 },
  "v07-removed-error-code": {
    probe: async (r) => (await r.postJson(P.identity, { type: "identity_assertion", assertion_type: "verified_email", assertion: ALICE })).json.error,
    clean: "invalid_request",
    faulty: "verified_email_not_enabled",
  },
  "v07-claim-no-attempt-id": { probe: async (r) => "claim_attempt_id" in (await r.claimWithHint((await anonymous(r)).claimToken, ALICE)).json, clean: true, faulty: false },
  "v07-claim-hint-not-validated": { probe: async (r) => (await r.claimWithHint((await anonymous(r)).claimToken, "not-an-email")).status, clean: 400, faulty: 200 },
  "v07-claim-idjag-no-auth-time-check": {
    probe: async (r) => (await r.claimWithIdJag((await anonymous(r)).claimToken, await r.idJag({ email: "fresh@example.com", authTime: null }))).status,
    clean: 401,
    faulty: 200,
  },
  "v07-provider-named-from-token": {
    probe: async (r) => {
      const stepUp = await r.registerIdJag(await r.idJag({ email: ALICE, claims: { name: "Totally Legit Bank" } }));
      const page = await r.openClaimPage(String((stepUp.json.claim as Record<string, unknown>).verification_uri), await r.signIn(ALICE));
      return [page.text.includes("Totally Legit Bank"), page.text.includes(r.provider.issuer)];
    },
    clean: [false, true],
    faulty: [true, false],
  },
  "v07-token-error-message-field": { probe: async (r) => Object.keys((await r.exchange("not-a-jwt")).json).sort(), clean: ["error", "error_description"], faulty: ["error", "message"] },
  "v07-claim-grant-no-assertion": {
    probe: async (r) => {
      const { claimToken } = await anonymous(r);
      await r.claimWithIdJag(claimToken, await r.idJag({ email: "fresh@example.com" }));
      return "identity_assertion" in (await r.poll(claimToken)).json;
    },
    clean: true,
    faulty: false,
  },
  "v07-unknown-claim-token-pending": { probe: async (r) => (await r.poll("clm_unknown")).json.error, clean: "invalid_grant", faulty: "authorization_pending" },
  "v07-revoke-noop": {
    probe: async (r) => {
      const token = await preClaimToken(r);
      await r.postForm(P.revoke, { token, token_type_hint: "access_token" });
      return (await r.api(token)).status;
    },
    clean: 401,
    faulty: 200,
  },
  "v07-revoke-hint-strict": { probe: async (r) => (await r.postForm(P.revoke, { token: await preClaimToken(r), token_type_hint: "refresh_token" })).status, clean: 200, faulty: 400 },
  "v07-set-200-body": { probe: async (r) => (await r.deliverSet(await r.set("someone"))).status, clean: 202, faulty: 200 },
  "v07-set-tokens-survive": {
    probe: async (r) => {
      const jit = await jitRegistration(r);
      await r.deliverSet(await r.set(jit.subject));
      return [(await r.api(jit.token)).status, (await r.exchange(jit.assertion)).status];
    },
    clean: [401, 400],
    faulty: [200, 400],
  },
  "v07-set-no-revival": {
    probe: async (r) => {
      const jit = await jitRegistration(r);
      await r.deliverSet(await r.set(jit.subject));
      const again = await r.registerIdJag(await r.idJag({ subject: jit.subject, email: `${jit.subject}@example.com` }));
      return [again.status, (await r.exchange(String(again.json.identity_assertion))).status];
    },
    clean: [200, 200],
    faulty: [200, 400],
  },
  "v07-user-code-any-registration": {
    probe: async (r) => {
      const mine = await anonymousPending(r, ALICE);
      const other = await anonymousPending(r, BOB);
      const alice = await r.signIn(ALICE);
      const page = await r.openClaimPage(String(mine.ceremony.verification_uri), alice);
      if (other.ceremony.user_code === mine.ceremony.user_code) return "same-code";
      return (await r.submitCode(page.attemptToken, String(other.ceremony.user_code), alice)).status;
    },
    clean: 401,
    faulty: 200,
  },
  "v07-advisories-missing": {
    probe: async (r) => (await r.openClaimPage(String((await anonymousPending(r)).ceremony.verification_uri), await r.signIn(ALICE))).text.includes("first_time_account"),
    clean: true,
    faulty: false,
  },
  "v07-claim-token-not-found-code": { probe: async (r) => (await r.claimWithHint("clm_unknown", ALICE)).json.error, clean: "invalid_claim_token", faulty: "not_found" },
  "v07-claim-idjag-new-registration": {
    probe: async (r) => {
      const reg = await r.registerAnonymous();
      const claimed = await r.claimWithIdJag(String(reg.json.claim_token), await r.idJag({ email: "fresh@example.com" }));
      return claimed.json.registration_id === reg.json.registration_id;
    },
    clean: true,
    faulty: false,
  },
  "v07-token-json-500": { probe: async (r) => (await r.postJson(P.token, { grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: "x" })).status, clean: 400, faulty: 500 },
  "v07-token-no-scope": { probe: async (r) => "scope" in (await r.exchange((await anonymous(r)).v1)).json, clean: true, faulty: false },
  "v07-token-custom-error-code": { probe: async (r) => (await r.exchange("not-a-jwt")).json.error, clean: "invalid_grant", faulty: "invalid_assertion" },
  "v07-pending-poll-200": { probe: async (r) => (await r.poll((await anonymousPending(r)).claimToken)).status, clean: 400, faulty: 200 },
  "v07-rate-limit-403": {
    probe: async (r) => {
      await r.registerAnonymous();
      return (await r.registerAnonymous()).status;
    },
    clean: 429,
    faulty: 403,
    options: { registrationsPerMinute: 1 },
  },
  // v0.7 input fuzzing (issue 16)
  "v07-token-long-field-500": { probe: async (r) => (await r.postForm(P.token, { grant_type: CLAIM_GRANT, claim_token: "A".repeat(10_000) })).status, clean: 400, faulty: 500 },
  "v07-events-not-jws-500": {
    probe: async (r) => (await r.deliverSet("not a jws")).status,
    clean: 400,
    faulty: 500,
  },
  "v07-user-code-bruteforceable": {
    probe: async (r) => {
      const first = await anonymousPending(r);
      // Two re-initiations: three codes under 1000 by chance is a one-in-a-billion event.
      const codes = [Number(first.ceremony.user_code)];
      let ceremony = first.ceremony;
      for (let i = 0; i < 2; i++) {
        ceremony = (await r.claimWithHint(first.claimToken, ALICE)).json.claim_attempt as Record<string, unknown>;
        codes.push(Number(ceremony.user_code));
      }
      const alice = await r.signIn(ALICE);
      const page = await r.openClaimPage(String(ceremony.verification_uri), alice);
      const wrong = String((Number(ceremony.user_code) + 1) % 1_000_000).padStart(6, "0");
      for (let i = 0; i < 5; i++) await r.submitCode(page.attemptToken, wrong, alice);
      const taken = (await r.submitCode(page.attemptToken, String(ceremony.user_code), alice)).status;
      return { codeBelow1000: codes.every((c) => c < 1000), taken };
    },
    clean: { codeBelow1000: false, taken: 429 },
    faulty: { codeBelow1000: true, taken: 200 },
  },
  "v07-claim-error-echoes-token": {
    probe: async (r) => JSON.stringify((await r.claimWithHint("clm_unknown_token_0123456789abcdef", ALICE)).json).includes("clm_unknown_token_0123456789abcdef"),
    clean: false,
    faulty: true,
  },
  // --- agent-side checks without a user actor (helper "agentside") ---
  "v07-claim-attempt-id-reused": {
    probe: async (r) => {
      const { claimToken } = await anonymous(r);
      const first = await r.claimWithHint(claimToken, ALICE);
      return (await r.claimWithHint(claimToken, ALICE)).json.claim_attempt_id === first.json.claim_attempt_id;
    },
    clean: false,
    faulty: true,
  },
  "v07-claim-idjag-no-poll-grant": {
    probe: async (r) => {
      const { claimToken } = await anonymous(r);
      await r.claimWithIdJag(claimToken, await r.idJag({ email: "fresh@example.com" }));
      return (await r.poll(claimToken)).status;
    },
    clean: 200,
    faulty: 400,
  },
  "v07-service-auth-disabled-wrong-code": { probe: async (r) => (await r.registerServiceAuth(ALICE)).json.error ?? "accepted", clean: "accepted", faulty: "invalid_request" },
  "v07-anonymous-disabled-403": { probe: async (r) => (await r.registerAnonymous()).status, clean: 200, faulty: 403 },
  "v07-assertion-cache-ignores-header": {
    probe: async (r) => {
      const { v1 } = await anonymous(r);
      await r.exchange(v1);
      const [, payload, signature] = v1.split(".");
      const header = Buffer.from(JSON.stringify({ ...decodeJwtHeader(v1), typ: "JWT" })).toString("base64url");
      return (await r.exchange(`${header}.${payload}.${signature}`)).status;
    },
    clean: 400,
    faulty: 200,
  },
  "v07-expired-registration-assertion-mints": {
    probe: async (r) => {
      const { v1 } = await anonymous(r);
      r.clock.advance(61);
      return (await r.exchange(v1)).status;
    },
    clean: 400,
    faulty: 200,
    options: { claimTtlSeconds: 60 },
  },
  "v07-resource-trailing-slash-strict": {
    probe: async (r) => {
      const { v1 } = await anonymous(r);
      return (await r.postForm(P.token, { grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: v1, resource: `${r.url}/` })).status;
    },
    clean: 200,
    faulty: 400,
  },
  "v07-set-revokes-before-aud-check": {
    probe: async (r) => {
      const jit = await jitRegistration(r);
      const set = await r.set(jit.subject, { claims: { aud: "https://other-service.example" } });
      await r.deliverSet(set);
      return (await r.api(jit.token)).status;
    },
    clean: 200,
    faulty: 401,
  },
  "v07-idjag-error-code-outside-vocabulary": {
    probe: async (r) => {
      const jag = await r.idJag();
      return (await r.registerIdJag(`${jag.slice(0, -4)}${jag.endsWith("AAAA") ? "BBBB" : "AAAA"}`)).json.error;
    },
    clean: "invalid_signature",
    faulty: "token_invalid",
  },
  "v07-identity-errors-no-description": { probe: async (r) => "error_description" in (await r.postJson(P.identity, { type: "magic_link" })).json, clean: true, faulty: false },
  "v07-revoke-jwt-500": { probe: async (r) => (await r.postForm(P.revoke, { token: (await anonymous(r)).v1 })).status, clean: 200, faulty: 500 },
  // --- fuzz properties (issue 16, slice fuzzmodel) ---
  "v07-user-code-sequential": {
    probe: async (r) => {
      const a = Number((await anonymousPending(r)).ceremony.user_code);
      const b = Number((await anonymousPending(r)).ceremony.user_code);
      return b - a === 1;
    },
    clean: false,
    faulty: true,
  },
  "v07-user-code-last-digit-ignored": {
    probe: async (r) => {
      const { ceremony } = await anonymousPending(r);
      const alice = await r.signIn(ALICE);
      const page = await r.openClaimPage(String(ceremony.verification_uri), alice);
      const live = String(ceremony.user_code);
      const nearMiss = `${live.slice(0, 5)}${(Number(live[5]) + 1) % 10}`;
      return (await r.submitCode(page.attemptToken, nearMiss, alice)).status;
    },
    clean: 401,
    faulty: 200,
  },
};

async function observe(faults: string[], probe: Probe, options: SampleServiceV07Options = {}): Promise<unknown> {
  const rig = await Rig.start({ ...options, faults });
  try {
    return await probe(rig);
  } finally {
    await rig.close();
  }
}

describe("v0.7 fault switches: each changes what the service does", () => {
  it("has a case for every switch, and every switch names v0.7 ids", () => {
    expect(Object.keys(CASES).sort()).toEqual(FAULTS_V07.map((f) => f.name).sort());
    for (const fault of FAULTS_V07) {
      expect(fault.requirementIds.length).toBeGreaterThan(0);
      for (const id of fault.requirementIds) expect(id).toMatch(/^(DISC|REG|ANON|IDJ|AT|STEP|SA|CLMEP|TOK|REV7009|SET|API|ERR|PAGE|FUZZ)(-[A-Z0-9]+)+$/);
    }
  });

  for (const [name, c] of Object.entries(CASES)) {
    it(name, async () => {
      expect(await observe([], c.probe, c.options)).toEqual(c.clean);
      expect(await observe([name], c.probe, c.options)).toEqual(c.faulty);
    });
  }
});
