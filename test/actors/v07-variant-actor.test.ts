import { afterEach, describe, expect, it } from "vitest";
import { userActorConfigSchema } from "../../src/actors/v0_7/config.ts";
import { FormUserActor } from "../../src/actors/v0_7/form-actor.ts";
import { variantV07 } from "../../sample-service/v0_7/index.ts";
import { SAMPLE_USER_ACTOR_V07 } from "../../sample-service/v0_7/user-actor.ts";
import { ALICE, Rig } from "../sample-service-v07/helpers.ts";
import { request, startCeremony } from "./v07-helpers.ts";

// The v0.7 tolerance variants that change the user's side: the form actor, configured as the
// variant's harness says (what a user of the suite would declare), completes a ceremony, so the
// ceremony checks can be judged on them.

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function confirmOn(variant: string, actorConfig: unknown): Promise<{ outcome: string; poll: number }> {
  const rig = await Rig.start({ ...variantV07(variant).service });
  open.push(rig);
  const actor = new FormUserActor(userActorConfigSchema.parse(actorConfig), { allowedOrigins: [rig.url] });
  open.push(actor);
  const c = await startCeremony(rig, ALICE);
  const result = await actor.confirm(request(c.verificationUri, c.userCode, ALICE));
  return { outcome: result.outcome, poll: (await rig.poll(c.claimToken, 20)).status };
}

describe("the form actor on v0.7 variants", () => {
  it("v07-own-sign-in: confirms with the variant's userActor (field username, cookie app_session), not with the sample's", async () => {
    const harness = variantV07("v07-own-sign-in").harness as { userActor: unknown };
    expect(await confirmOn("v07-own-sign-in", harness.userActor)).toEqual({ outcome: "confirmed", poll: 200 });
    expect((await confirmOn("v07-own-sign-in", SAMPLE_USER_ACTOR_V07)).outcome).not.toBe("confirmed");
  });

  it("v07-direct-claim-page: follows a verification_uri that opens the claim page first", async () => {
    expect(await confirmOn("v07-direct-claim-page", SAMPLE_USER_ACTOR_V07)).toEqual({ outcome: "confirmed", poll: 200 });
  });
});
