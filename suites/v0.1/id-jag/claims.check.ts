import type { CheckContext } from "../../../src/suite/index.ts";
import { check } from "../../../src/suite/index.ts";
import { idJagCases } from "../support/id-jag-forge.ts";
import { otherReading } from "../support/id-jag-logic.ts";
import { audienceDecision, idJagSetup, requireBaseline } from "../support/id-jag-setup.ts";

// ID-JAG claim checks (ID-JAG draft §3.1, §4.4.1; RFC 7519; the services guide's step 5). Each
// check submits the named forge cases of the mock provider and judges each by its expectation.

/** The body of a check that submits `cases` (valid baseline first, else blocked by idjag-baseline). */
function forgeCases(cases: readonly string[]) {
  return async (ctx: CheckContext): Promise<void> => {
    const setup = idJagSetup(ctx);
    const audience = await requireBaseline(ctx, setup);
    await idJagCases(ctx, setup, audience, cases);
  };
}

check("IDJAG-TYP-01", forgeCases(["typ-missing", "typ-jwt", "typ-at-jwt", "typ-logout"]));
check("IDJAG-TYP-02", forgeCases(["typ-media-type-form", "typ-uppercase"]));

check("IDJAG-ISS-01", forgeCases(["iss-untrusted"]));
check("IDJAG-ISS-02", forgeCases(["iss-missing", "iss-trailing-slash"]));
check("IDJAG-SUB-01", forgeCases(["sub-missing", "sub-empty"]));

check("IDJAG-AUD-01", forgeCases(["aud-other-service", "aud-missing"]));
check("IDJAG-AUD-02", forgeCases(["aud-trailing-slash"]));

check("IDJAG-AUD-03", async (ctx) => {
  const setup = idJagSetup(ctx);
  const audience = await requireBaseline(ctx, setup);
  const decided = (await audienceDecision(ctx, setup)).audience!;
  const other = otherReading(decided, setup.asIssuer, setup.resource);
  if (!other) {
    ctx.note(`The AS issuer and the PRM resource are the same string (${audience}): the two documented readings coincide`);
    return;
  }
  ctx.note(`The service accepts aud = ${decided.value} (${decided.reading} reading); the other reading (${other.reading}: ${other.value}) must be refused`);
  // aud-resource sets aud to ctx.resource: hand it the reading the service did not choose.
  await idJagCases(ctx, setup, audience, ["aud-resource"], { context: { resource: other.value } });
});

check("IDJAG-AUD-04", forgeCases(["aud-array-extra-member"]));
check("IDJAG-AUD-05", forgeCases(["aud-array-single"]));

check("IDJAG-EXP-01", forgeCases(["expired-outside-skew"]));
check("IDJAG-EXP-02", forgeCases(["expired-inside-skew"]));
check("IDJAG-EXP-03", forgeCases(["exp-missing", "exp-non-numeric"]));
check("IDJAG-IAT-01", forgeCases(["iat-missing"]));
check("IDJAG-IAT-02", forgeCases(["iat-future"]));
check("IDJAG-NBF-01", forgeCases(["nbf-future"]));
check("IDJAG-JTI-01", forgeCases(["jti-missing"]));

check("IDJAG-CID-01", forgeCases(["client-id-missing"]));
check("IDJAG-CID-02", forgeCases(["client-id-unknown"]));

check("IDJAG-VER-01", forgeCases(["email-verified-missing", "email-verified-false", "no-verified-email-or-phone"]));
check("IDJAG-VER-02", forgeCases(["email-verified-string"]));
check("IDJAG-VER-03", forgeCases(["phone-verified-only"]));
