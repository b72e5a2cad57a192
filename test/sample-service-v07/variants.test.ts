import { afterEach, describe, expect, it } from "vitest";
import { CLAIM_GRANT, PATHS_V07 as P, VARIANTS_V07, variantV07 } from "../../sample-service/v0_7/index.ts";
import { findRequirementV07 } from "../../src/requirements/v0_7/index.ts";
import { matchesIdGlob } from "../../src/requirements/catalogue.ts";
import { profileIdsV07 } from "../../src/requirements/v0_7/index.ts";
import { ALICE, call, Rig } from "./helpers.ts";

// Each v0.7 tolerance variant really is built differently: a probe per variant shows the
// difference on the wire (a variant that changed nothing would make the tolerance matrix vacuous).

const rigs: Rig[] = [];
afterEach(async () => {
  while (rigs.length) await rigs.pop()!.close();
});

async function rigOf(name: string): Promise<Rig> {
  const rig = await Rig.start({ ...variantV07(name).service });
  rigs.push(rig);
  return rig;
}

const PROBES: Record<string, (rig: Rig) => Promise<void>> = {
  "v07-auth-md-vocabulary": async (rig) => {
    const token = await rig.idJag();
    expect((await rig.registerIdJag(token)).status).toBe(200);
    const replay = await rig.registerIdJag(token);
    expect(replay.status).toBe(400);
    expect(replay.json).toMatchObject({ error: "invalid_request", message: expect.any(String) });
    expect(replay.json).not.toHaveProperty("error_description");
  },
  "v07-reference-codes": async (rig) => {
    const poll = await rig.postForm(P.token, { grant_type: CLAIM_GRANT, claim_token: "clm_unknown" });
    expect(poll.json.error).toBe("expired_token");
    const [h, p, sig] = (await rig.set("user_x")).split(".") as [string, string, string];
    const refused = await rig.deliverSet(`${h}.${p}.${sig.slice(0, -2)}${sig.endsWith("AA") ? "BB" : "AA"}`);
    expect(refused.json.err).toBe("invalid_key");
  },
  "v07-prm-trailing-slash": async (rig) => {
    const prm = await rig.get(P.prm);
    const as = await rig.get(P.asMetadata);
    expect(prm.json.authorization_servers).toEqual([`${rig.url}/`]);
    expect(as.json.issuer).toBe(rig.url);
  },
  "v07-aud-resource-reading": async (rig) => {
    const issuerAud = await rig.provider.minter.idJag({ audience: rig.url, now: rig.clock.seconds(), claims: { auth_time: rig.clock.seconds() } });
    expect((await rig.registerIdJag(issuerAud)).json.error).toBe("invalid_audience");
    const resourceAud = await rig.provider.minter.idJag({ audience: `${rig.url}/`, now: rig.clock.seconds(), claims: { auth_time: rig.clock.seconds() } });
    expect((await rig.registerIdJag(resourceAud)).status).toBe(200);
  },
  "v07-direct-claim-page": async (rig) => {
    const reg = await rig.registerServiceAuth(ALICE);
    const uri = new URL(String((reg.json.claim as Record<string, unknown>).verification_uri));
    expect(uri.pathname).toBe(P.claimPage);
    expect(uri.searchParams.get("claim_attempt_token")).toBeTruthy();
    // Without a session the claim page itself sends the visitor to sign in.
    const page = await call(uri.toString());
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toMatch(/^\/login\?return_to=/);
  },
  "v07-shoulds-not-implemented": async (rig) => {
    const hint = await rig.postForm(P.revoke, { token: "at_unknown", token_type_hint: "refresh_token" });
    expect(hint.status).toBe(400);
    const reg = await rig.registerServiceAuth(ALICE);
    const claimToken = String(reg.json.claim_token);
    const polls = [await rig.poll(claimToken, 0), await rig.poll(claimToken, 0), await rig.poll(claimToken, 0)];
    expect(polls.map((r) => r.json.error)).toEqual(["authorization_pending", "authorization_pending", "authorization_pending"]);
  },
  "v07-opted-out": async (rig) => {
    expect((await rig.registerAnonymous()).json.error).toBe("anonymous_not_enabled");
    expect((await rig.registerServiceAuth(ALICE)).json.error).toBe("service_auth_not_enabled");
    expect((await rig.registerIdJag(await rig.idJag())).status).toBe(200);
  },
  "v07-registration-429": async (rig) => {
    const answers = [];
    for (let i = 0; i < 9; i++) answers.push(await rig.registerAnonymous());
    expect(answers.slice(0, 8).every((r) => r.status === 200)).toBe(true);
    expect(answers[8]!.status).toBe(429);
    expect(answers[8]!.json.error).toBe("rate_limited");
    expect(Number(answers[8]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(answers[8]!.headers.get("retry-after"))).toBeLessThanOrEqual(2);
  },
  "v07-own-sign-in": async (rig) => {
    const form = await rig.get(`${P.login}?return_to=%2F`);
    expect(form.text).toContain('name="username"');
    const signedIn = await rig.postForm(P.login, { username: ALICE, return_to: "/" });
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("set-cookie")).toMatch(/^app_session=/);
  },
  "v07-http-details": async (rig) => {
    const prm = await rig.get(P.prm);
    expect(prm.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(prm.json).toHaveProperty("x_sample_trace");
    const reg = await rig.registerAnonymous();
    const token = await rig.exchange(String(reg.json.identity_assertion));
    expect(token.headers.get("cache-control")).toBe("no-store, private");
    const sa = await rig.registerServiceAuth(ALICE);
    expect((sa.json.claim as Record<string, unknown>).interval).toBe(10);
  },
};

describe("v0.7 tolerance variants", () => {
  it("names each variant once, with a description, a probe below, and a fast scope that names v0.7 ids", () => {
    const names = VARIANTS_V07.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(10);
    const ids = profileIdsV07();
    for (const v of VARIANTS_V07) {
      expect(v.description.length, v.name).toBeGreaterThan(40);
      expect(Object.keys(PROBES), v.name).toContain(v.name);
      for (const glob of v.fastScope) expect(ids.some((id) => matchesIdGlob(id, [glob])), `${v.name}: ${glob}`).toBe(true);
    }
  });

  it("lets a variant fail only SHOULD or MAY ids of the v0.7 catalogue", () => {
    for (const v of VARIANTS_V07) {
      for (const id of v.allowedToFail ?? []) {
        const requirement = findRequirementV07(id);
        expect(requirement, `${v.name}: ${id}`).toBeDefined();
        expect(requirement!.level, `${v.name}: ${id}`).not.toBe("MUST");
      }
    }
  });

  it("refuses an unknown variant name", () => {
    expect(() => variantV07("no-such-variant")).toThrow(/unknown v0.7 variant/);
  });

  it.each(VARIANTS_V07.map((v) => [v.name] as const))("%s is built differently on the wire", async (name) => {
    await PROBES[name]!(await rigOf(name));
  });
});
