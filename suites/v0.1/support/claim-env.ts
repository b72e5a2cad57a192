import { randomBytes } from "node:crypto";
import { BrowserUserV01 } from "../../../src/actors/v0_1/browser-user.ts";
import type { UserActor } from "../../../src/actors/user.ts";
import type { MailMessageJson } from "../../../src/harness-services/mailbox-service.ts";
import type { HttpClient, HttpResponse } from "../../../src/http/client.ts";
import type { ErrorKey, Vocabulary } from "../../../src/profiles/types.ts";
import { errorAliasesV01 } from "../../../src/profiles/v0_1/error-codes.ts";
import { type ErrorMatch, matchErrorCode } from "../../../src/protocol/error-codes.ts";
import { mailboxClient, mailboxSettings, recordInLedger } from "../../../src/suite/harness-clients.ts";
import type { Cause } from "../../../src/report/model.ts";
import { blocked, type CheckContext, knownCause, notTestable, runtime, settlePrerequisite, skip } from "../../../src/suite/index.ts";
import { discoveryCause } from "../../../src/target/causes.ts";
import type { ApiProbe, Target } from "../../../src/target/target.ts";
import { plusAddress } from "./claim-parse.ts";
import { isObject, type Json, requireAgentAuth, stringArray } from "./documents.ts";

/** What the claim suites need from discovery, resolved once per call. */
export interface ClaimEndpoints {
  register: string;
  claim: string;
  challenge: string;
  complete: string;
}

export function claimEndpoints(target: Target): ClaimEndpoints {
  const { register, claim, challenge, complete } = target.endpoints;
  if (!register || !claim || !challenge || !complete) {
    const cause = discoveryCause(target);
    if (cause) blocked(cause);
    const missing = Object.entries({ register, claim, challenge, complete })
      .filter(([, v]) => !v)
      .map(([k]) => k);
    blocked({
      id: "no-claim-endpoints",
      title: `agent_auth advertises no ${missing.join(", ")} endpoint (register_uri / claim_uri; see DISC-AA-01)`,
      evidence: { message: `The claim checks need register_uri and claim_uri in agent_auth${target.notes.length ? `: ${target.notes.join("; ")}` : ""}.`, data: { endpoints: target.endpoints } },
    });
  }
  return { register, claim, challenge, complete };
}

function agentAuth(target: Target): Json {
  return requireAgentAuth(target);
}

/** Skips unless the metadata advertises verified_email registrations (naming the field). */
export function requireVerifiedEmail(target: Target): void {
  const block = agentAuth(target);
  const types = stringArray(block.identity_types_supported) ?? [];
  const assertion = isObject(block.identity_assertion) ? block.identity_assertion : {};
  const assertionTypes = stringArray(assertion.assertion_types_supported) ?? [];
  if (!types.includes("identity_assertion") || !assertionTypes.includes("verified_email")) {
    skip("agent_auth.identity_assertion.assertion_types_supported does not list verified_email");
  }
}

/** Skips unless the metadata advertises anonymous registrations (naming the field). */
export function requireAnonymous(target: Target): void {
  const types = stringArray(agentAuth(target).identity_types_supported) ?? [];
  if (!types.includes("anonymous")) skip("agent_auth.identity_types_supported does not list anonymous");
}

export function advertisesVerifiedEmail(target: Target): boolean {
  try {
    requireVerifiedEmail(target);
    return true;
  } catch {
    return false;
  }
}

export function advertisesAnonymous(target: Target): boolean {
  try {
    requireAnonymous(target);
    return true;
  } catch {
    return false;
  }
}

/** anonymous.credential_types_supported, or undefined when the sub-block does not say. */
export function anonymousCredentialTypes(target: Target): string[] | undefined {
  const block = agentAuth(target).anonymous;
  return isObject(block) ? stringArray(block.credential_types_supported) : undefined;
}

