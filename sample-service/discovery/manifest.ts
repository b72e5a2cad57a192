import { ID_JAG_ASSERTION_TYPE, PATHS, POST_CLAIM_SCOPES, PRE_CLAIM_SCOPES, SCOPES_SUPPORTED, SERVICE_NAME } from "../protocol.ts";
import { ID_JAG_TYP } from "../verify/id-jag.ts";
import { REVOKED_EVENT } from "../verify/logout-token.ts";

/** Which parts of the manifest to write; each `false` is one discovery fault. */
export interface ManifestParts {
  title: boolean;
  errorsAndRevocation: boolean;
  prmLink: boolean;
  anonymous: boolean;
}

export interface ManifestInput {
  origin: string;
  resource: string;
  trustedIssuers: readonly string[];
  otpTtlSeconds: number;
  otpMaxAttempts: number;
  parts: ManifestParts;
}

const json = (value: unknown): string => ["```json", JSON.stringify(value, null, 2), "```"].join("\n");
const http = (text: string): string => ["```http", text, "```"].join("\n");

/** The auth.md manifest (own wording, modelled on AUTH.md v0.1) for this origin. */
export function buildManifest(input: ManifestInput): string {
  const sections = [
    intro(input),
    discover(input),
    pickMethod(input),
    register(input),
    claimCeremony(input),
    useCredential(input),
  ];
  if (input.parts.errorsAndRevocation) sections.push(errors(input), revocation(input));
  return `${sections.join("\n\n")}\n`;
}

function intro({ parts }: ManifestInput): string {
  const lines: string[] = [];
  if (parts.title) lines.push(`# ${SERVICE_NAME} — agent registration (auth.md)`, "");
  lines.push(
    `You are an agent. ${SERVICE_NAME} lets you obtain API credentials by registering yourself, without a human copying keys around.`,
    "Work through the steps in order: discover, pick a method, register, run the claim ceremony when one is needed, then call the API.",
    "",
    "This document follows auth.md v0.1. Every URL in it is this service's real URL.",
  );
  return lines.join("\n");
}

function discover({ origin, resource, parts }: ManifestInput): string {
  const prmUrl = `${origin}${PATHS.prm}`;
  const lines = ["## Step 1 — Discover", ""];
  if (parts.prmLink) {
    lines.push(
      "Any API request without a valid credential answers 401 and names the protected resource metadata:",
      "",
      http(`HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer resource_metadata="${prmUrl}"`),
      "",
      `If you did not start from a 401, the metadata lives at the conventional path \`${PATHS.prm}\`.`,
    );
  } else {
    lines.push(
      "Any API request without a valid credential answers 401; the `resource_metadata` parameter of its `WWW-Authenticate` header is the URL of the resource metadata.",
    );
  }
  lines.push(
    "",
    "### 1a. Protected resource metadata",
    "",
    json({
      resource,
      resource_name: SERVICE_NAME,
      authorization_servers: [origin],
      scopes_supported: [...SCOPES_SUPPORTED],
      bearer_methods_supported: ["header"],
    }),
    "",
    "`authorization_servers[0]` is the authorization server that registers agents. Send credentials in the `Authorization` header.",
    "",
    "### 1b. Authorization server metadata",
    "",
    `Fetch \`${origin}${PATHS.asMetadata}\`. Its \`issuer\` is \`${origin}\`; its \`agent_auth\` block lists the registration endpoints and methods:`,
    "",
    json({ agent_auth: agentAuthExample(origin, parts.anonymous) }),
  );
  return lines.join("\n");
}

function agentAuthExample(origin: string, anonymous: boolean): Record<string, unknown> {
  const block: Record<string, unknown> = {
    skill: `${origin}${PATHS.authMd}`,
    register_uri: `${origin}${PATHS.register}`,
    claim_uri: `${origin}${PATHS.claim}`,
    revocation_uri: `${origin}${PATHS.revoke}`,
    identity_types_supported: anonymous ? ["anonymous", "identity_assertion"] : ["identity_assertion"],
  };
  if (anonymous) block.anonymous = { credential_types_supported: ["api_key"] };
  block.identity_assertion = {
    assertion_types_supported: [ID_JAG_ASSERTION_TYPE, "verified_email"],
    credential_types_supported: ["access_token", "api_key"],
  };
  block.events_supported = [REVOKED_EVENT];
  return block;
}

function pickMethod({ parts }: ManifestInput): string {
  const lines = [
    "## Step 2 — Pick a method",
    "",
    "1. You can get an ID-JAG for the user from a provider this service trusts → **identity_assertion + id-jag** (credential at once, no ceremony).",
    "2. You only know the user's email address → **identity_assertion + email** (the user reads you a code from an email).",
  ];
  if (parts.anonymous) {
    lines.push("3. You have neither → **anonymous** (a read-only key at once; a human can claim it later to unlock writes).");
  }
  lines.push("", "Check your choice against `agent_auth` before sending; pick another method if it is not listed.");
  return lines.join("\n");
}

