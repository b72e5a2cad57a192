import fc from "fast-check";
import type { ActorAccount, UserActorV07 } from "../../../src/actors/v0_7/types.ts";
import { PropertyViolation } from "../../../src/fuzz/property.ts";
import type { HttpResponse } from "../../../src/http/client.ts";
import type { AgentV07 } from "../../../src/profiles/v0_7/agent.ts";
import { type CheckContext, notTestable } from "../../../src/suite/index.ts";
import { mintSet } from "./id-jag.ts";
import { bodyOf, type Ceremony, ceremonyOf, describeAnswer, idJagFor, newSubject, oauthError, providerEmail, sameScopes, scopeSet } from "./fuzz-env.ts";

/**
 * The model of one v0.7 registration's life for FUZZ-MODEL-01 (v0.7.md §3–§10), and the commands
 * fast-check draws from. After every command the target's answer must be one the model allows; a
 * mismatch throws LifeMismatch, which the property reports and fast-check shrinks to the shortest
 * command sequence. Where a row is only a SHOULD (slow_down, TOK-CLM-10's single grant,
 * TOK-JWTB-08's superseded v1 assertion) the model allows either answer and follows the one it got.
 */

export type LifeKind = "anonymous" | "service_auth" | "id-jag" | "step-up";

export const LIFE_KINDS: readonly LifeKind[] = ["anonymous", "service_auth", "id-jag", "step-up"];

type Scope = "pre" | "full";

interface HeldToken {
  scope: Scope;
  revoked: boolean;
  /** Epoch ms after which the token may have expired (expires_in, less a second of slack). */
  expiresAt: number;
}

interface HeldAssertion {
  /** v1: the anonymous pre-claim assertion; full: an assertion of the claimed (or ID-JAG) registration. */
  kind: "v1" | "full";
  /** Killed by a SET: never mints again (SET-10). */
  dead: boolean;
}

export interface LifeModel {
  kind: LifeKind;
  status: "unclaimed" | "pending" | "claimed" | "revoked";
  /** A ceremony the user can confirm (its user_code and verification_uri are live). */
  ceremonyLive: boolean;
  /** The claim grant after the confirmation: not yet redeemed, or redeemed once. */
  grant: "none" | "ready" | "taken";
  /** The agent holds a claim_token for this registration. */
  claimToken: boolean;
  assertions: HeldAssertion[];
  tokens: HeldToken[];
}

export interface LifeReal {
  ctx: CheckContext;
  agent: AgentV07;
  /** The person, when a user actor is configured. */
  actor?: UserActorV07;
  accounts?: { confirm: ActorAccount; other: ActorAccount };
  registrationId: string;
  claimToken?: string;
  ceremony?: Ceremony;
  /** Values parallel to the model's assertions and tokens. */
  assertions: string[];
  tokens: string[];
  subject?: string;
  email?: string;
  preScopes: string[];
  fullScopes: string[];
  /** What the user actor did, for the finding's message. */
  lastActor?: string;
}

/** The target answered what the model says it must not: a finding about the target, never a harness fault. */
export class LifeMismatch extends PropertyViolation {
  constructor(message: string) {
    super(message);
    this.name = "LifeMismatch";
  }
}

function expect(cond: boolean, message: string): void {
  if (!cond) throw new LifeMismatch(message);
}

const ok = (res: HttpResponse): boolean => res.status >= 200 && res.status < 300;

type Cmd = fc.AsyncCommand<LifeModel, LifeReal>;

/** Which scope set a granted scope is, or undefined when it is neither. */
function scopeKind(r: LifeReal, granted: string[]): Scope | undefined {
  if (sameScopes(granted, r.fullScopes)) return "full";
  if (sameScopes(granted, r.preScopes)) return "pre";
  return undefined;
}

/** Record a token response (jwt-bearer or claim grant) in the model. */
function holdToken(m: LifeModel, r: LifeReal, res: HttpResponse, scope: Scope): void {
  const body = bodyOf(res);
  const expiresIn = typeof body.expires_in === "number" ? body.expires_in : 3600;
  m.tokens.push({ scope, revoked: false, expiresAt: Date.now() + expiresIn * 1000 - 1000 });
  r.tokens.push(body.access_token as string);
}

// --- the agent's commands --------------------------------------------------------------------