/** The credential type a verified_email registration asks for: access_token when offered (it differs from the anonymous api_key). */
export function verifiedEmailCredentialType(target: Target): string {
  const block = agentAuth(target).identity_assertion;
  const offered = (isObject(block) ? stringArray(block.credential_types_supported) : undefined) ?? [];
  if (offered.includes("access_token")) return "access_token";
  if (offered.includes("api_key")) return "api_key";
  return "api_key";
}

/** A recipient no other check uses: the configured user address, plus-addressed with the tag. */
export function uniqueAddress(tag: string): string {
  return plusAddress(runtime().data.userEmail, `${tag}-${randomBytes(4).toString("hex")}`);
}

export function userActor(http: HttpClient, challengeUrl: string): UserActor {
  const pattern = mailboxSettings()?.linkPattern;
  return new BrowserUserV01({ http, challengeUrl, ...(pattern ? { linkPattern: new RegExp(pattern) } : {}) });
}

/**
 * A missing mail: `problem` for MAIL-* to fail with and the others to cite; `cause` when it is the
 * run's shared prerequisite "claim mail arrives" that is missing (then the others are blocked);
 * `overwritten` when the mail's place in the store holds a later mail (it was sent, then replaced).
 */
export type MailOutcome =
  | { mail: MailMessageJson; problem?: undefined; cause?: undefined; overwritten?: undefined }
  | { mail?: undefined; problem: string; cause?: Cause; overwritten?: true };

/** Which mail: a verified_email registration's verification mail, or the mail a POST /claim sends. */
export type MailFlow = "verified-email" | "anonymous";

/**
 * Prerequisite "claim mail arrives", per flow (a service may send one and not the other):
 * missing once a wait ran out before any mail of that flow arrived in this run.
 */
export const MAIL_CAUSES: Record<MailFlow, { id: string; what: string }> = {
  "verified-email": { id: "verification-mail", what: "No verification mail arrives for verified_email registrations" },
  anonymous: { id: "claim-mail", what: "No claim mail arrives after POST /claim" },
};
const arrived = new Set<MailFlow>();

/**
 * Wait (bounded by mail.waitMs) for the next mail to `to`. Never throws for a missing mail: the
 * message names the mailbox and the address. A mail is waited for once per flow: when a wait
 * ran out and no mail of that flow has arrived in this run, later calls return at once with
 * that cause. With the registration's id, a store keeping one mail per registration can tell an
 * overwritten mail (`overwritten: true`) from one that never came.
 */
export async function waitForClaimMail(to: string, flow: MailFlow, registrationId?: string): Promise<MailOutcome> {
  const client = mailboxClient();
  if (!client) {
    const cause: Cause = {
      id: "no-mailbox",
      title: "No mailbox is configured to read claim mail (mailbox.kind)",
      evidence: { message: "The claim ceremonies need the mailed link: configure mailbox (smtp, directory, http, mailpit or manual)." },
    };
    return { problem: `no mailbox is configured to read the claim mail for ${to} (mailbox.kind)`, cause };
  }
  const waitMs = mailboxSettings()?.waitMs;
  const { id, what } = MAIL_CAUSES[flow];
  const known = arrived.has(flow) ? undefined : await knownCause(id);
  if (known) return { problem: `Did not wait for a mail to ${to}: an earlier wait of this run found none. ${known.evidence.message}`, cause: known };
  try {
    const mail = await client.waitForMessage(to, registrationId ? { registrationId } : {});
    arrived.add(flow);
    return { mail };
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code === "mail_timeout") {
      const problem = `No claim mail for ${to} arrived at ${client.describe()} within ${waitMs} ms (mail.waitMs)`;
      if (arrived.has(flow)) return { problem };
      const evidence = {
        message: `${problem}. Does the service send this mail to the configured mailbox? (mail.waitMs sets the wait)`,
        data: { to, mailbox: client.describe(), waitMs },
      };
      settlePrerequisite(id, { ok: false, title: `${what} at ${client.describe()}`, evidence });
      return { problem, cause: (await knownCause(id))! };
    }
    if (e.code === "mail_overwritten") {
      // It was sent (then replaced): the flow's mail does arrive.
      arrived.add(flow);
      return { problem: e.message ?? `The mail for ${to} was overwritten`, overwritten: true };
    }
    return { problem: `Reading the claim mail for ${to} from ${client.describe()} failed: ${e.message ?? String(err)}` };
  }
}

