import { CookieJar } from "../../../src/actors/v0_7/cookie-jar.ts";
import { approvalButtonOf, codeInputsOf, type HtmlForm, parsePage } from "../../../src/actors/v0_7/html-forms.ts";
import { AttackClient } from "../../../src/fuzz/attack-client.ts";
import { bruteforceCodes, bruteforceHeadline, type BruteforceResult, guessOrder } from "../../../src/fuzz/bruteforce.ts";
import { propertySeed } from "../../../src/fuzz/settings.ts";
import type { HttpClient, HttpResponse } from "../../../src/http/client.ts";
import type { AgentV07 } from "../../../src/profiles/v0_7/agent.ts";
import { assert, type CheckContext, check, notTestable, runtime, skip } from "../../../src/suite/index.ts";
import { settings } from "../../v0.1/support/fuzz-env.ts";
import { agentWith, isObject, registerAnonymous } from "../support/agent.ts";

// The user_code brute-force proof (v0.7.md PAGE-02/PAGE-06, RFC 8628 §5.1/§6.1; issue 16 item 4).
//
// Who can guess? In v0.7 the code is typed into the service's own claim form, behind sign-in, and
// the form action is bound to the account the login_hint names (PAGE-04). So the guesser is
// whoever reaches the form action with a session it accepts: the named account itself, or any
// account on a service whose form action does not bind it. The harness takes that position the
// only way it honestly can: it names an account it signs in as (the reference's password-less
// /login), then guesses the code of that ceremony at the form action, as v0.1's proof guesses the
// OTP of its own claim. What the proof measures is the form action's guessing bound (lockout,
// rate) against the code's lifetime; it does not show that a stranger could get a session.

/** A ceremony the harness started for an account it can sign in as. */
interface Ceremony {
  claimToken: string;
  verificationUri: string;
  expiresIn?: number;
  userCode?: string;
}

async function startCeremony(agent: AgentV07, claimToken: string, email: string): Promise<Ceremony | undefined> {
  const res = await agent.claim({ claimToken, loginHint: email });
  const block = isObject(res.json) && isObject(res.json.claim_attempt) ? res.json.claim_attempt : undefined;
  if (res.status !== 200 || block === undefined || typeof block.verification_uri !== "string") return undefined;
  return {
    claimToken,
    verificationUri: block.verification_uri,
    ...(typeof block.expires_in === "number" ? { expiresIn: block.expires_in } : {}),
    ...(typeof block.user_code === "string" ? { userCode: block.user_code } : {}),
  };
}

/** GET (or POST a form) with the jar's cookies, following same-origin redirects by hand (the jar sees every Set-Cookie). */
async function browse(http: HttpClient, jar: CookieJar, url: string, form?: Record<string, string>): Promise<HttpResponse> {
  let res = await http.send({
    method: form ? "POST" : "GET",
    url,
    headers: { accept: "text/html", ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}), ...cookieHeader(jar, url) },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
  });
  for (let hop = 0; hop < 5; hop++) {
    jar.store(res.url, res.setCookies ?? []);
    const location = res.headers.location;
    if (res.status < 300 || res.status >= 400 || !location) return res;
    const next = new URL(location, res.url).toString();
    if (!http.isAllowed(next)) return res;
    res = await http.send({ method: "GET", url: next, headers: { accept: "text/html", ...cookieHeader(jar, next) } });
  }
  return res;
}

function cookieHeader(jar: CookieJar, url: string): Record<string, string> {
  const cookie = jar.header(url);
  return cookie ? { cookie } : {};
}

function fieldsOf(form: HtmlForm, except: string): Record<string, string> {
  return Object.fromEntries(form.inputs.filter((i) => i.type === "hidden" && i.name !== "" && i.name !== except).map((i) => [i.name, i.value]));
}

/** Sign in at the verification_uri's sign-in form (one email field) and find the code form behind it. */
async function reachCodeForm(ctx: CheckContext, jar: CookieJar, ceremony: Ceremony, email: string): Promise<{ action: string; fixed: Record<string, string>; codeName: string }> {
  const first = await browse(ctx.http, jar, ceremony.verificationUri);
  const login = parsePage(first.text).forms.find((f) => f.method === "post" && f.inputs.some((i) => i.type === "email" || i.name === "email"));
  let page = first;
  if (login) {
    const emailInput = login.inputs.find((i) => i.type === "email" || i.name === "email")!;
    page = await browse(ctx.http, jar, new URL(login.action || first.url, first.url).toString(), { ...fieldsOf(login, emailInput.name), [emailInput.name]: email });
  }
  const form = parsePage(page.text).forms.find((f) => f.method === "post" && codeInputsOf(f).length > 0);
  if (!form) {
    notTestable(
      login
        ? `after signing in as ${email} at the verification_uri's sign-in form, ${page.url} answered ${page.status} without a code form (the raw attack path signs in the reference's way: one email field)`
        : `the verification_uri (${first.status} at ${first.url}) shows neither a one-field email sign-in form nor a code form: this proof needs the reference's password-less sign-in`,
    );
  }
  const codeName = codeInputsOf(form)[0]!.name;
  const approve = approvalButtonOf(form);
  return {
    action: new URL(form.action || page.url, page.url).toString(),
    fixed: { ...fieldsOf(form, codeName), ...(approve?.name ? { [approve.name]: approve.value } : {}) },
    codeName,
  };
}

