import type { RevealedCode, UserActor } from "../../../src/actors/user.ts";
import { UserActorError } from "../../../src/actors/v0_1/browser-user.ts";
import type { MailMessageJson } from "../../../src/harness-services/mailbox-service.ts";
import type { HttpClient, HttpResponse } from "../../../src/http/client.ts";
import type { Exchange } from "../../../src/http/exchange.ts";
import { matchesIdGlob } from "../../../src/requirements/catalogue.ts";
import { claimRequirements } from "../../../src/requirements/v0_1/claim.ts";
import type { Cause } from "../../../src/report/model.ts";
import { blocked, CheckFailure, fail, notTestable, runtime } from "../../../src/suite/index.ts";
import type { Target } from "../../../src/target/target.ts";
import { differentCode } from "./claim-parse.ts";
import {
  advertisesAnonymous,
  advertisesVerifiedEmail,
  bodyOf,
  type ClaimEndpoints,
  claimEndpoints,
  describeAnswer,
  mailCount,
  ok,
  recordCreated,
  sendProbe,
  uniqueAddress,
  userActor,
  verifiedEmailCredentialType,
  waitForClaimMail,
} from "./claim-env.ts";
import { type Json, requireAgentAuth } from "./documents.ts";

/**
 * The two claim ceremonies, walked once per run and shared by the checks that judge them.
 *
 * Why shared: each state of a ceremony can be observed only once, in order (scopes while the
 * claim is pending, a rotated code before /complete, …), and every ceremony costs a mail wait.
 * A walk only observes — it records every answer and goes on as far as it can; the checks
 * decide what each answer means, failing their own rule and reporting "Not testable" when a
 * step they depend on did not happen (`stopped` says why), or blocked when the walk stopped on a
 * shared missing prerequisite (`cause`: no claim mail).
 */

export interface WalkStep {
  label: string;
  exchanges: Exchange[];
}

/** Labelled exchange logs, so a check can attach just the steps it judged. */
class StepRecorder {
  readonly steps: WalkStep[] = [];

  http(label: string): HttpClient {
    const exchanges: Exchange[] = [];
    this.steps.push({ label, exchanges });
    return runtime().http.withLog(exchanges);
  }
}

export interface TimedReveal {
  reveal: RevealedCode;
  /** Local clock when the answer came (for the expiry rule). */
  at: number;
}

/** The user's part and the agent's /complete, with the probes the OTP rules need. */
export interface CodeCeremony {
  link: string;
  /** The first GET of the link, before any code exists. */
  firstOpen?: HttpResponse;
  /** Every challenge answer, in order. */
  reveals: TimedReveal[];
  /** The code minted first, and the one minted after it (different, up to 3 tries). */
  earlier?: string;
  later?: string;
  /** /complete with a well-formed code that was never minted. */
  wrong?: { code: string; res: HttpResponse };
  /** /complete with `earlier` once `later` exists. */
  earlierComplete?: HttpResponse;
  /** GETs of the link after `later` was minted (a link scanner, a reload). */
  rescans: HttpResponse[];
  /** /complete with `later` after the rescans. */
  laterComplete?: HttpResponse;
  /** Fallback when `later` failed: /complete with a code minted after the rescans. */
  freshCode?: string;
  freshComplete?: HttpResponse;
  /** The /complete that succeeded, and with which code. */
  completion?: { res: HttpResponse; otp: string };
  /** The last /complete tried with a code believed valid, when none succeeded. */
  lastAttempt?: HttpResponse;
}

interface WalkBase {
  steps: WalkStep[];
  claimToken?: string;
  registrationId?: string;
  /** Why the walk stopped before the end (a prerequisite text for "Not testable"). */
  stopped?: string;
  /** Set when it stopped on a shared missing prerequisite (no claim mail): checks are blocked by it. */
  cause?: Cause;
  ceremony?: CodeCeremony;
  /** Every answer the agent itself received (CLM-03 searches them for user-side secrets). */
  agentFacing: HttpResponse[];
  /** 2xx answers that carry a secret (CLM-04). */
  secretBearing: { label: string; res: HttpResponse }[];
  /** Attempt tokens and OTPs seen on the user's side. */
  userSecrets: string[];
}

