import type { RemoteForgeCase } from "../../../mock-provider/client.ts";
import type { HttpResponse } from "../../../src/http/client.ts";
import { assert, type CheckContext, check, notTestable } from "../../../src/suite/index.ts";
import { buildForge, type CaseOutcome, forgeCase, report, settle } from "../support/id-jag-forge.ts";
import { judgeRejection, type Verdict } from "../support/id-jag-logic.ts";
import { awaitRefused, type Held, holdCredential, postLogout, requireLogoutBaseline, type RevocationSetup, revocationSetup, works } from "../support/id-jag-revocation.ts";
import { profileAliases, newSubject, strictVocabulary } from "../support/id-jag-setup.ts";
import { twoIssuers } from "../support/issuers.ts";

// Provider-driven revocation (services guide "Revocation"; OIDC Back-Channel Logout §2.4–2.8):
// a logout token revokes every credential of its (iss, sub, aud), and nothing else.

/** A logout token is accepted with any 2xx (BCL §2.8 says 200; frameworks may send 204). */
function judgeLogout(forge: RemoteForgeCase, answer: HttpResponse): Verdict {
  if (forge.expect.accept) {
    return answer.status >= 200 && answer.status < 300 ? { kind: "pass" } : { kind: "fail", message: `refused with ${answer.status}; expected 200` };
  }
  // Services guide "Revocation", step 4: "400 on verification failure", with no error code.
  return judgeRejection(answer, forge.expect.errorKeys, profileAliases(), strictVocabulary(), "reported");
}

/** The two credentials REV-01 holds for one user: both advertised types, else two of the one type. */
function twoCredentialTypes(setup: RevocationSetup): [string, string] {
  const types = setup.credentialTypes;
  if (types.includes("access_token") && types.includes("api_key")) return ["access_token", "api_key"];
  return [types[0]!, types[0]!];
}

/**
 * Each broken logout case names a victim who holds a working credential: the token must be
 * refused and the victim's credential must still work afterwards.
 */
/**
 * The services guide's "On receipt" steps for a logout token verify its signature and jti only, and
 * its token omits exp: the auth.md docs adopt the Back-Channel Logout token only in part. A rule
 * that only the Back-Channel Logout spec states is therefore SHOULD here, and says why.
 */
const BCL_ONLY =
  "The sources differ: the services guide's 'On receipt' steps verify the signature and jti only (and its example omits exp), " +
  "while OpenID Back-Channel Logout §2.4/§2.6 also require this check; the Back-Channel Logout reading is recommended";

function brokenLogouts(cases: readonly string[], conflict?: string) {
  return async (ctx: CheckContext): Promise<void> => {
    const setup = await revocationSetup(ctx);
    await requireLogoutBaseline(ctx, setup);
    const outcomes: CaseOutcome[] = [];
    for (const id of cases) {
      const sub = newSubject("victim");
      const victim = await holdCredential(ctx, setup, `victim of ${id}`, sub);
      const forge = await forgeCase(setup.provider, id);
      const answers: HttpResponse[] = [];
      for (const token of await buildForge(setup.provider, id, { audience: setup.audience, subject: sub })) {
        answers.push(await postLogout(ctx, setup, token));
      }
      let verdict = judgeLogout(forge, answers[answers.length - 1]!);
      if (verdict.kind === "pass" && !(await works(ctx, victim))) {
        verdict = { kind: "fail", message: "refused, yet the victim's credential no longer works" };
      }
      report(ctx, forge, verdict, answers);
      outcomes.push({ id, verdict, answers });
    }
    settle(outcomes, conflict);
  };
}

check("REV-01", async (ctx) => {
  const setup = await revocationSetup(ctx);
  const sub = newSubject("x");
  const [typeA, typeB] = twoCredentialTypes(setup);
  const held = [await holdCredential(ctx, setup, `X ${typeA}`, sub, { credentialType: typeA }), await holdCredential(ctx, setup, `X ${typeB} (2)`, sub, { credentialType: typeB })];
  const res = await postLogout(ctx, setup, await setup.provider.mintLogout({ audience: setup.audience, subject: sub }));
  assert(res.status >= 200 && res.status < 300, `A valid logout token answered ${res.status}, expected 200`, { expected: 200, actual: res.status });
  const waited = await awaitRefused(ctx, held);
  ctx.evidence("revocation delay", { elapsedMs: waited.elapsedMs, probes: waited.attempts, statuses: waited.statuses });
  assert(waited.refused, `Credentials of the revoked (iss, sub, aud) still work ${waited.elapsedMs} ms after the logout token: ${JSON.stringify(waited.statuses)}`, {
    expected: "401 for every credential of the user",
    actual: waited.statuses,
  });
  const not401 = Object.entries(waited.statuses).filter(([, status]) => status !== 401);
  assert(not401.length === 0, `Revoked credentials answered ${not401.map(([l, s]) => `${l}: ${s}`).join(", ")}, expected 401 (AUTH.md: "the next API call returning 401")`, {
    expected: 401,
    actual: waited.statuses,
  });
  ctx.note(`Revocation showed on the API after ${waited.elapsedMs} ms (${waited.attempts} probe round(s))`);
});