/** POST claim_endpoint {type: login_hint}: start, or re-start, the user_code ceremony (CLMEP-02/04/05). */
class StartClaim implements Cmd {
  check = (m: Readonly<LifeModel>) => m.claimToken && m.kind !== "id-jag";
  async run(m: LifeModel, r: LifeReal) {
    const res = await r.agent.claim({ claimToken: r.claimToken!, loginHint: r.accounts?.confirm.email ?? r.email! });
    if (m.status === "claimed" || m.status === "revoked") {
      expect(res.status >= 400 && res.status < 500, `/claim on a ${m.status} registration answered ${describeAnswer(res)}; the model says 4xx (CLMEP-03)`);
      return;
    }
    const ceremony = ceremonyOf(bodyOf(res).claim_attempt);
    expect(ok(res) && ceremony !== undefined, `/claim on a ${m.status} registration answered ${describeAnswer(res)}${ok(res) ? " without a claim_attempt ceremony" : ""}; the model says 200 with a fresh ceremony (CLMEP-02/04)`);
    r.ceremony = ceremony;
    m.status = "pending";
    m.ceremonyLive = true;
  }
  toString = () => "StartClaim";
}

/** The claim grant at token_endpoint (A7 Step 4c): pending until confirmed, then one token response. */
class Poll implements Cmd {
  check = (m: Readonly<LifeModel>) => m.claimToken;
  async run(m: LifeModel, r: LifeReal) {
    const res = await r.agent.token.claimGrant(r.claimToken!);
    const body = bodyOf(res);
    const code = oauthError(res);
    const minted = ok(res) && typeof body.access_token === "string";
    // slow_down (RFC 8628 §3.5) is allowed on any poll: it tells nothing about the state.
    if (code === "slow_down") return;
    if (m.status === "claimed" && m.grant !== "none") {
      if (m.grant === "taken") {
        // TOK-CLM-10 (SHOULD): a second grant may be refused or minted again.
        if (minted) holdToken(m, r, res, "full");
        else expect(res.status >= 400 && res.status < 500, `a repeated claim grant answered ${describeAnswer(res)}; the model says another token or a 4xx`);
        return;
      }
      expect(minted, `the claim grant after the user confirmed answered ${describeAnswer(res)}; the model says 200 with an access_token (TOK-CLM-02)`);
      const granted = scopeSet(body.scope);
      expect(body.scope === undefined || scopeKind(r, granted) === "full", `the claim grant minted scope "${granted.join(" ")}"; the model says the post-claim scopes "${r.fullScopes.join(" ")}" (TOK-CLM-02, SA-06)`);
      holdToken(m, r, res, "full");
      if (typeof body.identity_assertion === "string") {
        m.assertions.push({ kind: "full", dead: false });
        r.assertions.push(body.identity_assertion);
      }
      m.grant = "taken";
      return;
    }
    expect(!minted, `the claim grant minted an access_token for a ${m.status} registration the user never confirmed; the model says no token (TOK-CLM-01${m.status === "revoked" ? ", TOK-CLM-11" : ""})`);
    if (m.status === "pending") {
      expect(code === "authorization_pending", `the claim grant on a pending ceremony answered ${describeAnswer(res)}; the model says 400 authorization_pending (TOK-CLM-01)`);
    } else {
      expect(res.status >= 400 && res.status < 500, `the claim grant on a ${m.status} registration answered ${describeAnswer(res)}; the model says a 4xx and no token`);
    }
  }
  toString = () => "Poll";
}

