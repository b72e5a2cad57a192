import type { Handler } from "../../http/router.ts";
import type { ContextV07 } from "../context.ts";
import { send } from "../http/respond.ts";
import { CLAIM_GRANT, JWT_BEARER_GRANT, PATHS, PRE_CLAIM_SCOPES, POST_CLAIM_SCOPES, SERVICE_NAME } from "../protocol.ts";

/** The agent-facing manifest: Steps 1–6, Errors and Revocation (A7 headings). */
export function authMdText(origin: string): string {
  return `# ${SERVICE_NAME} — auth.md (protocol v0.7)

Agents register here without a browser, then a person confirms the claim on our own pages.

## Step 1: Discover
Read ${origin}${PATHS.prm}, then ${origin}${PATHS.asMetadata} and its \`agent_auth\` block.

## Step 2: Pick an identity type
\`anonymous\`, \`identity_assertion\` (an ID-JAG from a trusted provider) or \`service_auth\` (with \`login_hint\`).

## Step 3: Register
POST ${origin}${PATHS.identity} with a JSON body. Anonymous registrations get an \`identity_assertion\`
with pre-claim scopes (${PRE_CLAIM_SCOPES.join(" ")}) and a \`claim_token\`.

## Step 4: Claim ceremony
POST ${origin}${PATHS.claim} with \`{"type":"login_hint","claim_token":…,"login_hint":…}\` or
\`{"type":"identity_assertion","claim_token":…,"assertion":…}\`. Show the \`user_code\` and
\`verification_uri\` to the user, then poll ${origin}${PATHS.token} with
\`grant_type=${CLAIM_GRANT}\` no faster than \`interval\`.

## Step 5: Exchange the assertion
POST ${origin}${PATHS.token} with \`grant_type=${JWT_BEARER_GRANT}&assertion=…\`. After the claim the
scopes are ${POST_CLAIM_SCOPES.join(" ")}.

## Step 6: Use the access_token
Send \`Authorization: Bearer <access_token>\` to ${origin}${PATHS.notes}. There is no refresh_token: exchange the assertion again.

## Errors
Profile endpoints answer \`{error, error_description}\`; the token endpoint speaks RFC 6749, 7523 and 8628 codes.

| Code | Where | What to do |
| --- | --- | --- |
| \`invalid_request\` (400) | any | Fix the request body. |
| \`anonymous_not_enabled\`, \`service_auth_not_enabled\` (400) | ${PATHS.identity} | Pick another identity type. |
| \`issuer_not_enabled\` (400) | ${PATHS.identity}, ${PATHS.claim} | The ID-JAG issuer is not trusted here. |
| \`login_required\` (401) | ${PATHS.identity}, ${PATHS.claim} | Have the provider sign the user in again (fresh \`auth_time\`). |
| \`interaction_required\` (401) | ${PATHS.identity} | First link to an existing account: run the claim ceremony. |
| \`invalid_login_hint\` (400) | ${PATHS.identity}, ${PATHS.claim} | Send the user's email as \`login_hint\`. |
| \`invalid_claim_token\` (400) | ${PATHS.claim} | Unknown \`claim_token\`: register again. |
| \`claimed_or_in_flight\` (409) | ${PATHS.claim} | Already claimed, or a ceremony is running. |
| \`authorization_pending\` (400) | ${PATHS.token} | The user has not confirmed yet: poll again after \`interval\`. |
| \`slow_down\` (400) | ${PATHS.token} | Add 5 seconds to the poll interval. |
| \`expired_token\` (400) | ${PATHS.token} | The ceremony or registration expired: start again. |
| \`access_denied\` (400) | ${PATHS.token} | The user refused. |
| \`invalid_grant\` (400) | ${PATHS.token} | The assertion is invalid, expired or revoked. |
| \`rate_limited\` (429) | ${PATHS.identity} | Retry later. |

## Revocation
Revoke an access_token at ${origin}${PATHS.revoke} (RFC 7009). Providers send Security Event Tokens to ${origin}${PATHS.events}.
`;
}

export function authMdHandler(ctx: ContextV07): Handler {
  const html = ctx.faults.has("v07-auth-md-html");
  const full = authMdText(ctx.origin);
  // The fault keeps the v0.1 outline: no sixth step.
  const text = ctx.faults.has("v07-auth-md-v01-steps") ? full.replace(/## Step 6: Use the access_token\n[^\n]*\n\n/, "") : full;
  return (_req, res) => send(res, 200, html ? "text/html; charset=utf-8" : "text/markdown; charset=utf-8", text);
}
