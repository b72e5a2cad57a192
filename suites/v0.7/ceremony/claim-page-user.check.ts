import { setTimeout as sleep } from "node:timers/promises";
import type { ActorCookie, ActorResult } from "../../../src/actors/v0_7/types.ts";
import { assert, check, type CheckContext, notTestable, recordActorResult, skip, slowTier, userActorConfig, withUserActor } from "../../../src/suite/index.ts";
import { waiting } from "../../../src/suite/progress.ts";
import { agentWith } from "../support/agent.ts";
import {
  accounts,
  anonymousCeremonyFor,
  answeredWith,
  bodyOf,
  confirmedBy,
  deadlineOf,
  judgeWrongAccount,
  minted,
  otherCode,
  pollClaimGrant,
  stepUpCeremonyFor,
  userConfirms,
  wrongAccountVisit,
} from "../support/user-ceremony.ts";

// The service-owned claim page (v0.7.md §12 PAGE-04…11), through the user actor.

check("PAGE-04", async (ctx) => {
  const { confirm, other } = accounts();
  const agent = agentWith(ctx, "identity", "claim", "token");
  const { ceremony } = await anonymousCeremonyFor(ctx, agent, confirm.email);
  const result = await userConfirms(ctx, "wrong account", ceremony.block, other, "wrong-account");
  judgeWrongAccount(wrongAccountVisit(result), other.email, confirm.email);
});

check("PAGE-05", async (ctx) => {
  const { confirm } = accounts();
  const agent = agentWith(ctx, "identity", "claim", "token");
  const { ceremony } = await anonymousCeremonyFor(ctx, agent, confirm.email);
  // The wrong code is a live one: another ceremony's, so "any live code" is caught too.
  const { ceremony: elsewhere } = await anonymousCeremonyFor(ctx, agent, confirm.email);
  const wrong = elsewhere.block.userCode !== ceremony.block.userCode ? elsewhere.block.userCode : otherCode(ceremony.block.userCode);
  const result = await userConfirms(ctx, "wrong code", ceremony.block, confirm, "wrong-code", wrong);
  const actual = { outcome: result.outcome, reason: result.reason ?? null, submitStatus: result.submitStatus ?? null };
  assert(result.outcome !== "confirmed", `The claim page accepted a wrong user_code (another ceremony's live code); status ${result.httpStatus ?? "none"}`, { expected: "refused (401 in the reference)", actual });
  assert(result.outcome === "refused", `A wrong user_code was answered ${result.outcome} (status ${result.httpStatus ?? "none"}), not refused on the page`, { expected: "refused (401 in the reference)", actual });
  const poll = await pollClaimGrant(agent, ceremony.claimToken, ceremony.block.interval);
  assert(!minted(poll), "After a wrong user_code the claim grant minted tokens; the registration must stay pending (AUTH.md v0.7 Errors: user_code errors \"never reach you\")", {
    expected: "400 authorization_pending",
    actual: answeredWith(poll),
  });
  // The pending vocabulary itself is TOK-CLM-01's rule.
  if (bodyOf(poll).error !== "authorization_pending") ctx.note(`The poll after the wrong code answered ${poll.status} ${String(bodyOf(poll).error ?? "")} (TOK-CLM-01 judges the vocabulary)`);
});

/** How many wrong codes PAGE-06 tries before calling the form unlimited (v0.1 FUZZ-OTP-LOCK-01 used 20). */
const WRONG_CODE_TRIES = 20;

