import { assert, check } from "../../../src/suite/index.ts";
import { agentWith, errorCode, exchange, registerAnonymous } from "../support/agent.ts";
import { answered } from "../support/ceremony.ts";

// RFC 7009 on the identity_assertion itself (v0.7.md §8 REV7009-06): undocumented; the answer is
// judged only as RFC 7009 §2.2 answers any token, and what it does to the assertion is reported.

check("REV7009-06", async (ctx) => {
  const agent = agentWith(ctx, "identity", "token", "revocation");
  const reg = await registerAnonymous(ctx, agent);
  await exchange(agent, reg.assertion);
  const res = await agent.revoke(reg.assertion);
  const code = errorCode(res);
  const after = await agent.token.jwtBearer(reg.assertion);
  const behaviour = after.status === 200 ? "the assertion still mints (revocation ignored it)" : `the assertion no longer mints (${after.status} ${errorCode(after) ?? ""})`;
  ctx.evidence("behaviour", { revocation: answered(res), jwtBearerAfter: after.status });
  ctx.note(`Revoking the identity_assertion at revocation_endpoint answered ${res.status}${code ? ` ${code}` : ""}; ${behaviour}`);
  // RFC 7009 §2.2: 200 also for a token the server cannot revoke; §2.2.1 unsupported_token_type is the refusal.
  assert(res.status === 200 || (res.status === 400 && code === "unsupported_token_type"), `Revoking the identity_assertion at revocation_endpoint answered ${res.status} ${code ?? ""}; RFC 7009 answers 200 (revoked or not revocable) or 400 unsupported_token_type`, {
    expected: ["200", { status: 400, error: "unsupported_token_type" }],
    actual: answered(res),
  });
});
