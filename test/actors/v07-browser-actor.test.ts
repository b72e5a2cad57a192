import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BrowserUserActor } from "../../src/actors/v0_7/browser-actor.ts";
import { ALICE, BOB, Rig } from "../sample-service-v07/helpers.ts";
import { exampleActorConfig, request, startCeremony } from "./v07-helpers.ts";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.log(`v0.7 browser user actor: SKIPPED, ${CHROMIUM} is absent (apt-get install chromium; .ci/run installs it)`);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe.skipIf(!hasChromium)("v0.7 user actor, browser adapter (Debian Chromium), against the v0.7 sample service", () => {
  let rig: Rig;
  let actor: BrowserUserActor;
  let outDir: string;
  beforeAll(async () => {
    rig = await Rig.start();
    outDir = mkdtempSync(path.join(process.env.AUTHMD_TEST_TMP ?? tmpdir(), "browser-actor-"));
    actor = new BrowserUserActor(exampleActorConfig("user-actor.sample.yaml", { adapter: "browser", browser: { executablePath: CHROMIUM } }), { allowedOrigins: [rig.url], outDir });
  });
  afterAll(async () => {
    await actor?.close();
    await rig?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it("signs in and confirms in Chromium, with a PNG screenshot per step; the agent's poll then yields a token", async () => {
    const c = await startCeremony(rig, ALICE);
    const result = await actor.confirm(request(c.verificationUri, c.userCode, ALICE));
    expect(result.reason).toBeUndefined();
    expect(result).toMatchObject({ adapter: "browser", outcome: "confirmed", httpStatus: 200, pageStatus: 200, submitStatus: 200 });
    expect(result.pageText).toMatch(/linked/);
    expect(result.steps.map((s) => s.step)).toEqual(["open", "sign-in", "claim-page", "submit"]);
    for (const s of result.steps) {
      expect(s.screenshot?.startsWith(path.join(outDir, "user-actor"))).toBe(true);
      expect(readFileSync(s.screenshot ?? "").subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    }
    expect(result.cookies.find((c) => c.name === "sid")).toMatchObject({ httpOnly: true, secure: false, sameSite: "Lax" });
    // The sign-in POST, its redirect, and the code POST, with the session cookie masked.
    expect(result.evidence.some((e) => e.method === "POST" && e.url.endsWith("/agent/identity/claim/complete") && e.status === 200)).toBe(true);
    expect(JSON.stringify(result.evidence)).not.toMatch(/sid=[A-Za-z0-9_-]{8}/);
    const done = await rig.poll(c.claimToken, 20);
    expect(done.status).toBe(200);
    expect(typeof done.json.access_token).toBe("string");
  });

  it("is refused as the wrong account on the page and on a direct submit", async () => {
    const c = await startCeremony(rig, ALICE);
    const result = await actor.confirm(request(c.verificationUri, c.userCode, BOB, "wrong-account"));
    expect(result).toMatchObject({ outcome: "refused", reason: "wrong-account", pageStatus: 403, submitStatus: 403 });
    expect((await rig.poll(c.claimToken)).json.error).toBe("authorization_pending");
  });
});