/** Revoke X at the primary issuer and report whether `other` survives. */
async function revokeXKeep(ctx: CheckContext, setup: RevocationSetup, x: Held, other: Held): Promise<void> {
  const res = await postLogout(ctx, setup, await setup.provider.mintLogout({ audience: setup.audience, subject: x.sub }));
  if (res.status < 200 || res.status >= 300) notTestable(`the valid logout token for X answered ${res.status} (see REV-01)`);
  const waited = await awaitRefused(ctx, [x]);
  if (!waited.refused) notTestable("X's credential was never revoked (see REV-01)");
  assert(await works(ctx, other), `Revoking (${x.iss}, ${x.sub}) also revoked ${other.label} (${other.iss}, ${other.sub})`, {
    expected: `${other.label} keeps working`,
  });
}

check("REV-02", async (ctx) => {
  const setup = await revocationSetup(ctx);
  const x = await holdCredential(ctx, setup, "X", newSubject("x"));
  const y = await holdCredential(ctx, setup, "Y (another sub, same issuer)", newSubject("y"));
  await revokeXKeep(ctx, setup, x, y);
});

check("REV-03", async (ctx) => {
  const setup = await revocationSetup(ctx);
  const { client: second, issuer: secondIssuer } = twoIssuers(ctx);
  const sub = newSubject("x");
  const x = await holdCredential(ctx, setup, "X", sub);
  const xElsewhere = await holdCredential(ctx, setup, "X at the second issuer", sub, { provider: second, issuer: secondIssuer });
  await revokeXKeep(ctx, setup, x, xElsewhere);
});

check("REV-04", brokenLogouts(["logout-bad-signature", "logout-alg-none"]));
check("REV-05", brokenLogouts(["logout-wrong-aud"]));
check("REV-06", brokenLogouts(["logout-untrusted-iss"]));
check("REV-07", brokenLogouts(["logout-events-missing", "logout-events-wrong-uri", "logout-events-member-not-object"], BCL_ONLY));
check("REV-08", brokenLogouts(["logout-nonce-present"], BCL_ONLY));
check("REV-09", brokenLogouts(["logout-sub-missing"]));
check("REV-10", brokenLogouts(["logout-iat-missing"], BCL_ONLY));

check("REV-11", async (ctx) => {
  const setup = await revocationSetup(ctx);
  await requireLogoutBaseline(ctx, setup);
  const sub = newSubject("x");
  const before = await holdCredential(ctx, setup, "credential before the first logout", sub);
  const [first, replay] = await buildForge(setup.provider, "logout-jti-replayed", { audience: setup.audience, subject: sub });
  const firstRes = await postLogout(ctx, setup, first!);
  if (firstRes.status < 200 || firstRes.status >= 300) notTestable(`the first (valid) logout token answered ${firstRes.status} (see REV-01)`);
  if (!(await awaitRefused(ctx, [before])).refused) notTestable("the first logout token did not revoke (see REV-01)");
  // A credential issued after the revocation must survive a replay of the old logout token.
  const after = await holdCredential(ctx, setup, "credential issued after the first logout", sub);
  const replayRes = await postLogout(ctx, setup, replay!);
  // The guide says "Enforce jti uniqueness" for logout tokens and names no code: the refusal is judged.
  const verdict = judgeRejection(replayRes, ["RPL"], profileAliases(), strictVocabulary(), "reported");
  report(ctx, await forgeCase(setup.provider, "logout-jti-replayed"), verdict, [firstRes, replayRes]);
  if (verdict.kind === "not-testable") notTestable(verdict.message);
  assert(verdict.kind === "pass", `The replayed logout token: ${verdict.kind === "fail" ? verdict.message : ""}`, { expected: "400 (a refusal)", actual: replayRes.status });
  assert(await works(ctx, after), "The replayed logout token was refused, yet the credential issued after the first logout no longer works");
});

check("REV-12", brokenLogouts(["logout-id-jag-as-logout"]));
check("REV-13", brokenLogouts(["logout-typ-missing"]));

check("REV-14", async (ctx) => {
  const setup = await revocationSetup(ctx);
  const sub = newSubject("x");
  const held = await holdCredential(ctx, setup, "X", sub);
  const [token] = await buildForge(setup.provider, "logout-exp-missing", { audience: setup.audience, subject: sub });
  const res = await postLogout(ctx, setup, token!);
  const forge = await forgeCase(setup.provider, "logout-exp-missing");
  const verdict = judgeLogout(forge, res);
  report(ctx, forge, verdict, [res]);
  assert(verdict.kind === "pass", `A logout token without exp (the auth.md example's shape) was refused with ${res.status}`, {
    expected: 200,
    actual: res.status,
  });
  const waited = await awaitRefused(ctx, [held]);
  assert(waited.refused, "The logout token without exp was accepted but did not revoke the user's credential", { actual: waited.statuses });
});

check("REV-15", async (ctx) => {
  const setup = await revocationSetup(ctx);
  const forge = await forgeCase(setup.provider, "logout-baseline");
  const [token] = await buildForge(setup.provider, "logout-baseline", { audience: setup.audience, subject: newSubject("nobody") });
  const res = await postLogout(ctx, setup, token!);
  const verdict = judgeLogout(forge, res);
  report(ctx, forge, verdict, [res]);
  assert(verdict.kind === "pass", `A valid logout token for a sub with no credentials answered ${res.status}, expected 200`, { expected: 200, actual: res.status });
});
