import { assert, check, notTestable } from "../../../src/suite/index.ts";
import { agentWith, errorCode, exchange, registerAnonymous } from "../support/agent.ts";

// RFC 7009 revocation of access tokens (v0.7.md §8).

function hint401(headers: Record<string, string>): string {
  return headers["www-authenticate"] ?? "";
}

check("REV7009-01", async (ctx) => {
  const agent = agentWith(ctx, "identity", "token", "revocation");
  const reg = await registerAnonymous(ctx, agent);
  const { accessToken } = await exchange(agent, reg.assertion);
  const before = await agent.api(accessToken);
  if (before.status !== 200) {
    notTestable(`the fresh access_token is not accepted by the API (${before.status}; API-01 judges it)`);
  }
  const res = await agent.revoke(accessToken, "access_token");
  assert(res.status === 200, `POST revocation_endpoint token=<access_token>&token_type_hint=access_token answered ${res.status}, expected 200 (RFC 7009 §2.2)`, { expected: 200, actual: { status: res.status, body: res.text.slice(0, 200) } });
  const after = await agent.api(accessToken);
  ctx.evidence("afterRevocation", { status: after.status, "www-authenticate": hint401(after.headers) || null });
  assert(after.status === 401, `The revoked access_token still answers ${after.status} at the API, expected 401`, { expected: 401, actual: after.status });
  // The resource_metadata hint on this 401 is DISC-401-01's rule (its v0.7 third case).
  if (!/resource_metadata=/i.test(hint401(after.headers))) ctx.note("The 401 for the revoked token has no resource_metadata hint (DISC-401-01 judges it)");
});

check("REV7009-02", async (ctx) => {
  const agent = agentWith(ctx, "identity", "token", "revocation");
  const unknown = await agent.revoke(`unknown-${Date.now()}-not-a-token`, "access_token");
  ctx.outcome(unknown.status === 200 ? "ok" : "refused", "unknown");
  assert(unknown.status === 200, `Revoking an unknown token answered ${unknown.status} ${errorCode(unknown) ?? ""}, expected 200 (RFC 7009 §2.2: invalid tokens do not cause an error)`, {
    expected: 200,
    actual: { status: unknown.status, body: unknown.json ?? unknown.text.slice(0, 200) },
  });
  const reg = await registerAnonymous(ctx, agent);
  const { accessToken } = await exchange(agent, reg.assertion);
  await agent.revoke(accessToken, "access_token");
  const twice = await agent.revoke(accessToken, "access_token");
  assert(twice.status === 200, `Revoking an already revoked token answered ${twice.status}, expected 200 (RFC 7009 §2.2)`, { expected: 200, actual: { status: twice.status, body: twice.json ?? twice.text.slice(0, 200) } });
});

check("REV7009-03", async (ctx) => {
  const agent = agentWith(ctx, "identity", "token", "revocation");
  const reg = await registerAnonymous(ctx, agent);
  await exchange(agent, reg.assertion);
  // Re-use before any revocation is TOK-JWTB-02's rule: without it there is nothing to observe here.
  const reused = await agent.token.jwtBearer(reg.assertion);
  const accessToken = reused.status === 200 && typeof (reused.json as { access_token?: unknown } | undefined)?.access_token === "string" ? ((reused.json as { access_token: string }).access_token) : undefined;
  if (!accessToken) notTestable(`the identity_assertion cannot be exchanged twice even without a revocation (${reused.status}; TOK-JWTB-02 judges it)`);
  const revoked = await agent.revoke(accessToken, "access_token");
  if (revoked.status !== 200) notTestable(`the revocation answered ${revoked.status} (REV7009-01 judges it)`);
  const again = await agent.token.jwtBearer(reg.assertion);
  assert(again.status === 200, `After revoking one access_token, jwt-bearer with the registration's identity_assertion answered ${again.status}, expected 200 (AUTH.md v0.7 Revocation: the assertion lives on)`, {
    expected: 200,
    actual: { status: again.status, body: again.json ?? again.text.slice(0, 200) },
  });
});

check("REV7009-04", async (ctx) => {
  const agent = agentWith(ctx, "revocation");
  const res = await agent.revoke(undefined, "access_token");
  ctx.outcome(res.status === 200 ? "accepted" : errorCode(res) === "invalid_request" ? "refused" : "refused-other-code");
  assert(res.status === 400 && errorCode(res) === "invalid_request", `A revocation request without token answered ${res.status} ${errorCode(res) ?? ""}, expected 400 invalid_request (RFC 7009 §2.1: token is REQUIRED)`, {
    expected: { status: 400, error: "invalid_request" },
    actual: { status: res.status, body: res.json ?? res.text.slice(0, 200) },
  });
});

check("REV7009-05", async (ctx) => {
  const agent = agentWith(ctx, "identity", "token", "revocation");
  const reg = await registerAnonymous(ctx, agent);
  const { accessToken } = await exchange(agent, reg.assertion);
  const res = await agent.revoke(accessToken, "refresh_token");
  const code = errorCode(res);
  ctx.outcome(res.status === 200 ? "ignored" : code === "unsupported_token_type" ? "unsupported" : "refused-other-code");
  // §15 P5: the reference accepts only access_token (400 invalid_request); RFC 7009 §2.1 lets the AS ignore the hint.
  assert(res.status === 200 || code === "unsupported_token_type", `token_type_hint=refresh_token answered ${res.status} ${code ?? ""}; RFC 7009 §2.1 lets the server ignore the hint (200) or say unsupported_token_type, not ${code ?? res.status} (§15 P5: the reference answers invalid_request)`, {
    expected: "200, or 400 unsupported_token_type",
    actual: { status: res.status, body: res.json ?? res.text.slice(0, 200) },
  });
});