check("PAGE-06", async (ctx) => {
  const { confirm } = accounts();
  const agent = agentWith(ctx, "identity", "claim", "token");
  const { ceremony } = await anonymousCeremonyFor(ctx, agent, confirm.email);
  let wrongAnswered = 0;
  let stopped: ActorResult | undefined;
  await withUserActor(async (actor) => {
    const real = ceremony.block.userCode;
    for (let i = 0; i < WRONG_CODE_TRIES; i++) {
      // real + 1, real + 2, …: never the real code, always of its shape.
      const code = String((Number.parseInt(real, 10) + 1 + i) % 10 ** real.length).padStart(real.length, "0");
      const result = await actor.confirm({ verificationUri: ceremony.block.verificationUri, userCode: code, account: confirm, intent: "wrong-code", deadline: deadlineOf(ceremony.block) });
      if (result.outcome === "refused" && result.reason !== "too-many-attempts") {
        wrongAnswered += 1;
        continue;
      }
      stopped = result;
      recordActorResult(ctx, "attempt that ended the series", result);
      return;
    }
  });
  ctx.evidence("wrong codes", { tried: wrongAnswered + (stopped ? 1 : 0), answeredWrongCode: wrongAnswered, endedWith: stopped ? { outcome: stopped.outcome, reason: stopped.reason ?? null, status: stopped.httpStatus ?? null } : null });
  if (stopped?.outcome === "confirmed") notTestable("a wrong user_code confirmed the ceremony (PAGE-05 judges it)");
  if (stopped?.outcome === "error") notTestable(`the actor could not submit a code (${stopped.reason ?? "error"})`);
  if (stopped) ctx.note(`The form action stopped taking codes after ${wrongAnswered} wrong ones (${stopped.outcome}${stopped.reason ? `: ${stopped.reason}` : ""}, status ${stopped.httpStatus ?? "none"})`);
  assert(stopped !== undefined, `The form action answered "wrong code" to all ${WRONG_CODE_TRIES} wrong user_codes on one attempt: no retry limit or lockout (S6 "Security Considerations": 6-digit codes are guess-bounded only by lockout)`, {
    expected: `a lockout (429, or the attempt closed) within ${WRONG_CODE_TRIES} wrong codes`,
    actual: { wrongCodesAnswered: wrongAnswered },
  });
});

/** A code lifetime this short is waited out in any run; a longer one needs the slow tier. */
const FAST_EXPIRY_SECONDS = 30;

check("PAGE-07", async (ctx) => {
  const { confirm } = accounts();
  const agent = agentWith(ctx, "identity", "claim", "token");
  const { ceremony } = await anonymousCeremonyFor(ctx, agent, confirm.email);
  const lifetime = ceremony.block.expiresIn;
  if (lifetime === undefined) notTestable("the ceremony block has no expires_in (PAGE-02 judges it)");
  if (lifetime > FAST_EXPIRY_SECONDS && !slowTier()) skip(`needs --slow: the user_code lives ${lifetime} s (expires_in) and this target does not let the config shorten it`);
  const waitMs = (lifetime + 1) * 1000;
  waiting(`the user_code's lifetime (expires_in ${lifetime} s)`, waitMs);
  await sleep(waitMs);
  // The expired link, and the form action posted directly with the (correct, expired) code.
  const result = await withUserActor((actor) =>
    actor.confirm({ verificationUri: ceremony.block.verificationUri, userCode: ceremony.block.userCode, account: confirm, intent: "stale-link", deadline: new Date(Date.now() + 60_000) }),
  );
  recordActorResult(ctx, "expired code", result);
  assert(result.outcome !== "confirmed", `A user_code past its expires_in (${lifetime} s) still confirmed the claim (status ${result.httpStatus ?? "none"}); it must be refused on submit (410 in the reference)`, {
    expected: "expired (410)",
    actual: { outcome: result.outcome, pageStatus: result.pageStatus ?? null, submitStatus: result.submitStatus ?? null },
  });
  const poll = await pollClaimGrant(agent, ceremony.claimToken, ceremony.block.interval);
  assert(!minted(poll), "After an expired user_code was submitted, the claim grant minted tokens", { expected: "no token", actual: answeredWith(poll) });
});

check("PAGE-08", async (ctx) => {
  const { confirm } = accounts();
  const agent = agentWith(ctx, "identity", "claim", "token");
  const { ceremony } = await anonymousCeremonyFor(ctx, agent, confirm.email);
  await confirmedBy(ctx, "user confirms", ceremony.block, confirm);
  // The same link and code again: the page, and the form action posted directly.
  const replay = await userConfirms(ctx, "completed ceremony again", ceremony.block, confirm, "replay");
  assert(replay.outcome !== "confirmed", `A completed ceremony was completed again (status ${replay.httpStatus ?? "none"}); the link must answer "already claimed" / "link invalid" (c6 routes/claim.ts)`, {
    expected: "already claimed (409) or link invalid (404)",
    actual: { outcome: replay.outcome, pageStatus: replay.pageStatus ?? null, submitStatus: replay.submitStatus ?? null },
  });
});

// Advisory wording of CL v0.6.0 as services phrase it: "This is the first agent linked to …",
// "<provider> has never been linked to … before".
const ADVISORY_WORDING = /\bfirst (agent|time|link)|never been linked|not been linked before|new (identity )?provider/i;