/** jwt-bearer with every assertion the agent holds (A7 Step 5). */
class Exchange implements Cmd {
  check = (m: Readonly<LifeModel>) => m.assertions.length > 0;
  async run(m: LifeModel, r: LifeReal) {
    // The held assertions are fixed before the loop: minting adds tokens, not assertions.
    const held = m.assertions.map((a, i) => ({ a, value: r.assertions[i]! }));
    for (const { a, value } of held) {
      const res = await r.agent.token.jwtBearer(value);
      const body = bodyOf(res);
      const minted = ok(res) && typeof body.access_token === "string";
      const granted = scopeSet(body.scope);
      const which = a.kind === "v1" ? "the anonymous (v1) assertion" : "the registration's assertion";
      if (a.dead || m.status === "revoked") {
        expect(!minted && oauthError(res) === "invalid_grant", `${which} of a registration revoked by a SET answered ${describeAnswer(res)}; the model says 400 invalid_grant (SET-10, TOK-JWTB-06)`);
        continue;
      }
      if (a.kind === "v1" && m.status === "claimed") {
        // TOK-JWTB-08 (SHOULD): after the claim the v1 assertion should be superseded; the reference mints on.
        if (minted) holdToken(m, r, res, scopeKind(r, granted) ?? "full");
        else expect(res.status >= 400 && res.status < 500, `${which} after the claim answered ${describeAnswer(res)}; the model says a token or a 4xx`);
        continue;
      }
      const scope: Scope = a.kind === "v1" ? "pre" : "full";
      expect(minted, `${which} of a ${m.status} registration answered ${describeAnswer(res)}; the model says 200 with an access_token (TOK-JWTB-01/02${a.kind === "full" ? ", REV7009-03" : ""})`);
      const expected = scope === "pre" ? r.preScopes : r.fullScopes;
      expect(
        body.scope === undefined || sameScopes(granted, expected),
        `${which} of a${m.status === "unclaimed" ? "n" : ""} ${m.status} registration minted scope "${granted.join(" ")}"; the model says "${expected.join(" ")}" (${scope === "pre" ? "ANON-02/03, TOK-JWTB-05" : "TOK-JWTB-05"})`,
      );
      holdToken(m, r, res, scope);
    }
  }
  toString = () => "Exchange";
}

/** The API with every access token held (A7 Step 6): live tokens work within their scope, revoked ones 401. */
class CallApi implements Cmd {
  check = (m: Readonly<LifeModel>) => m.tokens.length > 0;
  async run(m: LifeModel, r: LifeReal) {
    const write = r.ctx.target.api.write !== undefined;
    for (const [i, t] of m.tokens.entries()) {
      const token = r.tokens[i]!;
      const mayHaveExpired = Date.now() >= t.expiresAt;
      const read = await r.agent.api(token, "read");
      if (t.revoked) {
        expect(read.status === 401, `token #${i + 1} (${t.scope}-claim scope) answered ${read.status} at the API although ${revokedBy(t, m)}; the model says 401 (API-01)`);
        continue;
      }
      if (mayHaveExpired) continue;
      expect(ok(read), `token #${i + 1} (${t.scope}-claim scope, live) answered ${read.status} at the read probe; the model says 2xx (API-01)`);
      if (!write) continue;
      const wrote = await r.agent.api(token, "write");
      if (t.scope === "full") expect(ok(wrote), `token #${i + 1} (post-claim scope) answered ${wrote.status} at the write probe; the model says 2xx`);
      else expect(wrote.status >= 400 && wrote.status < 500, `token #${i + 1} (pre-claim scope) answered ${wrote.status} at the write probe; the model says 4xx (ANON-04)`);
    }
  }
  toString = () => "CallApi";
}

/**
 * After every command: each access token held is live or revoked as the model says (read probe).
 * Expired tokens (past expires_in) are not judged.
 */
async function observeTokens(m: LifeModel, r: LifeReal, after: string): Promise<void> {
  if (r.ctx.target.api.read === undefined) return;
  for (const [i, t] of m.tokens.entries()) {
    if (!t.revoked && Date.now() >= t.expiresAt) continue;
    const read = await r.agent.api(r.tokens[i]!, "read");
    if (t.revoked) expect(read.status === 401, `after ${after}, token #${i + 1} (${t.scope}-claim scope) answered ${read.status} at the API although ${revokedBy(t, m)}; the model says 401 (API-01)`);
    else if (Date.now() < t.expiresAt) expect(ok(read), `after ${after}, token #${i + 1} (${t.scope}-claim scope, live) answered ${read.status} at the read probe; the model says 2xx (API-01)`);
  }
}

/** Commands that change (or must not change) which tokens are live: each is followed by the observation. */
const OBSERVED_AFTER = new Set(["StartClaim", "RevokeToken", "DeliverSet", "PresentIdJag", "ConfirmRight", "ConfirmWrong"]);

/** A command whose run is followed by the token observation, where it can change validity. */
function observed(cmd: Cmd): Cmd {
  return {
    check: (m) => cmd.check(m),
    run: async (m, r) => {
      await cmd.run(m, r);
      if (OBSERVED_AFTER.has(cmd.toString())) await observeTokens(m, r, cmd.toString());
    },
    toString: () => cmd.toString(),
  };
}

