import { randomUUID } from "node:crypto";
import type { HttpResponse } from "../../../src/http/client.ts";
import { assert, check } from "../../../src/suite/index.ts";
import { agentWith, errorCode, isObject } from "../support/agent.ts";
import { answered, freshHint, identityAssertionAdvertised } from "../support/ceremony.ts";
import { idJagWith, mintIdJagAuthTime } from "../support/id-jag.ts";

// Which words the profile endpoints refuse with (v0.7.md §11 ERR-03, ERR-04).

/** AUTH.md v0.7's table for refused ID-JAGs. */
const A7_CODES = ["issuer_not_enabled", "invalid_request"];
/** The services guide's (and the reference's) aliases (§15 P2). */
const S6_CODES = ["invalid_issuer", "invalid_signature", "expired", "replay_detected", "invalid_audience", "invalid_client_id", "missing_verified_email"];

check("ERR-03", async (ctx) => {
  identityAssertionAdvertised(ctx);
  const agent = agentWith(ctx, "identity");
  const present = (assertion: string) => agent.register({ type: "identity_assertion", assertion });
  const good = await idJagWith(ctx, {});
  const [h, p, sig] = good.split(".") as [string, string, string];
  const replayed = await idJagWith(ctx, {});
  await present(replayed);
  const probes: { label: string; res: HttpResponse }[] = [
    { label: "a tampered signature", res: await present(`${h}.${p}.${sig.slice(0, -2)}${sig.endsWith("AA") ? "BB" : "AA"}`) },
    { label: "an untrusted iss", res: await present(await idJagWith(ctx, { claims: { iss: "https://untrusted-provider.example" } })) },
    { label: "an exp an hour past", res: await present(await idJagWith(ctx, { now: Math.floor(Date.now() / 1000) - 3900, lifetimeSeconds: 300 })) },
    { label: "a replayed jti", res: await present(replayed) },
    { label: "a wrong aud", res: await present(await idJagWith(ctx, { audience: "https://other-service.example" })) },
    { label: "no verified email", res: await present(await idJagWith(ctx, { claims: { email_verified: false } })) },
  ];
  const seen = probes.map((probe) => ({ label: probe.label, status: probe.res.status, error: errorCode(probe.res) ?? null }));
  ctx.evidence("codes", seen);
  const refused = seen.filter((s) => s.status === 400);
  const a7 = refused.filter((s) => A7_CODES.includes(s.error ?? "")).length;
  const s6 = refused.filter((s) => S6_CODES.includes(s.error ?? "")).length;
  const vocabulary = a7 && s6 ? "mixed (AUTH.md table and services-guide aliases)" : s6 ? "the services guide's aliases (as the reference)" : a7 ? "AUTH.md v0.7's table" : "neither";
  ctx.evidence("vocabulary", vocabulary);
  ctx.note(`Refused ID-JAGs are answered in ${vocabulary}`);
  // Which of these refusals are right is each rule's own check (IDJ-*, AT-*); this row judges the words.
  const outside = refused.filter((s) => !A7_CODES.includes(s.error ?? "") && !S6_CODES.includes(s.error ?? ""));
  assert(outside.length === 0, `Refused ID-JAGs answered codes in neither AUTH.md v0.7's table nor the services guide's aliases: ${outside.map((s) => `${s.label} → ${s.error ?? "(no error)"}`).join("; ")}`, {
    expected: [...A7_CODES, ...S6_CODES],
    actual: seen,
  });
});

/** The description of a profile-endpoint error: error_description, or the reference's message (ERR-04). */
function described(res: HttpResponse): boolean {
  if (!isObject(res.json)) return false;
  return typeof res.json.error === "string" && (typeof res.json.error_description === "string" || typeof res.json.message === "string");
}

check("ERR-04", async (ctx) => {
  const agent = agentWith(ctx, "identity", "claim");
  const probes: { label: string; res: HttpResponse }[] = [
    { label: "identity_endpoint with an unknown type (400)", res: await agent.register({ type: "raw", body: { type: "magic_link" } }) },
    { label: "service_auth with login_hint \"not-an-email\" (400)", res: await agent.register({ type: "service_auth", loginHint: "not-an-email" }) },
    { label: "claim_endpoint with an unknown claim_token (401)", res: await agent.claim({ claimToken: `clt_unknown_${randomUUID()}`, loginHint: freshHint("err04") }) },
  ];
  if (isObject(ctx.target.agentAuth) && Array.isArray(ctx.target.agentAuth.identity_types_supported) && ctx.target.agentAuth.identity_types_supported.includes("identity_assertion")) {
    const { assertion } = await mintIdJagAuthTime(ctx, { authTime: "absent", maxAge: 3600 });
    probes.push({ label: "an ID-JAG without auth_time (401 login_required)", res: await agent.register({ type: "identity_assertion", assertion }) });
  }
  const seen = probes.filter((p) => p.res.status >= 400 && p.res.status < 500).map((p) => ({ label: p.label, described: described(p.res), answer: answered(p.res) }));
  ctx.evidence("errors", seen);
  const bare = seen.filter((s) => !s.described);
  assert(bare.length === 0, `Profile-endpoint errors without {error, error_description|message}: ${bare.map((s) => s.label).join("; ")}`, {
    expected: "{error, error_description} (or the reference's message on 400s)",
    actual: seen,
  });
});
