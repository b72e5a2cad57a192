import { getProfile } from "../../../src/profiles/index.ts";
import { bearerChallenge } from "../../../src/protocol/www-authenticate.ts";
import { assert, check, fail, notTestable } from "../../../src/suite/index.ts";
import type { CheckContext } from "../../../src/suite/index.ts";
import { isObject } from "../support/documents.ts";

// The 401 hint: every 401 from the API points at the PRM (RFC 9728 §5.1, RFC 6750 §3.1).

const INVALID_TOKEN = "authmd-conformance-invalid-token";

async function probe(ctx: CheckContext, token?: string) {
  const { read } = ctx.target.api;
  const res = await ctx.http.send({
    method: read.method,
    url: read.url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(read.body !== undefined ? { json: read.body } : {}),
  });
  ctx.evidence("probe", `${read.method} ${read.url}`);
  if (res.status !== 401) {
    if (res.status >= 200 && res.status < 300 && !token) {
      notTestable(`${read.method} ${read.url} answered ${res.status} without a token: it is not protected. Configure api.read with a protected endpoint`);
    }
  }
  return res;
}

check("DISC-401-01", async (ctx) => {
  const res = await probe(ctx);
  assert(res.status === 401, `A call without a token answered ${res.status}, expected 401`, { expected: 401, actual: res.status });
  const header = res.headers["www-authenticate"];
  assert(header, "The 401 carries no WWW-Authenticate header", { expected: 'Bearer resource_metadata="…"', actual: null });
  const bearer = bearerChallenge(header);
  assert(bearer?.params.resource_metadata, `WWW-Authenticate has no Bearer challenge with resource_metadata: ${header}`, {
    expected: 'Bearer resource_metadata="<PRM URL>"',
    actual: header,
  });
});

check("DISC-401-02", async (ctx) => {
  const res = await probe(ctx, INVALID_TOKEN);
  assert(res.status === 401, `A call with an invalid token answered ${res.status}, expected 401`, { expected: 401, actual: res.status });
  const bearer = bearerChallenge(res.headers["www-authenticate"]);
  assert(bearer?.params.resource_metadata, "The 401 for an invalid token lacks the resource_metadata hint", {
    expected: 'Bearer resource_metadata="<PRM URL>", error="invalid_token"',
    actual: res.headers["www-authenticate"] ?? null,
  });
  // v0.7 adds a third case (SHARED_WITH_V0_1 DISC-401-02): an access_token revoked through RFC 7009.
  const driver = getProfile(ctx.target.profile).agent(ctx.http, ctx.target);
  if (!driver.revokedCredential) return;
  const revoked = await driver.revokedCredential();
  if (!revoked.credential && revoked.optedOut) {
    // A documented opt-out is no finding: the two cases above are judged, the third has no token.
    ctx.note(`the RFC 7009 case was not exercised: ${revoked.reason ?? "anonymous registration is opted out"}`);
    return;
  }
  if (!revoked.credential) notTestable(`no revoked access_token to present: ${revoked.reason ?? "unknown"}`);
  const after = await probe(ctx, revoked.credential);
  // That the revoked token stops working is REV7009-01's rule; this check judges the hint on its 401.
  if (after.status !== 401) notTestable(`the access_token revoked at revocation_endpoint answered ${after.status}, not 401 (REV7009-01 judges the revocation)`);
  assert(bearerChallenge(after.headers["www-authenticate"])?.params.resource_metadata, "The 401 for a revoked access_token lacks the resource_metadata hint", {
    expected: 'Bearer resource_metadata="<PRM URL>", error="invalid_token"',
    actual: after.headers["www-authenticate"] ?? null,
  });
});

check("DISC-401-03", async (ctx) => {
  const res = await probe(ctx);
  const hint = bearerChallenge(res.headers["www-authenticate"])?.params.resource_metadata;
  if (!hint) notTestable("the 401 carries no resource_metadata hint (see DISC-401-01)");
  let url: URL;
  try {
    url = new URL(hint);
  } catch {
    fail(`resource_metadata is not an absolute URL: ${hint}`, { actual: hint });
  }
  if (!ctx.http.isAllowed(url.toString())) {
    fail(`resource_metadata points outside the target (${url.origin}); the harness does not follow it`, { actual: hint });
  }
  const prm = await ctx.http.get(url.toString());
  assert(prm.status === 200 && isObject(prm.json), `The hinted ${hint} answered ${prm.status} without a JSON document`, {
    expected: "200 PRM JSON",
    actual: prm.status,
  });
  const conventional = await ctx.http.get(ctx.target.prmUrl);
  assert(
    isObject(prm.json) && isObject(conventional.json) && prm.json.resource === conventional.json.resource,
    `The hinted document's resource (${String((prm.json as Record<string, unknown>)?.resource)}) is not the service's PRM resource`,
    { expected: ctx.target.prmUrl, actual: hint },
  );
});

check("DISC-401-04", async (ctx) => {
  const res = await probe(ctx, INVALID_TOKEN);
  if (res.status !== 401) notTestable(`an invalid token got ${res.status}, not 401 (see DISC-401-02)`);
  const bearer = bearerChallenge(res.headers["www-authenticate"]);
  assert(bearer?.params.error === "invalid_token", 'The 401 for an invalid token does not say error="invalid_token"', {
    expected: 'error="invalid_token"',
    actual: res.headers["www-authenticate"] ?? null,
  });
});