function revokedBy(t: HeldToken, m: LifeModel): string {
  if (m.status === "revoked") return "the SET revoked it (SET-09)";
  return t.scope === "pre" && m.status === "claimed" ? "the claim revoked it (pre-claim tokens are revoked, TOK-CLM-03)" : "it was revoked (RFC 7009, REV7009-01)";
}

/** RFC 7009 revocation of the newest access token (REV7009-01/02). */
class RevokeToken implements Cmd {
  check = (m: Readonly<LifeModel>) => m.tokens.length > 0;
  async run(m: LifeModel, r: LifeReal) {
    const i = m.tokens.length - 1;
    const res = await r.agent.revoke(r.tokens[i]!, "access_token");
    expect(res.status === 200, `revoking token #${i + 1} answered ${describeAnswer(res)}; the model says 200 (REV7009-01/02)`);
    m.tokens[i]!.revoked = true;
  }
  toString = () => "RevokeToken";
}

// --- the provider's commands -------------------------------------------------------------------

/** The provider revokes the (iss, sub) with a SET (A7 Revocation; SET-01/09/10). */
class DeliverSet implements Cmd {
  check = (m: Readonly<LifeModel>) => (m.kind === "id-jag" || m.kind === "step-up") && m.status === "claimed";
  async run(m: LifeModel, r: LifeReal) {
    const res = await r.agent.deliverEvent(await mintSet(r.ctx, { subject: r.subject! }));
    expect(ok(res), `a revoked-event SET for the bound user answered ${describeAnswer(res)}; the model says 202 (SET-01)`);
    m.status = "revoked";
    m.ceremonyLive = false;
    for (const t of m.tokens) t.revoked = true;
    for (const a of m.assertions) a.dead = true;
  }
  toString = () => "DeliverSet";
}

/** A fresh ID-JAG for the same provider user (IDJ-11, STEP-04, STEP-06, SET-11). */
class PresentIdJag implements Cmd {
  check = (m: Readonly<LifeModel>) => m.kind === "id-jag" || m.kind === "step-up";
  async run(m: LifeModel, r: LifeReal) {
    const res = await r.agent.register({ type: "identity_assertion", assertion: await idJagFor(r.ctx, r.subject!, r.email!) });
    const body = bodyOf(res);
    if (m.status === "revoked") {
      // SET-11: the revocation deleted the delegation; the next ID-JAG starts over. The dead assertions are dropped.
      r.assertions = r.assertions.filter((_, i) => !m.assertions[i]!.dead);
      m.assertions = m.assertions.filter((a) => !a.dead);
    }
    // SET-11 for a just-in-time user: the account the first presentation provisioned survives the
    // revocation, so the service may match it cleanly again or ask for a new first-link
    // confirmation (the reference does); the model follows whichever the service chose.
    const relinkAsked = m.kind === "id-jag" && m.status === "revoked" && res.status === 401 && oauthError(res) === "interaction_required";
    if ((m.kind === "id-jag" && m.status !== "pending" && !relinkAsked) || m.status === "claimed") {
      expect(res.status === 200 && typeof body.identity_assertion === "string", `a fresh ID-JAG for the ${m.status === "revoked" ? "revoked" : "bound"} user answered ${describeAnswer(res)}; the model says 200 with an identity_assertion (${m.status === "revoked" ? "SET-11; or 401 interaction_required with a new ceremony" : "IDJ-11, STEP-06"})`);
      if (m.status !== "revoked") expect(body.registration_id === r.registrationId, `a fresh ID-JAG for the bound user answered registration ${JSON.stringify(body.registration_id)}; the model says the same registration (IDJ-11)`);
      r.registrationId = body.registration_id as string;
      m.status = "claimed";
      m.assertions.push({ kind: "full", dead: false });
      r.assertions.push(body.identity_assertion as string);
      return;
    }
    // An existing account not linked yet (pending, or revoked: the link was deleted): ask again (STEP-03/04, SET-11).
    const ceremony = ceremonyOf(body.claim);
    expect(
      res.status === 401 && oauthError(res) === "interaction_required" && ceremony !== undefined && typeof body.claim_token === "string",
      `a fresh ID-JAG for a ${m.status} first link answered ${describeAnswer(res)}; the model says 401 interaction_required with a new ceremony (${m.status === "revoked" ? "SET-11" : "STEP-03/04"})`,
    );
    r.claimToken = body.claim_token as string;
    r.ceremony = ceremony;
    if (typeof body.registration_id === "string") r.registrationId = body.registration_id;
    m.claimToken = true;
    m.status = "pending";
    // The just-in-time account is not one the suite's user can sign in as: that ceremony stays open.
    m.ceremonyLive = m.kind !== "id-jag";
    m.grant = "none";
  }
  toString = () => "PresentIdJag";
}

