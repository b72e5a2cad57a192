// What every ID-JAG, signature, replay and revocation check needs: the mock provider, the
// profile's agent driver, the decided audience (one valid baseline per worker), and small helpers
// to register, call the API and record what the run created. The ID-JAG, signature and replay
// checks run in v0.1 and v0.7 (src/profiles/v0_7/shared.ts): every request goes through the run
// profile's agent driver (v0.1: register_uri; v0.7: identity_endpoint, then jwt-bearer).
import { randomBytes } from "node:crypto";
import { setTimeout } from "node:timers/promises";
import type { MockProviderClient } from "../../../mock-provider/client.ts";
import type { IdJagInput } from "../../../mock-provider/mint.ts";
import type { HttpResponse } from "../../../src/http/client.ts";
import { getProfile } from "../../../src/profiles/index.ts";
import { vocabularyV01 } from "../../../src/profiles/v0_1/vocabulary.ts";
import type { AgentDriver, ErrorAliases, IdJagPresentation, Vocabulary } from "../../../src/profiles/types.ts";
import { providerClient, providerSettings, recordInLedger } from "../../../src/suite/harness-clients.ts";
import { blocked, type CheckContext, notTestable, runtime, skip } from "../../../src/suite/index.ts";
import { isObject, isV07, requireAgentAuth, stringArray } from "./documents.ts";
import { isKeyLookupRefusal, keyLookupMessage } from "./key-lookup.ts";
import { type AudienceCandidate, type AudienceMode, audienceCandidates, judgeRejection } from "./id-jag-logic.ts";

export { isV07 } from "./documents.ts";

export const ID_JAG_ASSERTION_TYPE = "urn:ietf:params:oauth:token-type:id-jag";

/** The run profile's error-code aliases (v0.7 drops v0.1's removed codes: v0.7.md ERR-05). */
export function profileAliases(): ErrorAliases {
  return getProfile(runtime().data.target.profile).errors;
}

/** v0.7.md §4.1: a provider ID-JAG without a fresh auth_time is refused (401 login_required). */
export function freshAuthTime(): number {
  return Math.floor(Date.now() / 1000) - 5;
}

export function strictVocabulary(): Vocabulary | undefined {
  return runtime().data.settings.strictCodes as Vocabulary | undefined;
}

export interface IdJagSetup {
  provider: MockProviderClient;
  /** The mock provider's issuer (the `iss` of everything it mints). */
  issuer: string;
  /** The run profile's agent driver: every ID-JAG is presented through it. */
  driver: AgentDriver;
  /** Whether minted ID-JAGs carry a fresh auth_time (v0.7, §4.1). */
  needsAuthTime: boolean;
  /** v0.1: identity_assertion.credential_types_supported, as advertised, less values outside v0.1. v0.7: none. */
  credentialTypes: string[];
  /** The AS issuer (AS metadata `issuer`, else authorization_servers[0]) and the PRM resource. */
  asIssuer: string | undefined;
  resource: string | undefined;
}

/** A fresh, recognisable user id for one scenario. */
export function newSubject(label = "user"): string {
  return `authmd-${label}-${randomBytes(6).toString("hex")}`;
}

/** Skip when ID-JAG is not advertised; not testable when a prerequisite of the harness is missing. */
export function idJagSetup(ctx: CheckContext): IdJagSetup {
  const block = requireAgentAuth(ctx.target);
  const assertion = isObject(block.identity_assertion) ? block.identity_assertion : undefined;
  const assertionTypes = stringArray(assertion?.assertion_types_supported) ?? [];
  if (!assertionTypes.includes(ID_JAG_ASSERTION_TYPE)) {
    skip(`agent_auth.identity_assertion.assertion_types_supported does not list ${ID_JAG_ASSERTION_TYPE}`);
  }
  const provider = providerClient();
  const settings = providerSettings();
  if (!provider || !settings) {
    blocked({
      id: "no-provider",
      title: "No mock agent provider (provider.mode is off)",
      evidence: { message: "ID-JAG, signature, replay and revocation checks need the mock provider on the target's trust list: set provider.mode to live (or key)." },
    });
  }
  const asIssuer = typeof ctx.target.asMetadata?.issuer === "string" ? ctx.target.asMetadata.issuer : ctx.target.authorizationServer;
  const driver = getProfile(ctx.target.profile).agent(ctx.http, ctx.target);
  const common = { provider, issuer: settings.issuer, driver, asIssuer, resource: ctx.target.resource };
  if (isV07(ctx)) {
    // v0.7: the ID-JAG goes to identity_endpoint; no credential types (CL v0.2.0).
    if (typeof block.identity_endpoint !== "string") {
      blocked({ id: "v07-no-identity-endpoint", title: "Discovery found no agent_auth.identity_endpoint", evidence: { message: "Every registration is POSTed to agent_auth.identity_endpoint (DISC-AA-01 judges it).", data: { agentAuth: ctx.target.agentAuth } } });
    }
    return { ...common, needsAuthTime: true, credentialTypes: [] };
  }
  requireRegisterUri(ctx);
  const advertised = stringArray(assertion?.credential_types_supported) ?? [];
  if (advertised.length === 0) notTestable("agent_auth.identity_assertion.credential_types_supported is empty (see DISC-AA-03)");
  // Values outside the profile's vocabulary are DISC-AA-04's finding; exercising them here would
  // fail every ID-JAG check for one wrong word in the metadata.
  const credentialTypes = advertised.filter((t) => vocabularyV01.credentialTypes.includes(t));
  if (credentialTypes.length === 0) notTestable(`no credential type of v0.1 is advertised (${advertised.join(", ")}; see DISC-AA-04)`);
  return { ...common, needsAuthTime: false, credentialTypes };
}