function register({ origin, trustedIssuers, parts }: ManifestInput): string {
  const trust =
    trustedIssuers.length === 0
      ? ["No provider is trusted right now; use another method."]
      : trustedIssuers.map((iss) => `- \`${iss}\``);
  const lines = [
    "## Step 3 — Register",
    "",
    `All registrations are \`POST ${origin}${PATHS.register}\` with \`Content-Type: application/json\`. Before asserting a user's identity, show the user "${SERVICE_NAME}" and the scopes and ask for consent.`,
    "",
    "### identity_assertion + id-jag",
    "",
    "Providers on the trust list:",
    "",
    ...trust,
    "",
    `The ID-JAG must carry header \`typ: ${ID_JAG_TYP}\` and an asymmetric \`alg\` (ES256, RS256, PS256 or EdDSA) with a \`kid\` from \`{iss}/.well-known/jwks.json\`, and claims:`,
    "",
    `- \`iss\`: your provider's issuer; \`client_id\`: the same issuer URL`,
    `- \`aud\`: \`${origin}\` exactly (this service's issuer)`,
    "- `sub`: the user's stable identifier at the provider",
    "- `jti`: fresh for every assertion; `iat` now; `exp` about 5 minutes later (never more than 1 hour)",
    "- `email` with `email_verified: true`, or `phone_number` with `phone_number_verified: true` (JSON booleans)",
    "",
    json({
      type: "identity_assertion",
      assertion_type: ID_JAG_ASSERTION_TYPE,
      assertion: "<ID-JAG>",
      requested_credential_type: "access_token",
    }),
    "",
    "Response (200); there is never a refresh token:",
    "",
    json({
      registration_id: "reg_...",
      registration_type: "agent-provider",
      credential_type: "access_token",
      credential: "<token>",
      credential_expires: "2026-01-01T01:00:00.000Z",
      scopes: [...SCOPES_SUPPORTED],
    }),
    "",
    "### identity_assertion + email",
    "",
    json({
      type: "identity_assertion",
      assertion_type: "verified_email",
      assertion: "user@example.org",
      requested_credential_type: "api_key",
    }),
    "",
    "Response (200). No credential yet: the service has already emailed the user. Keep `claim_token` in memory only and go to Step 4.",
    "",
    json({
      registration_id: "reg_...",
      registration_type: "email-verification",
      claim_url: `${origin}${PATHS.claim}`,
      claim_token: "clm_...",
      claim_token_expires: "2026-01-01T01:00:00.000Z",
      post_claim_scopes: [...POST_CLAIM_SCOPES],
    }),
  ];
  if (parts.anonymous) {
    lines.push(
      "",
      "### anonymous",
      "",
      json({ type: "anonymous", requested_credential_type: "api_key" }),
      "",
      `Response (200). The key works at once with \`${PRE_CLAIM_SCOPES.join(" ")}\`. Unclaimed keys stop working when \`claim_token_expires\` passes; a claim (Step 4) keeps the key and widens it to \`post_claim_scopes\`.`,
      "",
      json({
        registration_id: "reg_...",
        registration_type: "anonymous",
        credential_type: "api_key",
        credential: "sk_test_...",
        credential_expires: null,
        scopes: [...PRE_CLAIM_SCOPES],
        claim_url: `${origin}${PATHS.claim}`,
        claim_token: "clm_...",
        claim_token_expires: "2026-01-01T01:00:00.000Z",
        post_claim_scopes: [...POST_CLAIM_SCOPES],
      }),
    );
  }
  return lines.join("\n");
}

function claimCeremony({ origin, parts, otpTtlSeconds, otpMaxAttempts }: ManifestInput): string {
  const lines = [
    "## Step 4 — Claim ceremony",
    "",
    `Goal: the user reads you a 6-digit code from a page linked in an email. Codes expire after ${otpTtlSeconds} seconds and a claim attempt locks after ${otpMaxAttempts} wrong codes.`,
  ];
  if (parts.anonymous) {
    lines.push(
      "",
      "### 4a. Ask for the claim email (anonymous registrations only)",
      "",
      `\`POST ${origin}${PATHS.claim}\`:`,
      "",
      json({ claim_token: "clm_...", email: "user@example.org" }),
      "",
      "Response (200):",
      "",
      json({ registration_id: "reg_...", claim_attempt_id: "cla_...", status: "initiated", expires_at: "2026-01-01T01:00:00.000Z" }),
    );
  }
  lines.push(
    "",
    "### 4b. Wait for the code",
    "",
    "Tell the user: \"Open the link in the email we sent you and read me the 6-digit code.\" The page only shows a code after the user presses its button; pressing again gives a new code and cancels the old one.",
    "",
    "### 4c. Submit the code",
    "",
    `\`POST ${origin}${PATHS.complete}\`:`,
    "",
    json({ claim_token: "clm_...", otp: "123456" }),
    "",
    "Email registrations receive their credential now:",
    "",
    json({
      registration_id: "reg_...",
      status: "claimed",
      credential_type: "api_key",
      credential: "sk_test_...",
      credential_expires: null,
      scopes: [...POST_CLAIM_SCOPES],
    }),
  );
  if (parts.anonymous) {
    lines.push(
      "",
      "Anonymous registrations keep their key, which now carries `post_claim_scopes`:",
      "",
      json({ registration_id: "reg_...", status: "claimed" }),
    );
  }
  return lines.join("\n");
}

