import type { ErrorKey, IdJagPresentation } from "../../../src/profiles/types.ts";
import { assert, type CheckContext, check, fail, notTestable } from "../../../src/suite/index.ts";
import { isObject, requireAgentAuth, stringArray } from "../support/documents.ts";
import { runIdJagCase } from "../support/id-jag-forge.ts";
import { commonVocabularies, hasNoStore, judgeRejection, scopesOutside } from "../support/id-jag-logic.ts";
import {
  profileAliases,
  audienceDecision,
  callApi,
  type IdJagSetup,
  idJagSetup,
  isV07,
  mintValid,
  newSubject,
  registerAssertion,
  registered,
  requireBaseline,
  requireRegisterUri,
  strictVocabulary,
} from "../support/id-jag-setup.ts";

// The happy path of identity_assertion + ID-JAG (AUTH.md Step 3), per advertised credential type,
// and the registration errors that are not about the token: unsupported credential type, methods
// that are not enabled, and which error-code vocabulary the target speaks.

interface TypedRegistration {
  type: string;
  res: IdJagPresentation;
  credential?: string;
}

/** One valid ID-JAG registration per advertised credential type. */
async function registerEachType(ctx: CheckContext, setup: IdJagSetup, audience: string): Promise<TypedRegistration[]> {
  const out: TypedRegistration[] = [];
  for (const type of setup.credentialTypes) {
    const sub = newSubject();
    const res = await registerAssertion(ctx, setup, await mintValid(setup, { audience, subject: sub }), type);
    const reg = await registered(ctx, res, { iss: setup.issuer, sub, aud: audience });
    out.push({ type, res, ...(reg ? { credential: reg.credential } : {}) });
  }
  ctx.evidence("credential types", setup.credentialTypes);
  return out;
}

/** Registrations that must have succeeded for a check about their response to mean anything. */
function requireRegistered(all: TypedRegistration[]): Array<TypedRegistration & { credential: string }> {
  const refused = all.find((r) => r.credential === undefined);
  if (refused) notTestable(`a valid ID-JAG asking for ${refused.type} was refused with ${refused.res.status} (see IDJAG-BASE-01)`);
  return all as Array<TypedRegistration & { credential: string }>;
}

check("IDJAG-BASE-01", async (ctx) => {
  const setup = idJagSetup(ctx);
  const decision = await audienceDecision(ctx, setup);
  ctx.evidence("audience", decision.summary);
  ctx.evidence("baseline attempts", decision.tried);
  if (!decision.ok || !decision.audience) fail(decision.summary, { expected: "200 with a credential", actual: decision.tried });
  ctx.note(`ID-JAG audience: ${decision.summary}`);
  const problems: string[] = [];
  for (const { type, res } of await registerEachType(ctx, setup, decision.audience.value)) {
    const body = isObject(res.json) ? res.json : {};
    if (res.status !== 200) problems.push(`${type}: answered ${res.status}${typeof body.error === "string" ? ` ${body.error}` : ""}, expected 200`);
    else {
      if (body.registration_type !== "agent-provider") problems.push(`${type}: registration_type is ${JSON.stringify(body.registration_type)}, expected "agent-provider"`);
      if (body.credential_type !== type) problems.push(`${type}: credential_type is ${JSON.stringify(body.credential_type)}`);
      if (typeof body.credential !== "string" || body.credential.length === 0) problems.push(`${type}: no credential`);
      if (typeof body.registration_id !== "string") problems.push(`${type}: no registration_id`);
    }
  }
  assert(problems.length === 0, problems.join("; "), { expected: { registration_type: "agent-provider", credential_type: setup.credentialTypes } });
});

check("IDJAG-BASE-02", async (ctx) => {
  const setup = idJagSetup(ctx);
  const audience = await requireBaseline(ctx, setup);
  const refused: string[] = [];
  for (const { type, credential } of requireRegistered(await registerEachType(ctx, setup, audience))) {
    const res = await callApi(ctx, credential);
    if (res.status < 200 || res.status >= 300) refused.push(`${type}: ${ctx.target.api.read.method} ${ctx.target.api.read.url} answered ${res.status}`);
  }
  assert(refused.length === 0, `The issued credential does not work on the protected API: ${refused.join("; ")}`, { expected: "2xx" });
});