/** A valid ID-JAG from `provider` (default the setup's), with a fresh auth_time where the profile needs one. */
export function mintValid(setup: IdJagSetup, input: IdJagInput, provider: MockProviderClient = setup.provider): Promise<string> {
  if (!setup.needsAuthTime) return provider.mintIdJag(input);
  return provider.mintIdJag({ ...input, claims: { auth_time: freshAuthTime(), ...input.claims } });
}

/** agent_auth.register_uri, or blocked: every registration is POSTed there (DISC-AA-01 judges it). */
export function requireRegisterUri(ctx: CheckContext): string {
  const registerUri = ctx.target.endpoints.register;
  if (!registerUri) {
    blocked({ id: "no-register-uri", title: "agent_auth has no register_uri (see DISC-AA-01)", evidence: { message: "Every registration is POSTed to agent_auth.register_uri.", data: { agentAuth: ctx.target.agentAuth } } });
  }
  return registerUri;
}

/** Present an ID-JAG through the profile's agent driver (v0.1 asks for a credential type). */
export function registerAssertion(_ctx: CheckContext, setup: IdJagSetup, assertion: string, credentialType = setup.credentialTypes[0]): Promise<IdJagPresentation> {
  return setup.driver.presentIdJag(assertion, credentialType !== undefined ? { credentialType } : {});
}

export interface Registered {
  registrationId: string;
  /** The API credential (v0.7: the jwt-bearer access_token; absent when the exchange failed). */
  credential?: string;
  credentialType: string;
}

/** The registration of an accepted presentation (recorded in the ledger), or undefined. */
export async function registered(
  ctx: CheckContext,
  presented: IdJagPresentation,
  delegation: { iss: string; sub: string; aud: string },
): Promise<Registered | undefined> {
  if (!presented.accepted) return undefined;
  const registrationId = presented.registrationId ?? "(none)";
  const credentialType = presented.credentialType ?? "(none)";
  await recordInLedger({
    registrationId,
    registrationType: presented.registrationType ?? "agent-provider",
    createdBy: ctx.requirement.id,
    credentialType,
    ...(presented.credential ? { credential: presented.credential } : {}),
    delegation,
  });
  return { registrationId, credentialType, ...(presented.credential ? { credential: presented.credential } : {}) };
}

/** Call the configured read probe with a bearer credential (through the profile's driver). */
export function callApi(ctx: CheckContext, credential: string): Promise<HttpResponse> {
  return getProfile(ctx.target.profile).agent(ctx.http, ctx.target).callApi(credential);
}

// --- the baseline: one valid ID-JAG decides the audience, once per worker ----------------------

export interface AudienceDecision {
  ok: boolean;
  audience?: AudienceCandidate;
  /** In words, for evidence and "Not testable" messages. */
  summary: string;
  tried: Array<{ aud: string; reading: string; status: number; error?: string }>;
}

let decision: Promise<AudienceDecision> | undefined;

/** Forget the decision (after a key rotation on the primary provider, the baseline must be re-proven). */
export function invalidateBaseline(): void {
  decision = undefined;
}

