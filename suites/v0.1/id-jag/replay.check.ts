import { randomBytes } from "node:crypto";
import { assert, check, notTestable } from "../../../src/suite/index.ts";
import { runIdJagCase, settle } from "../support/id-jag-forge.ts";
import { judgeRejection } from "../support/id-jag-logic.ts";
import { idJagSetup, isV07, mintValid, newSubject, profileAliases, registerAssertion, registered, requireBaseline, strictVocabulary } from "../support/id-jag-setup.ts";
import { twoIssuers } from "../support/issuers.ts";

// Replay protection: the (iss, jti) cache of the services guide ("Replay protection").

check("RPL-01", async (ctx) => {
  const setup = idJagSetup(ctx);
  const audience = await requireBaseline(ctx, setup);
  const sub = newSubject();
  const token = await mintValid(setup, { audience, subject: sub });
  const first = await registerAssertion(ctx, setup, token);
  if (!(await registered(ctx, first, { iss: setup.issuer, sub, aud: audience }))) {
    notTestable(`the first submission of a valid ID-JAG was refused with ${first.status} (see IDJAG-BASE-01)`);
  }
  const second = await registerAssertion(ctx, setup, token);
  await registered(ctx, second, { iss: setup.issuer, sub, aud: audience });
  const verdict = judgeRejection(second, ["RPL"], profileAliases(), strictVocabulary());
  if (verdict.kind === "not-testable") notTestable(verdict.message);
  assert(verdict.kind === "pass", `The same ID-JAG submitted again: ${verdict.kind === "fail" ? verdict.message : ""}`, {
    expected: "400 replay_detected",
    actual: second.status,
  });
  if (isV07(ctx)) await rejectedTokenReplay(ctx, setup, audience);
});

/**
 * v0.7.md IDJ-07 (SHARED_WITH_V0_1 RPL-01): the replay of a token the service REJECTED is refused
 * as a replay too (S6 records the jti before the email and auth_time checks, so a refused token is
 * burnt). A token without a verified email is refused; sent again it must answer replay_detected.
 */
async function rejectedTokenReplay(ctx: Parameters<typeof idJagSetup>[0], setup: ReturnType<typeof idJagSetup>, audience: string): Promise<void> {
  const sub = newSubject();
  const token = await mintValid(setup, { audience, subject: sub, claims: { email_verified: false } });
  const first = await registerAssertion(ctx, setup, token);
  if (first.accepted || first.status < 400 || first.status >= 500) {
    notTestable(`an ID-JAG with email_verified false answered ${first.status}, not a refusal (see IDJAG-VER-01); cannot judge the replay of a rejected token`);
  }
  const again = await registerAssertion(ctx, setup, token);
  ctx.evidence("rejected token replayed", { first: { status: first.status, error: first.code ?? null }, again: { status: again.status, error: again.code ?? null } });
  const verdict = judgeRejection(again, ["RPL"], profileAliases(), strictVocabulary(), "required");
  if (verdict.kind === "not-testable") notTestable(verdict.message);
  assert(verdict.kind === "pass", `A rejected ID-JAG (no verified email) submitted again: ${verdict.kind === "fail" ? verdict.message : ""}; v0.7 burns the jti of a rejected token too (S6 'Replay protection')`, {
    expected: "400 replay_detected",
    actual: { status: again.status, error: again.code ?? null },
  });
}

check("RPL-02", async (ctx) => {
  const setup = idJagSetup(ctx);
  const audience = await requireBaseline(ctx, setup);
  const outcome = await runIdJagCase(ctx, setup, audience, "jti-replayed", { context: { subject: newSubject() } });
  const first = outcome.answers[0]!;
  if (first.status < 200 || first.status >= 300) notTestable(`the first token of the pair was refused with ${first.status}`);
  settle([outcome]);
});

check("RPL-03", async (ctx) => {
  const setup = idJagSetup(ctx);
  const audience = await requireBaseline(ctx, setup);
  const { client: second, issuer: secondIssuer } = twoIssuers(ctx);
  const jti = `authmd-shared-${randomBytes(8).toString("hex")}`;
  ctx.evidence("shared jti", jti);
  const subA = newSubject();
  const a = await registerAssertion(ctx, setup, await mintValid(setup, { audience, subject: subA, claims: { jti } }));
  if (!(await registered(ctx, a, { iss: setup.issuer, sub: subA, aud: audience }))) {
    notTestable(`a valid ID-JAG from ${setup.issuer} was refused with ${a.status}`);
  }
  const subB = newSubject();
  const b = await registerAssertion(ctx, setup, await mintValid(setup, { audience, subject: subB, claims: { jti } }, second));
  if (await registered(ctx, b, { iss: secondIssuer, sub: subB, aud: audience })) return;
  // Refused: only a replay verdict says the cache ignores the issuer; anything else is another problem.
  if (judgeRejection(b, ["RPL"], profileAliases()).kind === "pass") {
    assert(false, `A token from ${secondIssuer} was refused as a replay of another issuer's jti: the replay cache ignores the issuer`, {
      expected: "200 (jti is unique per issuer)",
      actual: b.status,
    });
  }
  notTestable(`a valid ID-JAG from the second issuer ${secondIssuer} was refused with ${b.status} for another reason; cannot judge replay keying`);
});