check("IDJAG-BASE-03", async (ctx) => {
  const setup = idJagSetup(ctx);
  const supported = stringArray(ctx.target.prm?.scopes_supported);
  if (!supported) notTestable("the PRM has no scopes_supported to compare with (see DISC-PRM-05)");
  const audience = await requireBaseline(ctx, setup);
  const problems: string[] = [];
  if (isV07(ctx)) {
    // v0.7 (SHARED_WITH_V0_1): the `scopes` of the identity_assertion response and the token's `scope`.
    const res = await registerAssertion(ctx, setup, await mintValid(setup, { audience, subject: newSubject() }));
    if (!res.accepted) notTestable(`a valid ID-JAG was refused with ${res.status} (see IDJ-02)`);
    const granted: Array<[string, unknown]> = [["the identity_assertion response's scopes", isObject(res.json) ? res.json.scopes : undefined], ["the access_token's scope", res.scopes]];
    for (const [where, scopes] of granted) {
      // A token response without `scope` is TOK-JWTB-01's finding: nothing to compare here.
      if (scopes === undefined && where.startsWith("the access_token")) {
        ctx.note(`${where}: the token response carries none (TOK-JWTB-01 judges it)`);
        continue;
      }
      const outside = scopesOutside(scopes, supported);
      if (outside === undefined) problems.push(`${where}: none`);
      else if (outside.length > 0) problems.push(`${where} grants ${outside.join(", ")} which scopes_supported does not list`);
      else ctx.evidence(where, scopes);
    }
    assert(problems.length === 0, problems.join("; "), { expected: supported, pointer: "/scopes" });
    return;
  }
  for (const { type, res } of requireRegistered(await registerEachType(ctx, setup, audience))) {
    const scopes = isObject(res.json) ? res.json.scopes : undefined;
    const outside = scopesOutside(scopes, supported);
    if (outside === undefined) problems.push(`${type}: the response has no scopes array`);
    else if (outside.length > 0) problems.push(`${type}: granted ${outside.join(", ")} which scopes_supported does not list`);
    else ctx.evidence(`scopes ${type}`, scopes);
  }
  assert(problems.length === 0, problems.join("; "), { expected: supported, pointer: "/scopes" });
});

check("IDJAG-BASE-04", async (ctx) => {
  const setup = idJagSetup(ctx);
  const audience = await requireBaseline(ctx, setup);
  const withRefresh = requireRegistered(await registerEachType(ctx, setup, audience))
    .filter(({ res }) => isObject(res.json) && res.json.refresh_token !== undefined)
    .map(({ type }) => type);
  assert(withRefresh.length === 0, `The registration response carries a refresh_token (${withRefresh.join(", ")}); ID-JAG registrations have no refresh flow`, {
    pointer: "/refresh_token",
    expected: "absent",
  });
});

check("IDJAG-BASE-05", async (ctx) => {
  const setup = idJagSetup(ctx);
  const audience = await requireBaseline(ctx, setup);
  const missing = requireRegistered(await registerEachType(ctx, setup, audience))
    .filter(({ res }) => !hasNoStore(res.response.headers["cache-control"]))
    .map(({ type, res }) => `${type}: Cache-Control ${JSON.stringify(res.response.headers["cache-control"] ?? null)}`);
  assert(missing.length === 0, `The response carrying the credential may be cached: ${missing.join("; ")}`, { expected: "Cache-Control: no-store" });
});

check("IDJAG-CRED-01", async (ctx) => {
  const setup = idJagSetup(ctx);
  const audience = await requireBaseline(ctx, setup);
  // A documented type the service does not advertise is the realistic mistake; else a made-up one.
  const unsupported = ["api_key", "access_token"].find((t) => !setup.credentialTypes.includes(t)) ?? "authmd_unsupported_credential_type";
  ctx.evidence("requested_credential_type", unsupported);
  const sub = newSubject();
  const res = await registerAssertion(ctx, setup, await mintValid(setup, { audience, subject: sub }), unsupported);
  await registered(ctx, res, { iss: setup.issuer, sub, aud: audience });
  const verdict = judgeRejection(res, ["CRED"], profileAliases(), strictVocabulary());
  if (verdict.kind === "not-testable") notTestable(verdict.message);
  assert(verdict.kind === "pass", `requested_credential_type "${unsupported}": ${verdict.kind === "fail" ? verdict.message : ""}`, {
    expected: "400 unsupported_credential_type",
    actual: { status: res.status, error: isObject(res.json) ? res.json.error : undefined },
  });
});