function useCredential({ origin }: ManifestInput): string {
  return [
    "## Step 5 — Use the credential",
    "",
    "Send every credential as a bearer token in the `Authorization` header:",
    "",
    http(`GET ${PATHS.notes}\nHost: ${new URL(origin).host}\nAuthorization: Bearer <credential>`),
    "",
    "- `GET /api/notes` needs `api.read`; `POST /api/notes` with `{\"text\": \"...\"}` needs `api.write`.",
    "- 403 `insufficient_scope`: the credential lacks the scope named in `WWW-Authenticate`; finish a claim to widen it.",
    "- 401 on a credential that used to work: drop it and start again at Step 1. Access tokens are never refreshed; present a fresh ID-JAG.",
  ].join("\n");
}

function errors(_input: ManifestInput): string {
  const rows: Array<[string, string, string]> = [
    ["`invalid_request` (400)", "any", "Malformed body or JWT, wrong field type, missing claim. Fix the request."],
    ["`unsupported_assertion_type` (400)", "`/agent/auth`", "Use an assertion type listed in `agent_auth`."],
    ["`unsupported_credential_type` (400)", "`/agent/auth`", "Request a credential type listed for your method."],
    ["`invalid_issuer` (400)", "`/agent/auth`, `/agent/auth/revoke`", "The issuer is not on the trust list. Pick another method."],
    ["`invalid_signature` (400)", "`/agent/auth`, `/agent/auth/revoke`", "Signature, `alg` or key did not verify. Mint a fresh ID-JAG."],
    ["`invalid_audience` (400)", "`/agent/auth`, `/agent/auth/revoke`", "Set `aud` to this service's issuer."],
    ["`expired` (400)", "`/agent/auth`, `/agent/auth/revoke`", "The token's `exp` is past. Mint a fresh one."],
    ["`replay_detected` (400)", "`/agent/auth`, `/agent/auth/revoke`", "The `jti` was used before. Mint a fresh token."],
    ["`invalid_client_id` (400)", "`/agent/auth`", "`client_id` must equal the provider's issuer."],
    ["`missing_verified_email` (400)", "`/agent/auth`", "The ID-JAG needs a verified email or phone number."],
    ["`invalid_target` / `invalid_scope` (400)", "`/agent/auth`", "The ID-JAG's `resource` or `scope` does not match this service."],
    ["`invalid_claim_token` (401)", "claim endpoints", "Unknown `claim_token`. Register again."],
    ["`claimed_or_in_flight` (409)", "`/agent/auth/claim`", "Already claimed, or this registration's email went out at registration."],
    ["`claim_expired` (410)", "claim endpoints", "The claim window closed. Register again."],
    ["`claim_superseded` (410)", "claim page", "A newer claim email replaced this link."],
    ["`claim_completed` (409)", "claim page", "The claim is already finished."],
    ["`previously_claimed` (409)", "`/agent/auth/claim/complete`", "Someone already completed this claim."],
    ["`otp_not_generated` (400)", "`/agent/auth/claim/complete`", "The user has not opened the page and pressed its button yet."],
    ["`otp_invalid` (401)", "`/agent/auth/claim/complete`", "Wrong code. Ask the user to re-read it."],
    ["`otp_expired` (410)", "`/agent/auth/claim/complete`", "The code expired. Ask the user to press the button again."],
    ["`otp_attempts_exceeded` (429)", "`/agent/auth/claim/complete`", "Too many wrong codes; this claim attempt is locked."],
    ["`temporarily_unavailable` (503)", "`/agent/auth`, `/agent/auth/claim`", "The email could not be sent. Retry later."],
    ["`invalid_token` (401)", "`/api/*`", "Credential missing, unknown, expired or revoked. Restart at Step 1."],
    ["`insufficient_scope` (403)", "`/api/*`", "The credential lacks the scope in `WWW-Authenticate`."],
  ];
  return [
    "## Errors",
    "",
    "Error bodies are `{\"error\": \"<code>\", \"message\": \"...\"}`.",
    "",
    "| Code | Where | What to do |",
    "| --- | --- | --- |",
    ...rows.map(([code, where, action]) => `| ${code} | ${where} | ${action} |`),
    "",
    "5xx: back off and retry. 4xx: do not resend the same request; act on the code.",
  ].join("\n");
}

function revocation({ origin }: ManifestInput): string {
  return [
    "## Revocation",
    "",
    `You never call the revocation endpoint yourself. A provider that minted an ID-JAG can POST a signed \`logout+jwt\` (Content-Type \`application/logout+jwt\`) to \`${origin}${PATHS.revoke}\` with the event \`${REVOKED_EVENT}\`; every credential issued for that provider's user at this service then stops working.`,
    "",
    "You notice revocation as a 401 on your next request: drop the credential and start again at Step 1.",
  ].join("\n");
}