check("PAGE-09", async (ctx) => {
  // The `other` account: the run's first-link and claim checks link the `confirm` account, and a
  // service may show the advisories only on a first link (the reference does: c6 claim.ts
  // computeAdvisories), so the account least likely to be linked already is used.
  const { other } = accounts();
  const agent = agentWith(ctx, "identity", "token");
  const ceremony = await stepUpCeremonyFor(ctx, agent, { email: other.email });
  const result = await userConfirms(ctx, "claim page", ceremony.block, other, "approve");
  const text = result.claimPageText;
  if (text === undefined) skip(`the ${result.adapter} user actor reports no claim page text`);
  if (ceremony.issuer === undefined) notTestable("the minted ID-JAG names no issuer");
  ctx.evidence("claim page text", text.slice(0, 1000));
  // first_time_provider names the provider: by its issuer or host, or by the display name the
  // service's trust list gives it (unknown to the suite, so the advisory's wording is looked for).
  const host = new URL(ceremony.issuer).host;
  const named = text.includes(ceremony.issuer) || text.includes(host);
  const worded = ADVISORY_WORDING.test(text);
  assert(named || worded, `The first-link claim page for ${other.email} shows no advisory: it neither names the provider (${ceremony.issuer}) nor says this is a first link (CL v0.6.0 "Added": first_time_account, first_time_provider). A service that shows them only on the first link of this provider to the account needs a run where no earlier check linked them`, {
    expected: `the page names ${ceremony.issuer} or ${host}, or carries first-link advisory wording`,
    actual: text.slice(0, 300),
  });
});

/** The session cookie: the configured name, else every cookie the sign-in set. */
function sessionCookies(result: ActorResult): ActorCookie[] {
  const name = userActorConfig()?.sessionCookie;
  const cookies = result.cookies.filter((c) => name === undefined || c.name === name);
  if (cookies.length === 0) skip(`the ${result.adapter} user actor reported no ${name ?? "session"} cookie`);
  return cookies;
}

/** A fresh sign-in and a confirmed ceremony, whose cookies PAGE-10 and PAGE-11 read. */
async function signedInCookies(ctx: CheckContext): Promise<{ cookies: ActorCookie[]; origin: URL }> {
  const { confirm } = accounts();
  const agent = agentWith(ctx, "identity", "claim", "token");
  const { ceremony } = await anonymousCeremonyFor(ctx, agent, confirm.email);
  const result = await userConfirms(ctx, "sign-in", ceremony.block, confirm, "approve");
  return { cookies: sessionCookies(result), origin: new URL(ceremony.block.verificationUri) };
}

function strictEnough(sameSite: string | undefined): boolean {
  return sameSite !== undefined && ["lax", "strict"].includes(sameSite.toLowerCase());
}

check("PAGE-10", async (ctx) => {
  const { cookies, origin } = await signedInCookies(ctx);
  const problems: string[] = [];
  for (const c of cookies) {
    if (!c.httpOnly) problems.push(`${c.name} lacks HttpOnly`);
    if (!strictEnough(c.sameSite)) problems.push(`${c.name} has SameSite=${c.sameSite ?? "(absent)"}, not Lax or Strict`);
    // Secure is judged where the pages are served over https; over plain http a Secure cookie
    // would never come back (the reference drops it in development for that reason).
    if (origin.protocol === "https:" && !c.secure) problems.push(`${c.name} lacks Secure on an https page`);
  }
  if (origin.protocol !== "https:") ctx.note(`Secure not judged: the pages are served over ${origin.protocol.replace(":", "")} (${origin.host}), where a Secure cookie is never sent back`);
  assert(problems.length === 0, `Session cookie flags: ${problems.join("; ")} (CL v0.4.0; RFC 6265bis)`, {
    expected: "HttpOnly; SameSite=Lax or Strict; Secure on https",
    actual: cookies.map((c) => ({ name: c.name, attrs: c.attrs })),
  });
});

check("PAGE-11", async (ctx) => {
  const { cookies } = await signedInCookies(ctx);
  // The form carries no CSRF token in the reference: the defence is that a cross-site POST does
  // not carry the session cookie, which SameSite=Lax or Strict ensures.
  const open = cookies.filter((c) => !strictEnough(c.sameSite));
  ctx.note(`Session cookie SameSite: ${cookies.map((c) => `${c.name}=${c.sameSite ?? "(absent)"}`).join(", ")}`);
  assert(open.length === 0, `The session cookie ${open.map((c) => `${c.name} (SameSite=${c.sameSite ?? "absent"})`).join(", ")} is sent on a cross-site POST, so the claim form action is CSRF-able unless it checks a token of its own`, {
    expected: "SameSite=Lax or Strict on the session cookie",
    actual: cookies.map((c) => ({ name: c.name, attrs: c.attrs })),
  });
});
