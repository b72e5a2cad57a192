import { randomBytes } from "node:crypto";
import { assert, check, notTestable } from "../../../src/suite/index.ts";
import { runIdJagCase, settle } from "../support/id-jag-forge.ts";
import { judgeRejection } from "../support/id-jag-logic.ts";
import { aliases, idJagSetup, newSubject, registerAssertion, registered, requireBaseline, strictVocabulary } from "../support/id-jag-setup.ts";
import { twoIssuers } from "../support/issuers.ts";

// Replay protection: the (iss, jti) cache of the services guide ("Replay protection").

check("RPL-01", async (ctx) => {
  const setup = idJagSetup(ctx);
  const audience = await requireBaseline(ctx, setup);
  const sub = newSubject();
  const token = await setup.provider.mintIdJag({ audience, subject: sub });
  const first = await registerAssertion(ctx, setup, token);
  if (!(await registered(ctx, first, { iss: setup.issuer, sub, aud: audience }))) {
    notTestable(`the first submission of a valid ID-JAG was refused with ${first.status} (see IDJAG-BASE-01)`);
  }
  const second = await registerAssertion(ctx, setup, token);
  await registered(ctx, second, { iss: setup.issuer, sub, aud: audience });
  const verdict = judgeRejection(second, ["RPL"], aliases, strictVocabulary());
  if (verdict.kind === "not-testable") notTestable(verdict.message);
  assert(verdict.kind === "pass", `The same ID-JAG submitted again: ${verdict.kind === "fail" ? verdict.message : ""}`, {
    expected: "400 replay_detected",
    actual: second.status,
  });
});

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
  const a = await registerAssertion(ctx, setup, await setup.provider.mintIdJag({ audience, subject: subA, claims: { jti } }));
  if (!(await registered(ctx, a, { iss: setup.issuer, sub: subA, aud: audience }))) {
    notTestable(`a valid ID-JAG from ${setup.issuer} was refused with ${a.status}`);
  }
  const subB = newSubject();
  const b = await registerAssertion(ctx, setup, await second.mintIdJag({ audience, subject: subB, claims: { jti } }));
  if (await registered(ctx, b, { iss: secondIssuer, sub: subB, aud: audience })) return;
  // Refused: only a replay verdict says the cache ignores the issuer; anything else is another problem.
  if (judgeRejection(b, ["RPL"], aliases).kind === "pass") {
    assert(false, `A token from ${secondIssuer} was refused as a replay of another issuer's jti: the replay cache ignores the issuer`, {
      expected: "200 (jti is unique per issuer)",
      actual: b.status,
    });
  }
  notTestable(`a valid ID-JAG from the second issuer ${secondIssuer} was refused with ${b.status} for another reason; cannot judge replay keying`);
});
