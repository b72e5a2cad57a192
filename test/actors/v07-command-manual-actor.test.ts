import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { userActorConfigSchema } from "../../src/actors/v0_7/config.ts";
import { createUserActorV07 } from "../../src/actors/v0_7/create.ts";
import { HarnessError } from "../../src/errors.ts";
import { ALICE, BOB, Rig } from "../sample-service-v07/helpers.ts";
import { exampleActorConfig, request, startCeremony } from "./v07-helpers.ts";

const SCRIPT = new URL("./fixtures/confirm-sample.mjs", import.meta.url).pathname;
const ACCOUNTS = { confirm: { email: ALICE }, other: { email: BOB } };

function commandActor(extra: string[] = [], timeoutMs = 30_000) {
  return createUserActorV07(userActorConfigSchema.parse({ adapter: "command", accounts: ACCOUNTS, command: { argv: [process.execPath, SCRIPT, ...extra], timeoutMs } }), { allowedOrigins: [] });
}

describe("v0.7 user actor, command adapter", () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await Rig.start();
  });
  afterEach(async () => {
    await rig.close();
  });

  it("runs the user's script with the request on stdin; its answer is the result, and the agent's poll yields a token", async () => {
    const c = await startCeremony(rig, ALICE);
    const result = await commandActor().confirm(request(c.verificationUri, c.userCode, ALICE));
    expect(result).toMatchObject({ adapter: "command", outcome: "confirmed", httpStatus: 200 });
    expect(result.pageText).toMatch(/linked/);
    expect(result.steps[0]?.note).toMatch(/exited with 0; stderr: status 200/);
    expect((await rig.poll(c.claimToken, 20)).status).toBe(200);
  });

  it("passes the script's refusal through (wrong account: 403)", async () => {
    const c = await startCeremony(rig, ALICE);
    expect(await commandActor().confirm(request(c.verificationUri, c.userCode, BOB, "wrong-account"))).toMatchObject({ outcome: "refused", httpStatus: 403 });
  });

  it("kills a script that does not answer in time and reports an error; a non-JSON answer is an error too", async () => {
    const c = await startCeremony(rig, ALICE);
    const hung = await commandActor(["--hang"], 500).confirm(request(c.verificationUri, c.userCode, ALICE));
    expect(hung.outcome).toBe("error");
    expect(hung.reason).toMatch(/^timeout: the script did not answer within 500 ms/);
    const garbage = await commandActor(["--garbage"]).confirm(request(c.verificationUri, c.userCode, ALICE));
    expect(garbage).toMatchObject({ outcome: "error", reason: "the script's output is not a JSON answer with an outcome" });
  });

  it("needs command.argv in the config", () => {
    expect(userActorConfigSchema.safeParse({ adapter: "command", accounts: ACCOUNTS }).success).toBe(false);
  });
});

describe("v0.7 user actor, manual adapter", () => {
  const config = exampleActorConfig("user-actor.sample.yaml", { adapter: "manual" });
  const tty = (): PassThrough & { isTTY?: boolean } => Object.assign(new PassThrough(), { isTTY: true });

  it("refuses without a terminal, naming the other adapters", () => {
    const input = Object.assign(new PassThrough(), { isTTY: false });
    let error: unknown;
    try {
      createUserActorV07(config, { allowedOrigins: [], io: { input, output: new PassThrough(), env: {} } });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(HarnessError);
    expect((error as HarnessError).field).toBe("userActor.adapter");
    expect((error as HarnessError).message).toMatch(/stdin is not a terminal.*form.*browser.*command/);
  });

  it("refuses under CI even with a terminal", () => {
    expect(() => createUserActorV07(config, { allowedOrigins: [], io: { input: tty(), output: new PassThrough(), env: { CI: "true" } } })).toThrow(/CI is set/);
  });

  it("tells the operator the URI, the code, the account and what to do, and takes their verdict", async () => {
    const input = tty();
    const output = new PassThrough();
    let shown = "";
    output.on("data", (chunk: Buffer) => (shown += chunk.toString()));
    const actor = createUserActorV07(config, { allowedOrigins: [], io: { input, output, env: { CI: "false" } } });
    const pending = actor.confirm(request("http://127.0.0.1:1/login?return_to=%2Fclaim", "123456", BOB, "wrong-account"));
    input.write("maybe\n");
    input.write("r\n");
    const result = await pending;
    expect(result).toMatchObject({ adapter: "manual", outcome: "refused" });
    expect(shown).toContain("http://127.0.0.1:1/login?return_to=%2Fclaim");
    expect(shown).toContain("123456");
    expect(shown).toContain(BOB);
    expect(shown).toMatch(/NOT the one the agent asked for/);
  });

  it("gives up at the deadline with outcome unknown", async () => {
    const actor = createUserActorV07(config, { allowedOrigins: [], io: { input: tty(), output: new PassThrough(), env: {} } });
    const result = await actor.confirm({ ...request("http://127.0.0.1:1/x", "123456", ALICE), deadline: new Date(Date.now() + 50) });
    expect(result).toMatchObject({ outcome: "unknown", reason: "no answer before the deadline" });
  });
});