// --- the user's commands ---------------------------------------------------------------------

/** The matched account signs in and confirms the live code (STEP-06, SA-06, TOK-CLM-02/03). */
class ConfirmRight implements Cmd {
  check = (m: Readonly<LifeModel>) => m.ceremonyLive && m.status === "pending";
  async run(m: LifeModel, r: LifeReal) {
    const c = r.ceremony!;
    const result = await r.actor!.confirm({ verificationUri: c.verificationUri, userCode: c.userCode, account: r.accounts!.confirm, intent: "approve", deadline: c.deadline });
    r.lastActor = `${result.outcome}${result.reason ? ` (${result.reason})` : ""}, last status ${result.httpStatus ?? "-"}`;
    expect(result.outcome === "confirmed", `the matched account entering the live user_code got "${r.lastActor}"; the model says confirmed`);
    m.status = "claimed";
    m.ceremonyLive = false;
    m.grant = "ready";
    // TOK-CLM-03: completing an anonymous claim revokes every pre-claim access token.
    if (m.kind === "anonymous") for (const t of m.tokens) if (t.scope === "pre") t.revoked = true;
  }
  toString = () => "ConfirmRight";
}

/** Another signed-in account tries the live code, also posting the form directly (STEP-05, SA-05, PAGE-04). */
class ConfirmWrong implements Cmd {
  check = (m: Readonly<LifeModel>) => m.ceremonyLive && m.status === "pending";
  async run(_m: LifeModel, r: LifeReal) {
    const c = r.ceremony!;
    const result = await r.actor!.confirm({ verificationUri: c.verificationUri, userCode: c.userCode, account: r.accounts!.other, intent: "wrong-account", deadline: c.deadline });
    r.lastActor = `${result.outcome}${result.reason ? ` (${result.reason})` : ""}, page ${result.pageStatus ?? "-"}, submit ${result.submitStatus ?? "-"}`;
    expect(result.outcome !== "confirmed", `the wrong account (not the login_hint's) confirmed the live user_code: "${r.lastActor}"; the model says refused on the page and on submit (STEP-05, SA-05, PAGE-04)`);
  }
  toString = () => "ConfirmWrong";
}

// --- the life --------------------------------------------------------------------------------

/** What the model can drive on this target: the user commands need an actor, the provider ones the mock provider. */
export interface LifeAbilities {
  user: boolean;
  provider: boolean;
  kinds: readonly LifeKind[];
  /** Commands the target cannot take (no claim_endpoint, revocation_endpoint or API probe). */
  without: readonly string[];
}

/** Commands that can act in a life of each kind (the others would only be skipped). */
const COMMANDS_OF: Record<LifeKind, readonly string[]> = {
  anonymous: ["StartClaim", "Poll", "Exchange", "CallApi", "RevokeToken", "ConfirmRight", "ConfirmWrong"],
  service_auth: ["StartClaim", "Poll", "Exchange", "CallApi", "RevokeToken", "ConfirmRight", "ConfirmWrong"],
  "id-jag": ["Exchange", "CallApi", "RevokeToken", "DeliverSet", "PresentIdJag"],
  "step-up": ["StartClaim", "Poll", "Exchange", "CallApi", "RevokeToken", "DeliverSet", "PresentIdJag", "ConfirmRight", "ConfirmWrong"],
};

/** A life: its registration kind and its commands (the kind shrinks towards the first one, anonymous). */
export function lifeArbitrary(abilities: LifeAbilities, maxCommands: number): fc.Arbitrary<{ kind: LifeKind; commands: Iterable<Cmd> }> {
  const all: Cmd[] = [new StartClaim(), new Poll(), new Exchange(), new CallApi(), new RevokeToken()];
  if (abilities.provider) all.push(new DeliverSet(), new PresentIdJag());
  if (abilities.user) all.push(new ConfirmRight(), new ConfirmWrong());
  // Anonymous lives carry the most rules (pre-claim cap, pending cap, revocation at the claim): drawn more often.
  const kind = fc.oneof(...abilities.kinds.map((k) => ({ weight: k === "anonymous" ? 3 : k === "step-up" ? 2 : 1, arbitrary: fc.constant(k) })));
  return kind.chain((kind) => {
    const usable = all.filter((c) => COMMANDS_OF[kind].includes(c.toString()) && !abilities.without.includes(c.toString())).map((c) => fc.constant(observed(c)));
    return fc.record({ kind: fc.constant(kind), commands: fc.commands(usable, { maxCommands, size: "max" }) });
  });
}