/** With --prove-otp-bruteforce the check may run as long as the search (plus the ceremonies around it). */
function bruteforceTimeout(): { timeoutMs?: number } {
  const s = settings();
  return s.proveOtpBruteforce ? { timeoutMs: Math.max(runtime().data.requestTimeoutMs, 0) + s.bruteforce.maxMs + 120_000 } : {};
}

/** Codes learnt from re-initiated ceremonies of the harness's own registration (as an attacker can mint them). */
const LEARN_CEREMONIES = 30;

check("FUZZ-UC-BRUTE-01", async (ctx) => {
  const s = settings();
  if (!s.proveOtpBruteforce) skip("opt-in attack mode: run with --prove-otp-bruteforce (fuzz.proveOtpBruteforce) to guess a user_code outside the run's budget and rate limit");
  const seed = propertySeed(ctx.run.seed, ctx.requirement.id);
  ctx.evidence("seed", ctx.run.seed);
  const agent = agentWith(ctx, "identity", "claim", "token");
  const email = `fuzz-bruteforce-${(seed >>> 0).toString(36)}@example.test`;

  // 1. Learn the code generator from ceremonies of a registration of our own.
  const learner = await registerAnonymous(ctx, agent);
  if (!learner.claimToken) notTestable("the anonymous registration returned no claim_token, so no ceremony can be started (ANON-01 judges it)");
  const sample: string[] = [];
  for (let i = 0; i < LEARN_CEREMONIES; i++) {
    const c = await startCeremony(agent, learner.claimToken, email);
    if (c?.userCode === undefined) break;
    sample.push(c.userCode);
  }
  if (sample.length === 0) notTestable(`POST claim_endpoint {type: "login_hint", login_hint: ${email}} started no ceremony with a user_code and a verification_uri (CLMEP-02 judges it)`);

  // 2. The victim ceremony: its code is never read, only its link, lifetime and form action.
  const victimReg = await registerAnonymous(ctx, agent);
  const victim = victimReg.claimToken ? await startCeremony(agent, victimReg.claimToken, email) : undefined;
  if (!victim) notTestable("a second ceremony could not be started");
  const revealedAt = Date.now();
  const jar = new CookieJar();
  const target = await reachCodeForm(ctx, jar, victim, email);
  const cookie = jar.header(target.action);
  if (!cookie) notTestable(`signing in as ${email} set no cookie for ${target.action}`);

  // 3. Guess, on a raw pool of its own: fixed bodies, nothing recorded, no budget or rate.
  const { bruteforce } = s;
  const lifetimeMs = victim.expiresIn !== undefined ? victim.expiresIn * 1000 : Number.NaN;
  const deadline = Math.min(Date.now() + bruteforce.maxMs, Number.isNaN(lifetimeMs) ? Number.POSITIVE_INFINITY : revealedAt + lifetimeMs);
  const client = new AttackClient({
    url: target.action,
    allowedOrigins: [...ctx.target.allowedOrigins],
    headers: { ...runtime().data.headers, "content-type": "application/x-www-form-urlencoded", cookie },
    connections: bruteforce.concurrency,
    requestTimeoutMs: runtime().data.requestTimeoutMs,
    maxBodyBytes: runtime().data.maxBodyBytes,
  });
  const prefix = `${new URLSearchParams(target.fixed).toString()}${Object.keys(target.fixed).length ? "&" : ""}${encodeURIComponent(target.codeName)}=`;
  let result: BruteforceResult;
  try {
    result = await bruteforceCodes({ client, body: (code) => `${prefix}${code}`, order: guessOrder(sample, seed), maxAttempts: bruteforce.maxAttempts, deadline, concurrency: bruteforce.concurrency, label: "user_code" });
  } finally {
    await client.close();
  }

  // 4. A changed 2xx is a hit only if the agent's poll says so (the claim grant hands out a token).
  let confirmation: string | undefined;
  if (result.fell) {
    const poll = await agent.token.claimGrant(victim.claimToken);
    const claimed = poll.status === 200 && isObject(poll.json) && typeof poll.json.access_token === "string";
    confirmation = `the claim grant answered ${poll.status}${claimed ? " with an access_token" : ""}`;
    if (!claimed) result = { ...result, fell: false, stoppedBy: "locked", stopAnswer: `${result.stopAnswer ?? "2xx"}, but ${confirmation}` };
  }
  const headline = bruteforceHeadline(result, Number.isNaN(lifetimeMs) ? undefined : lifetimeMs / 1000);
  ctx.evidence("bruteforce", {
    ...result,
    ...(confirmation ? { confirmation } : {}),
    attackPosition: `signed in as ${email}, the account the ceremony names (PAGE-04 binds the form action to it)`,
    formAction: target.action,
    budget: { maxAttempts: bruteforce.maxAttempts, rateLimit: "none", inFlight: bruteforce.concurrency, note: "http.requestBudget and maxRatePerSecond were lifted for this search only" },
    learntFromCodes: sample.length,
    codeLifetimeSeconds: victim.expiresIn ?? null,
    ...headline,
  });
  ctx.note(`--prove-otp-bruteforce (attack mode, outside the run's request budget and rate limit): ${headline.headline}.`);
  const covered = result.fell || (headline.fullSpaceFitsLifetime === true && result.stoppedBy !== "locked");
  const counterexample = { ...result, ...headline };
  if (covered) ctx.evidence("counterexample", counterexample);
  assert(!covered, `--prove-otp-bruteforce at ${target.action}: ${headline.headline}`, {
    expected: "the form action locks the ceremony (or slows guessing) before the 10^6 codes fit in the code's lifetime",
    actual: counterexample,
  });
}, bruteforceTimeout());
