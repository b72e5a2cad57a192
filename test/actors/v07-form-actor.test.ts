import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FormUserActor } from "../../src/actors/v0_7/form-actor.ts";
import { ALICE, BOB, Rig } from "../sample-service-v07/helpers.ts";
import { exampleActorConfig, otherCode, request, startCeremony } from "./v07-helpers.ts";

let rig: Rig;
let actor: FormUserActor;
beforeEach(async () => {
  rig = await Rig.start();
  actor = new FormUserActor(exampleActorConfig("user-actor.sample.yaml"), { allowedOrigins: [rig.url] });
});
afterEach(async () => {
  await actor.close();
  await rig.close();
});

describe("v0.7 user actor, form adapter, against the v0.7 sample service", () => {
  it("signs in, confirms, and the agent's claim-grant poll then yields a full-scope token", async () => {
    const c = await startCeremony(rig, ALICE);
    expect((await rig.poll(c.claimToken)).json.error).toBe("authorization_pending");
    const result = await actor.confirm(request(c.verificationUri, c.userCode, ALICE));
    expect(result).toMatchObject({ adapter: "form", outcome: "confirmed", httpStatus: 200, pageStatus: 200, submitStatus: 200 });
    expect(result.pageText).toMatch(/linked/);
    // The claim page as the user saw it before submitting (advisories, the provider's name).
    expect(result.claimPageText).toMatch(/Enter the code your agent shows/);
    expect(result.steps.map((s) => s.step)).toEqual(["open", "sign-in", "claim-page", "submit"]);
    const sid = result.cookies.find((c) => c.name === "sid");
    expect(sid).toMatchObject({ httpOnly: true, secure: false, sameSite: "Lax", path: "/" });
    const done = await rig.poll(c.claimToken, 20);
    expect(done.status).toBe(200);
    expect(done.json.scope).toBe("api.read api.write");
    expect(typeof done.json.access_token).toBe("string");
  });

  it("is refused as the wrong account, on the page (403) and on a direct submit (403); the claim stays pending", async () => {
    const c = await startCeremony(rig, ALICE);
    const result = await actor.confirm(request(c.verificationUri, c.userCode, BOB, "wrong-account"));
    expect(result).toMatchObject({ outcome: "refused", reason: "wrong-account", pageStatus: 403, submitStatus: 403 });
    expect(result.steps.map((s) => s.step)).toEqual(["open", "sign-in", "claim-page", "direct-submit"]);
    expect((await rig.poll(c.claimToken)).json.error).toBe("authorization_pending");
  });

  it("reports a direct submit that the service accepts for the wrong account (fault v07-wrong-account-on-submit)", async () => {
    await rig.close();
    rig = await Rig.start({ faults: ["v07-wrong-account-on-submit"] });
    actor = new FormUserActor(exampleActorConfig("user-actor.sample.yaml"), { allowedOrigins: [rig.url] });
    const c = await startCeremony(rig, ALICE);
    const result = await actor.confirm(request(c.verificationUri, c.userCode, BOB, "wrong-account"));
    expect(result).toMatchObject({ outcome: "confirmed", pageStatus: 403, submitStatus: 200 });
  });

  it("reports a wrong code as refused (401) and the claim stays pending; then confirms with the right one in the same session", async () => {
    const c = await startCeremony(rig, ALICE);
    const wrong = await actor.confirm(request(c.verificationUri, otherCode(c.userCode), ALICE, "wrong-code"));
    expect(wrong).toMatchObject({ outcome: "refused", reason: "wrong-code", httpStatus: 401 });
    expect((await rig.poll(c.claimToken)).json.error).toBe("authorization_pending");
    const right = await actor.confirm(request(c.verificationUri, c.userCode, ALICE));
    expect(right.outcome).toBe("confirmed");
    // Still signed in: no second sign-in step.
    expect(right.steps.map((s) => s.step)).toEqual(["open", "claim-page", "submit"]);
  });

  it("reports a superseded link as invalid (404), a completed one as invalid, and an expired one as expired (410)", async () => {
    const first = await startCeremony(rig, ALICE);
    const second = await rig.claimWithHint(first.claimToken, ALICE);
    const attempt = second.json.claim_attempt as Record<string, unknown>;
    const stale = await actor.confirm(request(first.verificationUri, first.userCode, ALICE, "stale-link"));
    // The refused page, then the form action posted directly: both 404.
    expect(stale).toMatchObject({ outcome: "invalid-link", httpStatus: 404, pageStatus: 404, submitStatus: 404 });
    expect(stale.steps.map((s) => s.step)).toEqual(["open", "sign-in", "claim-page", "direct-submit"]);
    expect((await actor.confirm(request(String(attempt.verification_uri), String(attempt.user_code), ALICE))).outcome).toBe("confirmed");
    const replay = await actor.confirm(request(String(attempt.verification_uri), String(attempt.user_code), ALICE, "replay"));
    // A 200 "Already claimed" page without a form (the example config's text pattern reads it as an
    // invalid link), then the form action posted directly: 409 already claimed.
    expect(replay).toMatchObject({ outcome: "invalid-link", pageStatus: 200, submitStatus: 409 });
    expect(replay.claimPageText).toMatch(/already claimed/i);

    const late = await startCeremony(rig, ALICE);
    rig.clock.advance(601);
    expect(await actor.confirm(request(late.verificationUri, late.userCode, ALICE))).toMatchObject({ outcome: "expired", httpStatus: 410 });
  });

  it("denies on the page; the agent's poll then says access_denied", async () => {
    const c = await startCeremony(rig, ALICE);
    const result = await actor.deny({ verificationUri: c.verificationUri, account: { email: ALICE }, deadline: new Date(Date.now() + 60_000) });
    expect(result).toMatchObject({ outcome: "refused", reason: "denied", httpStatus: 200 });
    expect((await rig.poll(c.claimToken)).json.error).toBe("access_denied");
  });

  it("signs out before acting as another account, and signOut ends the session on the service", async () => {
    const c = await startCeremony(rig, ALICE);
    await actor.confirm(request(c.verificationUri, otherCode(c.userCode), BOB, "wrong-account"));
    const asAlice = await actor.confirm(request(c.verificationUri, c.userCode, ALICE));
    expect(asAlice.outcome).toBe("confirmed");
    expect(asAlice.steps.map((s) => s.step)).toContain("sign-in");
    await actor.signOut();
    const d = await startCeremony(rig, ALICE);
    const again = await actor.confirm(request(d.verificationUri, d.userCode, ALICE));
    expect(again.steps.map((s) => s.step)).toContain("sign-in");
  });

  it("gives up with an error at the deadline, and refuses a verification_uri on an origin it may not visit", async () => {
    const c = await startCeremony(rig, ALICE);
    const past = await actor.confirm({ ...request(c.verificationUri, c.userCode, ALICE), deadline: new Date(Date.now() - 1) });
    expect(past).toMatchObject({ outcome: "error" });
    expect(past.reason).toMatch(/^timeout/);
    const elsewhere = await actor.confirm(request("http://127.0.0.2:9/login", c.userCode, ALICE));
    expect(elsewhere.outcome).toBe("error");
    expect(elsewhere.reason).toMatch(/^host_not_allowed/);
  });
});