async function decide(ctx: CheckContext, setup: IdJagSetup): Promise<AudienceDecision> {
  const mode = (runtime().data.settings.audience ?? "auto") as AudienceMode;
  const candidates = audienceCandidates(mode, setup.asIssuer, setup.resource);
  if (candidates.length === 0) {
    return { ok: false, tried: [], summary: `audience mode "${mode}" found no value: neither the AS issuer nor the PRM resource was discovered` };
  }
  const tried: AudienceDecision["tried"] = [];
  let keyLookup: string | undefined;
  for (const candidate of candidates) {
    let { sub, res } = await baselineAttempt(ctx, setup, candidate.value);
    if (keyLookup === undefined && isKeyLookupRefusal(res)) {
      // Said once and retried once per decision: a JWKS fetch may be in flight, or the issuer untrusted.
      keyLookup = await keyLookupPause(setup);
      ({ sub, res } = await baselineAttempt(ctx, setup, candidate.value));
    }
    const error = isObject(res.json) && typeof res.json.error === "string" ? res.json.error : undefined;
    tried.push({ aud: candidate.value, reading: candidate.reading, status: res.status, ...(error ? { error } : {}) });
    if (await registered(ctx, res, { iss: setup.issuer, sub, aud: candidate.value })) {
      const fallback = tried.length > 1
        ? ` The AS issuer reading (ID-JAG draft) was refused; the service expects aud = the PRM resource (AUTH.md Step 3).`
        : "";
      const retried = keyLookup ? ` First ${keyLookup}; accepted on the retry.` : "";
      return { ok: true, audience: candidate, tried, summary: `aud = ${candidate.value} (${candidate.reading} reading) is accepted.${fallback}${retried}` };
    }
    // auto: move to the other documented reading unless the refusal is plainly not about the
    // audience (an issuer code, a rate limit, a server error). The sources fix no single audience
    // code, so a 4xx with another code (invalid_signature, invalid_request) may still be about aud.
    const aboutIssuer = judgeRejection(res, ["ISS"], profileAliases(), undefined, "required").kind === "pass" && error !== "invalid_grant";
    const refusal = res.status >= 400 && res.status < 500 && res.status !== 429;
    if (mode !== "auto" || !refusal || aboutIssuer) break;
  }
  const last = tried[tried.length - 1]!;
  const lastAnswer = { status: last.status, json: { error: last.error } };
  const hint =
    judgeRejection(lastAnswer, ["AUD"], profileAliases(), undefined, "required").kind === "pass" && last.error !== "invalid_grant"
      ? mode === "auto"
        ? " It accepts neither documented audience reading (AS issuer, PRM resource); set audience to the URL it expects."
        : ` It refuses this audience (audience: ${mode}); try audience: auto.`
      : judgeRejection(lastAnswer, ["ISS"], profileAliases(), undefined, "required").kind === "pass" && last.error !== "invalid_grant"
        ? ` Add the mock provider to its trust list: ${JSON.stringify({ issuer: setup.issuer })}.`
        : " Is the mock provider on its trust list, and does it reach the provider's JWKS?";
  return {
    ok: false,
    tried,
    summary: keyLookup
      ? `${keyLookup} (aud ${last.aud}: ${last.status}${last.error ? ` ${last.error}` : ""}, also on one retry). Check the issuer on its trust list and that it can reach the JWKS; a new kid is served when the provider's keys are new (provider.stateDir keeps them between runs).`
      : `the target refused a valid ID-JAG from the mock provider ${setup.issuer} (aud ${last.aud}: ${last.status}${last.error ? ` ${last.error}` : ""}).${hint}`,
  };
}

async function baselineAttempt(ctx: CheckContext, setup: IdJagSetup, audience: string): Promise<{ sub: string; res: IdJagPresentation }> {
  const sub = newSubject("baseline");
  const token = await mintValid(setup, { audience, subject: sub });
  return { sub, res: await registerAssertion(ctx, setup, token) };
}

/** Name the key the target refused, then wait provider.baselineRetryMs before the one retry. */
async function keyLookupPause(setup: IdJagSetup): Promise<string> {
  const settings = providerSettings();
  const { currentKid } = await setup.provider.keys();
  await setTimeout(settings?.baselineRetryMs ?? 0);
  return keyLookupMessage(currentKid, setup.issuer, settings?.jwksUri ?? `${setup.issuer}/.well-known/jwks.json`);
}

/** The decided audience (deciding it on first use). */
export function audienceDecision(ctx: CheckContext, setup: IdJagSetup): Promise<AudienceDecision> {
  decision ??= decide(ctx, setup);
  return decision;
}

/** Cause id of a refused valid baseline ID-JAG: every check judging broken tokens is blocked by it. */
export const IDJAG_BASELINE = "idjag-baseline";

/** The audience a valid token carries, or blocked (one cause for the run) when the valid baseline was refused. */
export async function requireBaseline(ctx: CheckContext, setup: IdJagSetup): Promise<string> {
  const d = await audienceDecision(ctx, setup);
  ctx.evidence("audience", d.summary);
  if (!d.ok || !d.audience) {
    blocked({
      id: IDJAG_BASELINE,
      title: `The target refuses a valid ID-JAG from the mock provider ${setup.issuer}`,
      evidence: { message: `${d.summary} Verdicts on broken tokens would mean nothing while a valid one is refused (see IDJAG-BASE-01).`, data: { tried: d.tried } },
    });
  }
  return d.audience.value;
}
