import { JWT_BEARER_GRANT } from "../../../src/profiles/v0_7/vocabulary.ts";
import { assert, check } from "../../../src/suite/index.ts";
import { agentWith, errorCode, exchange, isObject, registerAnonymous } from "../support/agent.ts";

// POST token_endpoint, common rules (v0.7.md §7.1).

/** A syntactically valid JWS nobody signed: a bad assertion for error-shape checks. */
const GARBAGE_ASSERTION = "eyJhbGciOiJFUzI1NiIsInR5cCI6Im9hdXRoLWlkLWphZytqd3QifQ.eyJzdWIiOiJub2JvZHkifQ.c2lnbmF0dXJl";

check("TOK-01", async (ctx) => {
  const agent = agentWith(ctx, "token");
  for (const [label, fields] of [
    ["grant_type=foo", { grant_type: "foo" }],
    ["grant_type=authorization_code", { grant_type: "authorization_code", code: "x" }],
    ["no grant_type", {}],
  ] as const) {
    const res = await agent.token.form(fields);
    const code = errorCode(res);
    // RFC 6749 §5.2 answers a missing parameter with invalid_request; v0.7.md asks unsupported_grant_type: accept both there.
    const allowed = label === "no grant_type" ? ["unsupported_grant_type", "invalid_request"] : ["unsupported_grant_type"];
    ctx.outcome(res.status === 200 ? "accepted" : allowed.includes(code ?? "") ? "refused" : "refused-other-code", label);
    assert(res.status === 400 && allowed.includes(code ?? ""), `${label} answered ${res.status} ${code ?? ""}, expected 400 ${allowed.join(" or ")} (RFC 6749 §5.2)`, {
      expected: { status: 400, error: allowed },
      actual: { status: res.status, body: res.json ?? res.text.slice(0, 200) },
    });
  }
});

check("TOK-02", async (ctx) => {
  const agent = agentWith(ctx, "token");
  const res = await agent.token.jwtBearer(GARBAGE_ASSERTION);
  const body = isObject(res.json) ? res.json : undefined;
  const details = { expected: { status: 400, body: "{error, error_description?}" }, actual: { status: res.status, body: res.json ?? res.text.slice(0, 200) } };
  assert(res.status === (errorCode(res) === "invalid_client" ? 401 : 400), `A refused jwt-bearer answered ${res.status}, expected 400 (401 only for invalid_client; RFC 6749 §5.2)`, details);
  assert(body && typeof body.error === "string", "The token error body has no `error` member (RFC 6749 §5.2)", details);
  assert(body.error_description === undefined || typeof body.error_description === "string", "error_description is not a string", details);
  // RFC 6749 §5.2 names the description error_description; a description under another name is not RFC 6749's shape.
  const other = ["message", "description", "detail"].filter((k) => k in body);
  assert(other.length === 0 || "error_description" in body, `The token error describes itself in ${other.join(", ")} instead of RFC 6749's error_description`, details);
});

check("TOK-03", async (ctx) => {
  const agent = agentWith(ctx, "identity", "token");
  const reg = await registerAnonymous(ctx, agent);
  const { response } = await exchange(agent, reg.assertion);
  const cacheControl = response.headers["cache-control"] ?? "";
  const pragma = response.headers.pragma ?? "";
  ctx.evidence("headers", { "cache-control": cacheControl || null, pragma: pragma || null });
  assert(/\bno-store\b/i.test(cacheControl), `The token response's Cache-Control is ${JSON.stringify(cacheControl || null)}, expected no-store (RFC 6749 §5.1)`, { expected: "no-store", actual: cacheControl || null });
  assert(/\bno-cache\b/i.test(pragma), `The token response's Pragma is ${JSON.stringify(pragma || null)}, expected no-cache (RFC 6749 §5.1)`, { expected: "no-cache", actual: pragma || null });
});

check("TOK-04", async (ctx) => {
  const agent = agentWith(ctx, "identity", "token");
  const reg = await registerAnonymous(ctx, agent);
  const { response } = await exchange(agent, reg.assertion);
  const body = isObject(response.json) ? response.json : {};
  assert(!("refresh_token" in body), "The jwt-bearer response carries a refresh_token (AUTH.md v0.7 Step 6: there is no refresh_token; re-run Step 5)", {
    pointer: "/refresh_token",
    expected: "absent",
    actual: "present",
  });
});

check("TOK-05", async (ctx) => {
  const agent = agentWith(ctx, "token");
  const res = await agent.token.json({ grant_type: JWT_BEARER_GRANT, assertion: GARBAGE_ASSERTION });
  ctx.outcome(res.status >= 500 ? "server-error" : res.status === 400 && errorCode(res) === "invalid_request" ? "refused" : "refused-other-code");
  assert(res.status < 500, `A JSON body at the token endpoint answered ${res.status} (a server error); expected 400 invalid_request`, { expected: { status: 400, error: "invalid_request" }, actual: { status: res.status } });
  assert(res.status === 400 && errorCode(res) === "invalid_request", `A JSON body at the token endpoint answered ${res.status} ${errorCode(res) ?? ""}, expected 400 invalid_request (the endpoint is form-encoded)`, {
    expected: { status: 400, error: "invalid_request" },
    actual: { status: res.status, body: res.json ?? res.text.slice(0, 200) },
  });
});

