import fc from "fast-check";
import { PropertyViolation } from "../../../src/fuzz/property.ts";
import type { HttpClient, HttpResponse } from "../../../src/http/client.ts";
import { blocked, type CheckContext, notTestable } from "../../../src/suite/index.ts";
import type { Target } from "../../../src/target/target.ts";
import { bodyOf, claimEndpoints, describeAnswer, ok, recordCreated, sendProbe, userActor } from "./claim-env.ts";
import { completeClaim } from "./claim-walks.ts";
import { revealFor, startClaim } from "./fuzz-env.ts";
import { callApi, registerAssertion, registered } from "./id-jag-setup.ts";
import { postLogout, type RevocationSetup } from "./id-jag-revocation.ts";

/**
 * The model of one registration's life for FUZZ-MODEL-01, and the commands fast-check draws
 * from. After every command the real answer must match what the model predicts; a mismatch
 * throws ModelMismatch, which the property reports and fast-check shrinks to the shortest
 * command sequence.
 */

export interface LifeModel {
  kind: "anonymous" | "verified-email";
  /** /claim accepted (anonymous), or the registration mail sent (verified_email). */
  claimStarted: boolean;
  codeMinted: boolean;
  wrongTries: number;
  claimed: boolean;
  /** A provider-backed credential held alongside (revocable in v0.1). */
  provider: "none" | "live" | "revoked";
}

export interface LifeReal {
  ctx: CheckContext;
  http: HttpClient;
  target: Target;
  revocation?: RevocationSetup;
  claimToken: string;
  /** The registration (a mailbox keeping one mail per registration finds its mail by it). */
  registrationId?: string;
  /** anonymous: the api_key from registration; verified_email: the credential from /complete. */
  credential?: string;
  email: string;
  link?: string;
  code?: string;
  providerCredential?: string;
  providerSub?: string;
}

/**
 * The target answered what the model says it must not: a finding about the target (a property
 * violation, shrunk and reported as `fail` with the exchanges), never a harness fault, wherever in
 * the life it is thrown (the registration that starts it included).
 */
export class ModelMismatch extends PropertyViolation {
  constructor(message: string) {
    super(message);
    this.name = "ModelMismatch";
  }
}

function expect(cond: boolean, message: string): void {
  if (!cond) throw new ModelMismatch(message);
}

type Cmd = fc.AsyncCommand<LifeModel, LifeReal>;

class Read implements Cmd {
  check = (m: Readonly<LifeModel>) => m.kind === "anonymous" || m.claimed;
  async run(m: LifeModel, r: LifeReal) {
    const res = await sendProbe(r.http, r.target.api.read, r.credential!);
    expect(ok(res), `the read probe answered ${describeAnswer(res)}; the model says the ${m.claimed ? "claimed" : "pre-claim"} credential reads`);
  }
  toString = () => "Read";
}

class Write implements Cmd {
  check = (m: Readonly<LifeModel>) => m.kind === "anonymous" || m.claimed;
  async run(m: LifeModel, r: LifeReal) {
    if (!r.target.api.write) return;
    const res = await sendProbe(r.http, r.target.api.write, r.credential!);
    if (m.claimed) expect(ok(res), `the write probe answered ${describeAnswer(res)} after /complete; the model says post-claim scopes write`);
    else expect(res.status >= 400 && res.status < 500, `the write probe answered ${describeAnswer(res)} before /complete; the model says pre-claim scopes cannot write`);
  }
  toString = () => "Write";
}

class Claim implements Cmd {
  check = (m: Readonly<LifeModel>) => m.kind === "anonymous" && (!m.claimStarted || m.claimed);
  async run(m: LifeModel, r: LifeReal) {
    const res = await r.http.postJson(claimEndpoints(r.target).claim, { claim_token: r.claimToken, email: r.email });
    if (m.claimed) {
      expect(res.status >= 400 && res.status < 500, `/claim of a claimed registration answered ${describeAnswer(res)}; the model says never re-claimable`);
      return;
    }
    expect(ok(res) && bodyOf(res).status === "initiated", `/claim answered ${describeAnswer(res)} status ${JSON.stringify(bodyOf(res).status)}; the model says 200 "initiated"`);
    m.claimStarted = true;
  }
  toString = () => "Claim";
}

class Challenge implements Cmd {
  check = (m: Readonly<LifeModel>) => m.claimStarted && !m.claimed;
  async run(m: LifeModel, r: LifeReal) {
    if (!r.link) {
      const revealed = await revealFor(r.http, r.target, r.email, r.registrationId);
      if ("problem" in revealed && revealed.cause) blocked(revealed.cause);
      if ("problem" in revealed) notTestable(`the user's part of the claim failed: ${revealed.problem} (see MAIL-01, CLM-01)`);
      r.link = revealed.link;
      r.code = revealed.code;
    } else {
      const again = await userActor(r.http, claimEndpoints(r.target).challenge).revealCode(r.link);
      expect(again.code !== undefined, `the challenge answered ${describeAnswer(again.response)}; the model says an open claim mints a code`);
      r.code = again.code;
    }
    m.codeMinted = true;
  }
  toString = () => "Challenge";
}

class CompleteWrong implements Cmd {
  // One wrong code per life: below any lockout, so the right code must still work afterwards.
  check = (m: Readonly<LifeModel>) => m.codeMinted && !m.claimed && m.wrongTries < 1;
  async run(m: LifeModel, r: LifeReal) {
    const wrong = String((Number(r.code) + 500_000) % 1_000_000).padStart(6, "0");
    const res = await completeClaim(r.http, claimEndpoints(r.target), r.claimToken, wrong);
    expect(!ok(res), `/complete accepted a wrong code (${describeAnswer(res)})`);
    m.wrongTries++;
  }
  toString = () => "CompleteWrong";
}