export interface VerifiedEmailWalk extends WalkBase {
  kind: "verified-email";
  email: string;
  requestedType: string;
  register: HttpResponse;
  registration: Json;
  mail?: MailMessageJson;
  mailProblem?: string;
  credential?: string;
  read?: HttpResponse;
  write?: HttpResponse;
  mailCount?: number;
}

export interface AnonymousWalk extends WalkBase {
  kind: "anonymous";
  register: HttpResponse;
  registration: Json;
  key?: string;
  readBefore?: HttpResponse;
  writeBefore?: HttpResponse;
  email1: string;
  email2: string;
  claim1?: HttpResponse;
  claim2?: HttpResponse;
  writeAfterClaim?: HttpResponse;
  mail1?: MailMessageJson;
  mail1Problem?: string;
  /** The first mail was sent but replaced in the store by the second (one mail per registration). */
  mail1Overwritten?: true;
  mail2?: MailMessageJson;
  mail2Problem?: string;
  /** The first link, challenged after the second attempt replaced it. */
  supersededReveal?: RevealedCode;
  supersededSkipped?: string;
  writeAfterCode?: HttpResponse;
  readAfter?: HttpResponse;
  writeAfter?: HttpResponse;
  mailCount1?: number;
  mailCount2?: number;
}

/**
 * The ceremony's successful /complete, for the checks that judge it (ANON-04, VEM-03); otherwise
 * the check ends: "Not testable" when no fresh code could be presented, a failure when one was
 * presented and refused.
 */
export function requireCompletion(walk: WalkBase): { completion: NonNullable<CodeCeremony["completion"]>; body: Json } {
  const ceremony = walk.ceremony;
  if (!ceremony) walkStopped(walk, "the ceremony did not start");
  if (!ceremony.completion) {
    if (!ceremony.lastAttempt) walkStopped(walk, "no freshly minted code could be presented");
    fail(`/complete with a freshly minted code answered ${describeAnswer(ceremony.lastAttempt)}, expected 200`, {
      expected: 200,
      actual: ceremony.lastAttempt.status,
    });
  }
  return { completion: ceremony.completion, body: bodyOf(ceremony.completion.res) };
}

/**
 * A check that needs a step the walk did not reach ends here: blocked when the walk stopped on a
 * shared missing prerequisite (no claim mail), else "Not testable" with why it stopped.
 */
export function walkStopped(walk: WalkBase, fallback: string): never {
  if (walk.cause) blocked(walk.cause);
  notTestable(walk.stopped ?? fallback);
}

/** Like walkStopped for rules judged over every walk: blocked when each walk stopped on a shared cause. */
export function walksStopped(walks: readonly WalkBase[], reasons: string): never {
  const cause = walks[0]?.cause;
  if (cause && walks.every((w) => w.cause)) blocked(cause);
  notTestable(reasons);
}