/** A registration method and how to probe it without creating anything when it is enabled. */
interface Method {
  name: string;
  field: string;
  code: string;
  advertised: boolean;
  body(credentialType: string): Record<string, unknown>;
}

check("IDJAG-OFF-01", async (ctx) => {
  const block = requireAgentAuth(ctx.target);
  const registerUri = requireRegisterUri(ctx);
  const assertionTypes = isObject(block.identity_assertion) ? (stringArray(block.identity_assertion.assertion_types_supported) ?? []) : [];
  // A distinct address: a mail the service might send must not reach the claim checks' user.
  const probeEmail = "authmd-method-probe@example.test";
  const methods: Method[] = [
    {
      name: "anonymous",
      field: "identity_types_supported",
      code: "anonymous_not_enabled",
      advertised: (stringArray(block.identity_types_supported) ?? []).includes("anonymous"),
      body: (credentialType) => ({ type: "anonymous", requested_credential_type: credentialType }),
    },
    {
      name: "verified_email",
      field: "identity_assertion.assertion_types_supported",
      code: "verified_email_not_enabled",
      advertised: assertionTypes.includes("verified_email"),
      body: (credentialType) => ({ type: "identity_assertion", assertion_type: "verified_email", assertion: probeEmail, requested_credential_type: credentialType }),
    },
  ];
  const problems: string[] = [];
  for (const method of methods) {
    // Enabled: an unsupported credential type must be refused for that reason, not as "not enabled"
    // (and nothing is created). Not enabled: a well-formed request must name the method as off.
    const res = await ctx.http.postJson(registerUri, method.body(method.advertised ? "authmd_unsupported_credential_type" : "api_key"));
    const error = isObject(res.json) && typeof res.json.error === "string" ? res.json.error : undefined;
    ctx.evidence(method.name, { advertised: method.advertised, status: res.status, error: error ?? null });
    if (res.status === 429) notTestable("the target answered 429 (rate limited)");
    if (method.advertised && error === method.code) problems.push(`${method.name} is advertised (${method.field}) but answered ${method.code}`);
    if (!method.advertised && (res.status !== 400 || error !== method.code)) {
      problems.push(`${method.name} is not advertised (${method.field}) but a well-formed request answered ${res.status} ${error ?? "(no error code)"}, expected 400 ${method.code}`);
    }
    if (res.status >= 500) problems.push(`${method.name}: answered ${res.status}`);
  }
  assert(problems.length === 0, problems.join("; "), { document: ctx.target.asMetadataUrl, pointer: "/agent_auth" });
});

check("IDJAG-VOC-01", async (ctx) => {
  const setup = idJagSetup(ctx);
  const audience = await requireBaseline(ctx, setup);
  const probes: Array<{ id: string; key: ErrorKey }> = [
    { id: "aud-other-service", key: "AUD" },
    { id: "expired-outside-skew", key: "EXP" },
    { id: "iss-untrusted", key: "ISS" },
    { id: "tampered-payload", key: "SIG" },
  ];
  const observed: Array<{ key: ErrorKey; code: string; case: string }> = [];
  for (const probe of probes) {
    const outcome = await runIdJagCase(ctx, setup, audience, probe.id);
    const last = outcome.answers[outcome.answers.length - 1]!;
    const code = isObject(last.json) && typeof last.json.error === "string" ? last.json.error : undefined;
    // Vocabulary only: that the code is documented at all is the case's own check.
    if (judgeRejection(last, [probe.key], profileAliases(), undefined, "required").kind !== "pass" || code === undefined) {
      notTestable(`${probe.id} was not refused with a documented code (${last.status} ${code ?? "no code"}); see IDJAG-CODE-01`);
    }
    observed.push({ key: probe.key, code, case: probe.id });
  }
  ctx.evidence("codes", observed);
  const common = commonVocabularies(observed, profileAliases());
  const strict = strictVocabulary();
  if (strict) {
    assert(common.includes(strict), `--strict-codes ${strict}: the target's codes (${observed.map((o) => o.code).join(", ")}) are not all from that vocabulary`, {
      expected: strict,
      actual: observed,
    });
  }
  assert(common.length > 0, `The target mixes vocabularies: ${observed.map((o) => `${o.key} → ${o.code}`).join(", ")}`, {
    expected: "one of auth.md, guides, spec-native",
    actual: observed,
  });
  ctx.note(`Error-code vocabulary: ${common.join(" / ")} (${observed.map((o) => o.code).join(", ")})`);
});