/** A check that needed the mail ends: blocked by the shared cause, else not testable with the problem. */
export function mailMissing(outcome: { problem: string; cause?: Cause }): never {
  if (outcome.cause) blocked(outcome.cause);
  notTestable(outcome.problem);
}

export async function mailCount(to: string, registrationId?: string): Promise<number | undefined> {
  const client = mailboxClient();
  return client ? client.count(to, undefined, registrationId) : undefined;
}

/** Send an API probe with a bearer credential. */
export function sendProbe(http: HttpClient, probe: ApiProbe, credential: string): Promise<HttpResponse> {
  return http.send({
    method: probe.method,
    url: probe.url,
    headers: { authorization: `Bearer ${credential}` },
    ...(probe.body !== undefined ? { json: probe.body } : {}),
  });
}

export function writeProbe(target: Target): ApiProbe | undefined {
  return target.api.write;
}

/** How to configure a scope-guarded write route, for the checks that need one. */
export const WRITE_PROBE_HOW_TO =
  "set api.write to a request your pre-claim scopes may not make and your post-claim scopes may, e.g. in the config file:\n" +
  "  api:\n    write: { method: POST, path: /api/notes, body: { text: hello } }\n" +
  "(path is resolved against the PRM resource's origin). SCO-07 compares the scopes from the responses without it.";

/** The configured write probe, or `skip` with how to configure one: a missing route is no finding. */
export function requireWriteProbe(target: Target): ApiProbe {
  const probe = target.api.write;
  if (!probe) skip(`No scope-guarded write route is configured (api.write), so this check cannot judge scopes by use. To run it, ${WRITE_PROBE_HOW_TO}`);
  return probe;
}

export const ok = (res: HttpResponse | undefined): boolean => res !== undefined && res.status >= 200 && res.status < 300;

export function bodyOf(res: HttpResponse | undefined): Json {
  return isObject(res?.json) ? res.json : {};
}

export function errorOf(res: HttpResponse | undefined): string | undefined {
  const e = bodyOf(res).error;
  return typeof e === "string" ? e : undefined;
}

/** Does the response carry one of the documented codes for `keys` (every alias, or only --strict-codes')? */
export function documentedCode(res: HttpResponse | undefined, keys: readonly ErrorKey[]): ErrorMatch {
  const strict = runtime().data.settings.strictCodes as Vocabulary | undefined;
  return matchErrorCode(errorAliasesV01, res?.json, keys, strict);
}

/** "401 otp_invalid" for messages. */
export function describeAnswer(res: HttpResponse | undefined): string {
  if (!res) return "no answer";
  const code = errorOf(res);
  return `${res.status}${code ? ` ${code}` : ""}`;
}

/** Record what the run created; v0.1 gives agents no revoke for these flows. */
export async function recordCreated(createdBy: string, registrationId: unknown, registrationType: string, credential?: { type: unknown; value: unknown }): Promise<void> {
  if (typeof registrationId !== "string") return;
  await recordInLedger({
    registrationId,
    registrationType,
    createdBy,
    ...(credential && typeof credential.value === "string"
      ? { credentialType: typeof credential.type === "string" ? credential.type : "unknown", credential: credential.value }
      : {}),
    cleanup: "not-revocable",
  });
}

/** Attach the named steps of a shared ceremony as this check's evidence. */
export function attachSteps(ctx: CheckContext, steps: readonly { label: string; exchanges: unknown[] }[], labels: readonly string[]): void {
  const picked = steps.filter((s) => labels.some((l) => s.label === l || s.label.startsWith(`${l}:`)));
  ctx.evidence("ceremony", picked);
}