export function completeClaim(http: HttpClient, endpoints: ClaimEndpoints, claimToken: string, otp: unknown): Promise<HttpResponse> {
  return http.postJson(endpoints.complete, { claim_token: claimToken, otp });
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

/** A user-facing secret learnt: OTP or attempt token. */
function learn(walk: WalkBase, secret: string | undefined): void {
  if (secret && !walk.userSecrets.includes(secret)) walk.userSecrets.push(secret);
}

async function reveal(rec: StepRecorder, walk: WalkBase, endpoints: ClaimEndpoints, link: string, label: string): Promise<TimedReveal> {
  const revealed = await userActor(rec.http(label), endpoints.challenge).revealCode(link);
  const timed = { reveal: revealed, at: Date.now() };
  walk.ceremony?.reveals.push(timed);
  learn(walk, revealed.code);
  if (ok(revealed.response) && revealed.code) walk.secretBearing.push({ label, res: revealed.response });
  return timed;
}

/**
 * The user opens the link and reads codes; the agent completes. Order matters and is fixed:
 * open → code A → code B → wrong code → A (must fail: rotated) → open ×2 → B (must work: GETs
 * burn nothing) → else a fresh code C (tells a burnt B from a broken /complete).
 */
async function runCodeCeremony(
  rec: StepRecorder,
  walk: WalkBase,
  endpoints: ClaimEndpoints,
  link: string,
  claimToken: string,
  afterFirstCode?: () => Promise<void>,
): Promise<void> {
  const ceremony: CodeCeremony = { link, reveals: [], rescans: [] };
  walk.ceremony = ceremony;
  const actor: (label: string) => UserActor = (label) => userActor(rec.http(label), endpoints.challenge);
  const complete = async (label: string, otp: string) => {
    const res = await completeClaim(rec.http(label), endpoints, claimToken, otp);
    walk.agentFacing.push(res);
    return res;
  };

  ceremony.firstOpen = await actor("open").open(link);
  const first = await reveal(rec, walk, endpoints, link, "challenge");
  if (!first.reveal.code) {
    walk.stopped = `the challenge endpoint minted no code: ${first.reveal.problem ?? "no code"} (see OTP-01)`;
    return;
  }
  ceremony.earlier = first.reveal.code;
  await afterFirstCode?.();
  for (let i = 0; i < 3; i++) {
    const next = await reveal(rec, walk, endpoints, link, "challenge");
    if (!next.reveal.code) {
      walk.stopped = `a second challenge minted no code: ${next.reveal.problem ?? "no code"}`;
      return;
    }
    ceremony.later = next.reveal.code;
    if (next.reveal.code !== ceremony.earlier) break;
  }
  const later = ceremony.later!;
  const wrong = differentCode([ceremony.earlier, later], later);
  ceremony.wrong = { code: wrong, res: await complete("complete:wrong", wrong) };

  if (ceremony.earlier !== later) {
    ceremony.earlierComplete = await complete("complete:rotated", ceremony.earlier);
    if (ok(ceremony.earlierComplete)) {
      ceremony.completion = { res: ceremony.earlierComplete, otp: ceremony.earlier };
      return;
    }
  }
  for (let i = 0; i < 2; i++) ceremony.rescans.push(await actor("rescan").open(link));
  ceremony.laterComplete = await complete("complete:after-rescan", later);
  if (ok(ceremony.laterComplete)) {
    ceremony.completion = { res: ceremony.laterComplete, otp: later };
    return;
  }
  ceremony.lastAttempt = ceremony.laterComplete;
  const fresh = await reveal(rec, walk, endpoints, link, "challenge:fresh");
  if (!fresh.reveal.code) return;
  ceremony.freshCode = fresh.reveal.code;
  ceremony.freshComplete = await complete("complete:fresh", fresh.reveal.code);
  if (ok(ceremony.freshComplete)) ceremony.completion = { res: ceremony.freshComplete, otp: fresh.reveal.code };
  else ceremony.lastAttempt = ceremony.freshComplete;
}

/** The link the user would open, checked for use by the harness; a problem text otherwise. */
function usableLink(rec: StepRecorder, endpoints: ClaimEndpoints, mail: MailMessageJson): { link?: string; problem?: string } {
  const link = userActor(rec.http("mail"), endpoints.challenge).claimLink(mail);
  if (!link) return { problem: `the claim mail to ${mail.to.join(", ")} has no claim link (set mail.linkPattern if the default does not find it)` };
  if (!runtime().http.isAllowed(link)) return { problem: `the claim link goes to ${new URL(link).origin}, outside the allowed origins (http.allowedOrigins)` };
  return { link };
}

async function walkVerifiedEmail(target: Target): Promise<VerifiedEmailWalk> {
  const endpoints = claimEndpoints(target);
  const rec = new StepRecorder();
  const email = uniqueAddress("vem");
  const requestedType = verifiedEmailCredentialType(target);
  const register = await rec.http("register").postJson(endpoints.register, {
    type: "identity_assertion",
    assertion_type: "verified_email",
    assertion: email,
    requested_credential_type: requestedType,
  });
  const registration = bodyOf(register);
  const walk: VerifiedEmailWalk = {
    kind: "verified-email",
    steps: rec.steps,
    email,
    requestedType,
    register,
    registration,
    agentFacing: [register],
    secretBearing: ok(register) ? [{ label: "register", res: register }] : [],
    userSecrets: [],
  };
  const claimToken = str(registration.claim_token);
  walk.registrationId = str(registration.registration_id);
  try {
    if (!ok(register) || !claimToken) {
      walk.stopped = `the verified_email registration answered ${describeAnswer(register)} without a claim_token (see VEM-01)`;
      return walk;
    }
    walk.claimToken = claimToken;
    const outcome = await waitForClaimMail(email, "verified-email", walk.registrationId);
    if (!outcome.mail) {
      walk.mailProblem = outcome.problem;
      walk.stopped = outcome.problem;
      if (outcome.cause) walk.cause = outcome.cause;
      return walk;
    }
    walk.mail = outcome.mail;
    const { link, problem } = usableLink(rec, endpoints, outcome.mail);
    if (!link) {
      walk.stopped = problem;
      return walk;
    }
    learnLinkToken(walk, link);
    await actorStep(walk, () => runCodeCeremony(rec, walk, endpoints, link, claimToken));
    const completion = walk.ceremony?.completion;
    if (completion) {
      walk.secretBearing.push({ label: "complete", res: completion.res });
      walk.credential = str(bodyOf(completion.res).credential);
      if (walk.credential) {
        const http = rec.http("api");
        walk.read = await sendProbe(http, target.api.read, walk.credential);
        walk.agentFacing.push(walk.read);
        if (target.api.write) {
          walk.write = await sendProbe(http, target.api.write, walk.credential);
          walk.agentFacing.push(walk.write);
        }
      }
    }
    walk.mailCount = await mailCount(email, walk.registrationId);
    return walk;
  } finally {
    const done = walk.ceremony?.completion ? bodyOf(walk.ceremony.completion.res) : undefined;
    await recordCreated("VEM-01", walk.registrationId, "email-verification", done ? { type: done.credential_type, value: done.credential } : undefined);
  }
}

/** The actor could not act on the mail (no token in the link): the walk stops, it is no verdict. */
async function actorStep<T>(walk: WalkBase, step: () => Promise<T>): Promise<T | undefined> {
  try {
    return await step();
  } catch (err) {
    if (!(err instanceof UserActorError)) throw err;
    walk.stopped = err.message;
    return undefined;
  }
}

function learnLinkToken(walk: WalkBase, link: string): void {
  try {
    learn(walk, new URL(link).searchParams.get("token") ?? undefined);
  } catch {
    // not a URL: nothing to learn
  }
}

async function walkAnonymous(target: Target): Promise<AnonymousWalk> {
  const endpoints = claimEndpoints(target);
  const rec = new StepRecorder();
  const register = await rec.http("register").postJson(endpoints.register, { type: "anonymous", requested_credential_type: "api_key" });
  const registration = bodyOf(register);
  const walk: AnonymousWalk = {
    kind: "anonymous",
    steps: rec.steps,
    register,
    registration,
    email1: uniqueAddress("anon-a"),
    email2: uniqueAddress("anon-b"),
    agentFacing: [register],
    secretBearing: ok(register) ? [{ label: "register", res: register }] : [],
    userSecrets: [],
  };
  walk.registrationId = str(registration.registration_id);
  const key = str(registration.credential);
  const claimToken = str(registration.claim_token);
  const { read, write } = target.api;
  const probe = async (label: string, which: "read" | "write") => {
    const p = which === "read" ? read : write;
    if (!p || !key) return undefined;
    const res = await sendProbe(rec.http(label), p, key);
    walk.agentFacing.push(res);
    return res;
  };
  try {
    if (!ok(register) || !key || !claimToken) {
      walk.stopped = `the anonymous registration answered ${describeAnswer(register)} without ${!key ? "a credential" : "a claim_token"} (see ANON-01)`;
      return walk;
    }
    walk.key = key;
    walk.claimToken = claimToken;
    walk.readBefore = await probe("api:before", "read");
    walk.writeBefore = await probe("api:before", "write");

    walk.claim1 = await rec.http("claim").postJson(endpoints.claim, { claim_token: claimToken, email: walk.email1 });
    walk.agentFacing.push(walk.claim1);
    if (!ok(walk.claim1)) {
      walk.stopped = `/claim answered ${describeAnswer(walk.claim1)} (see ANON-02)`;
      return walk;
    }
    walk.writeAfterClaim = await probe("api:after-claim", "write");
    walk.claim2 = await rec.http("claim:second").postJson(endpoints.claim, { claim_token: claimToken, email: walk.email2 });
    walk.agentFacing.push(walk.claim2);
    const second = ok(walk.claim2);

    // Both mails are waited for at once: one wait period, not two.
    const [m1, m2] = await Promise.all([waitForClaimMail(walk.email1, "anonymous", walk.registrationId), second ? waitForClaimMail(walk.email2, "anonymous", walk.registrationId) : undefined]);
    if (m1.mail) walk.mail1 = m1.mail;
    else walk.mail1Problem = m1.problem;
    // A store keeping one mail per registration: the second /claim's mail replaced the first.
    if (m1.overwritten) walk.mail1Overwritten = true;
    if (m2?.mail) walk.mail2 = m2.mail;
    else if (m2) walk.mail2Problem = m2.problem;
    const mailCause = (second ? m2?.cause : m1.cause) ?? undefined;

    const link1 = walk.mail1 ? usableLink(rec, endpoints, walk.mail1) : undefined;
    const link2 = walk.mail2 ? usableLink(rec, endpoints, walk.mail2) : undefined;
    if (link1?.link) learnLinkToken(walk, link1.link);
    if (link2?.link) learnLinkToken(walk, link2.link);
    const current = second ? link2 : link1;
    if (!current?.link) {
      walk.stopped = (second ? walk.mail2Problem : walk.mail1Problem) ?? current?.problem ?? "no claim mail";
      if (mailCause) walk.cause = mailCause;
      return walk;
    }

    // The older link, after a newer attempt replaced it (before the current link mints, so a
    // stale link that still mints cannot disturb the rest of the walk).
    const id1 = str(bodyOf(walk.claim1).claim_attempt_id);
    const id2 = str(bodyOf(walk.claim2).claim_attempt_id);
    if (!second) walk.supersededSkipped = `the second /claim was refused (${describeAnswer(walk.claim2)}), so no link was superseded`;
    else if (!link1?.link) walk.supersededSkipped = walk.mail1Problem ?? link1?.problem ?? "the first claim mail has no usable link";
    else if (!id1 || id1 === id2) walk.supersededSkipped = "the second /claim did not start a new attempt (same claim_attempt_id; see ANON-03)";
    else {
      const stale = await actorStep(walk, () => reveal(rec, walk, endpoints, link1.link!, "challenge:superseded"));
      if (stale) walk.supersededReveal = stale.reveal;
    }

    await actorStep(walk, () =>
      runCodeCeremony(rec, walk, endpoints, current.link!, claimToken, async () => {
        walk.writeAfterCode = await probe("api:after-code", "write");
      }),
    );
    if (walk.ceremony?.completion) {
      walk.readAfter = await probe("api:after-complete", "read");
      walk.writeAfter = await probe("api:after-complete", "write");
    }
    walk.mailCount1 = await mailCount(walk.email1, walk.registrationId);
    if (second) walk.mailCount2 = await mailCount(walk.email2, walk.registrationId);
    return walk;
  } finally {
    await recordCreated("ANON-01", walk.registrationId, "anonymous", { type: registration.credential_type, value: key });
  }
}

// --- memoised per run ---------------------------------------------------------------------------

let verifiedEmail: Promise<VerifiedEmailWalk> | undefined;
let anonymous: Promise<AnonymousWalk> | undefined;

const VEM_WALK_IDS = ["VEM-*", "MAIL-01", "OTP-*", "CLM-03", "CLM-04", "SCO-06", "MAIL-03", "MAIL-04"];
const ANON_WALK_IDS = ["ANON-*", "SCO-*", "MAIL-02", "MAIL-03", "MAIL-04", "OTP-*", "CLM-03", "CLM-04", "CLM-05"];

/** Would the run's --only selection use this walk? (Then start it early, alongside the other.) */
function selected(globs: readonly string[]): boolean {
  const { only } = runtime().data;
  return claimRequirements.some((r) => matchesIdGlob(r.id, globs) && matchesIdGlob(r.id, only));
}

function startWalks(target: Target): void {
  // Both ceremonies wait for mail: start every selected one at once so the waits overlap.
  if (!verifiedEmail && advertisesVerifiedEmail(target) && selected(VEM_WALK_IDS)) {
    verifiedEmail = walkVerifiedEmail(target);
    verifiedEmail.catch(() => undefined);
  }
  if (!anonymous && advertisesAnonymous(target) && selected(ANON_WALK_IDS)) {
    anonymous = walkAnonymous(target);
    anonymous.catch(() => undefined);
  }
}

export function verifiedEmailWalk(target: Target): Promise<VerifiedEmailWalk> {
  startWalks(target);
  verifiedEmail ??= walkVerifiedEmail(target);
  return verifiedEmail;
}

export function anonymousWalk(target: Target): Promise<AnonymousWalk> {
  startWalks(target);
  anonymous ??= walkAnonymous(target);
  return anonymous;
}

export type SettledWalk<W> = { walk: W; absent?: undefined } | { walk?: undefined; absent: string };

/** A walk, or why there is none (not advertised, or a prerequisite missing); harness faults propagate. */
async function settle<W>(advertised: boolean, what: string, start: () => Promise<W>): Promise<SettledWalk<W>> {
  if (!advertised) return { absent: `${what} is not advertised` };
  try {
    return { walk: await start() };
  } catch (err) {
    if (err instanceof CheckFailure) return { absent: err.message };
    throw err;
  }
}

/** Both ceremonies the target advertises (for rules that hold in either flow). */
export async function allWalks(target: Target): Promise<{ walks: (VerifiedEmailWalk | AnonymousWalk)[]; absent: string[] }> {
  // Without agent_auth nothing is "not advertised": the discovery cause blocks the check.
  requireAgentAuth(target);
  startWalks(target);
  const [v, a] = await Promise.all([
    settle(advertisesVerifiedEmail(target), "verified_email", () => verifiedEmailWalk(target)),
    settle(advertisesAnonymous(target), "anonymous", () => anonymousWalk(target)),
  ]);
  const walks: (VerifiedEmailWalk | AnonymousWalk)[] = [];
  const absent: string[] = [];
  for (const s of [v, a]) {
    if (s.walk) walks.push(s.walk);
    else absent.push(s.absent);
  }
  return { walks, absent };
}

export function walkName(walk: VerifiedEmailWalk | AnonymousWalk): string {
  return walk.kind === "verified-email" ? "verified_email" : "anonymous";
}