/** Register the life's registration: the initial state of every run (a refused registration is no finding here). */
export async function startLife(ctx: CheckContext, agent: AgentV07, kind: LifeKind, user?: { actor: UserActorV07; accounts: { confirm: ActorAccount; other: ActorAccount } }): Promise<{ model: LifeModel; real: LifeReal }> {
  const model: LifeModel = { kind, status: "unclaimed", ceremonyLive: false, grant: "none", claimToken: false, assertions: [], tokens: [] };
  const base = { ctx, agent, ...(user ? { actor: user.actor, accounts: user.accounts } : {}), assertions: [] as string[], tokens: [] as string[] };
  const refused = (res: HttpResponse, row: string): never => notTestable(`the ${kind} registration that starts a life answered ${describeAnswer(res)} (${row} judges it)`);
  switch (kind) {
    case "anonymous": {
      const res = await agent.register({ type: "anonymous" });
      const body = bodyOf(res);
      if (res.status !== 200 || typeof body.identity_assertion !== "string" || typeof body.claim_token !== "string") refused(res, "ANON-01");
      model.claimToken = true;
      model.assertions.push({ kind: "v1", dead: false });
      const email = user?.accounts.confirm.email ?? providerEmail(newSubject("fuzz_anon"));
      return { model, real: { ...base, registrationId: String(body.registration_id), claimToken: body.claim_token as string, assertions: [body.identity_assertion as string], email, preScopes: scopeSet(body.pre_claim_scopes), fullScopes: scopeSet(body.post_claim_scopes) } };
    }
    case "service_auth": {
      const email = user?.accounts.confirm.email ?? providerEmail(newSubject("fuzz_sa"));
      const res = await agent.register({ type: "service_auth", loginHint: email });
      const body = bodyOf(res);
      const ceremony = ceremonyOf(body.claim);
      if (res.status !== 200 || typeof body.claim_token !== "string" || !ceremony) refused(res, "SA-01");
      model.claimToken = true;
      model.status = "pending";
      model.ceremonyLive = true;
      return { model, real: { ...base, registrationId: String(body.registration_id), claimToken: body.claim_token as string, ceremony: ceremony!, email, preScopes: [], fullScopes: scopeSet(body.post_claim_scopes) } };
    }
    case "id-jag": {
      const subject = newSubject("fuzz_idjag");
      const email = providerEmail(subject);
      const res = await agent.register({ type: "identity_assertion", assertion: await idJagFor(ctx, subject, email) });
      const body = bodyOf(res);
      if (res.status !== 200 || typeof body.identity_assertion !== "string") refused(res, "IDJ-02");
      model.status = "claimed";
      model.assertions.push({ kind: "full", dead: false });
      return { model, real: { ...base, registrationId: String(body.registration_id), assertions: [body.identity_assertion as string], subject, email, preScopes: [], fullScopes: scopeSet(body.scopes) } };
    }
    case "step-up": {
      // The provider user's verified email is the service account the actor confirms as.
      const subject = newSubject("fuzz_stepup");
      const email = user!.accounts.confirm.email;
      const res = await agent.register({ type: "identity_assertion", assertion: await idJagFor(ctx, subject, email) });
      const body = bodyOf(res);
      const ceremony = ceremonyOf(body.claim);
      if (res.status !== 401 || oauthError(res) !== "interaction_required" || typeof body.claim_token !== "string" || !ceremony) refused(res, "STEP-01/02");
      model.claimToken = true;
      model.status = "pending";
      model.ceremonyLive = true;
      return { model, real: { ...base, registrationId: String(body.registration_id), claimToken: body.claim_token as string, ceremony: ceremony!, subject, email, preScopes: [], fullScopes: scopeSet(body.post_claim_scopes) } };
    }
  }
}