class CompleteRight implements Cmd {
  check = (m: Readonly<LifeModel>) => m.codeMinted;
  async run(m: LifeModel, r: LifeReal) {
    const res = await completeClaim(r.http, claimEndpoints(r.target), r.claimToken, r.code);
    if (m.claimed) {
      expect(res.status >= 400 && res.status < 500, `/complete of a claimed registration answered ${describeAnswer(res)}; the model says never re-claimable`);
      return;
    }
    const body = bodyOf(res);
    expect(ok(res) && body.status === "claimed", `/complete with the live code answered ${describeAnswer(res)} status ${JSON.stringify(body.status)}; the model says 200 "claimed"`);
    if (m.kind === "verified-email") {
      expect(typeof body.credential === "string", "/complete of a verified_email claim returned no credential");
      r.credential = body.credential as string;
      await recordCreated(r.ctx.requirement.id, body.registration_id, "email-verification", { type: body.credential_type, value: body.credential });
    } else {
      expect(body.credential === undefined, "/complete of an anonymous claim issued a new credential; the model says the same key is upgraded");
    }
    m.claimed = true;
  }
  toString = () => "CompleteRight";
}

class RegisterProvider implements Cmd {
  check = (m: Readonly<LifeModel>) => m.provider === "none";
  async run(m: LifeModel, r: LifeReal) {
    const setup = r.revocation!;
    const sub = `fuzz_${Math.random().toString(36).slice(2, 10)}`;
    const ctx = { ...r.ctx, http: r.http };
    const res = await registerAssertion(ctx, setup, await setup.provider.mintIdJag({ audience: setup.audience, subject: sub }));
    const reg = await registered(ctx, res, { iss: setup.issuer, sub, aud: setup.audience });
    expect(reg?.credential !== undefined, `an ID-JAG registration answered ${describeAnswer(res.response)}; the model says 200 with a credential`);
    r.providerCredential = reg!.credential;
    r.providerSub = sub;
    m.provider = "live";
  }
  toString = () => "RegisterIdJag";
}

class UseProvider implements Cmd {
  check = (m: Readonly<LifeModel>) => m.provider !== "none";
  async run(m: LifeModel, r: LifeReal) {
    const res: HttpResponse = await callApi({ ...r.ctx, http: r.http }, r.providerCredential!);
    if (m.provider === "live") expect(ok(res), `the ID-JAG credential answered ${describeAnswer(res)} on the read probe; the model says it works until revoked`);
    else expect(res.status === 401, `a revoked credential answered ${describeAnswer(res)}; the model says always 401`);
  }
  toString = () => "UseIdJag";
}

class Revoke implements Cmd {
  check = (m: Readonly<LifeModel>) => m.provider === "live";
  async run(m: LifeModel, r: LifeReal) {
    const setup = r.revocation!;
    const token = await setup.provider.mintLogout({ audience: setup.audience, subject: r.providerSub! });
    const res = await postLogout({ ...r.ctx, http: r.http }, setup, token);
    expect(ok(res), `the logout token answered ${describeAnswer(res)}; the model says 200`);
    m.provider = "revoked";
  }
  toString = () => "Revoke";
}

/** The commands of a life; the provider ones only when revocation can be exercised. */
export function lifeCommands(withProvider: boolean, maxCommands: number): fc.Arbitrary<Iterable<Cmd>> {
  const anon: fc.Arbitrary<Cmd>[] = [
    fc.constant(new Read()),
    fc.constant(new Write()),
    fc.constant(new Claim()),
    fc.constant(new Challenge()),
    fc.constant(new CompleteWrong()),
    fc.constant(new CompleteRight()),
  ];
  const provider: fc.Arbitrary<Cmd>[] = withProvider ? [fc.constant(new RegisterProvider()), fc.constant(new UseProvider()), fc.constant(new Revoke())] : [];
  return fc.commands([...anon, ...provider], { maxCommands });
}

/** Register the life's registration: the initial state of every run. */
export async function startLife(ctx: CheckContext, http: HttpClient, target: Target, kind: "anonymous" | "verified-email", tag: string): Promise<{ model: LifeModel; real: LifeReal }> {
  const started = await startClaim(http, target, ctx.requirement.id, tag, { claim: false });
  // No registration to model (refused, rate limited): a prerequisite, judged by ANON-01 / VEM-01.
  if ("problem" in started) notTestable(`the ${kind} registration that starts a life failed: ${started.problem} (see ANON-01, VEM-01)`);
  if (kind === "anonymous") {
    expect(started.key !== undefined, "the anonymous registration returned no credential");
  } else {
    expect(started.key === undefined, "the verified_email registration returned a credential before the claim");
  }
  const scopes = bodyOf(started.register).scopes;
  if (kind === "anonymous" && Array.isArray(scopes) && Array.isArray(bodyOf(started.register).post_claim_scopes)) {
    const post = bodyOf(started.register).post_claim_scopes as unknown[];
    expect(!post.every((s) => scopes.includes(s)) || post.length === 0, "the anonymous key was issued with every post-claim scope already");
  }
  return {
    model: { kind, claimStarted: kind === "verified-email", codeMinted: false, wrongTries: 0, claimed: false, provider: "none" },
    real: { ctx, http, target, claimToken: started.claimToken, registrationId: started.registrationId, ...(started.key ? { credential: started.key } : {}), email: started.email },
  };
}
