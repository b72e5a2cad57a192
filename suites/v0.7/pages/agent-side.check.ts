import type { HttpResponse } from "../../../src/http/client.ts";
import { parsePage } from "../../../src/actors/v0_7/html-forms.ts";
import type { AgentV07 } from "../../../src/profiles/v0_7/agent.ts";
import { assert, check, type CheckContext, notTestable, skip } from "../../../src/suite/index.ts";
import { configuredExistingAccount } from "../support/accounts.ts";
import { agentWith } from "../support/agent.ts";
import { anonymousCeremony, bodyOf, type CeremonyBlock, ceremonyBlock, freshHint } from "../support/ceremony.ts";
import { idJagWithEmail } from "../support/id-jag.ts";

// The claim page as an agent and an anonymous visitor see it (v0.7.md §12: PAGE-01, 02, 03, 12).
// Nothing here signs in as a service account; the user actor's checks do that.

/** The ceremony blocks this run can get without a user: anonymous claims, service_auth, a first-link 401. */
async function ceremonies(ctx: CheckContext, agent: AgentV07, anonymousCount: number): Promise<{ kind: string; block: CeremonyBlock }[]> {
  const out: { kind: string; block: CeremonyBlock }[] = [];
  for (let i = 0; i < anonymousCount; i++) out.push({ kind: "anonymous claim", block: (await anonymousCeremony(ctx, agent)).attempt });
  const sa = await agent.register({ type: "service_auth", loginHint: freshHint("page") });
  const saBlock = ceremonyBlock(bodyOf(sa).claim);
  if (sa.status === 200 && saBlock) out.push({ kind: "service_auth", block: saBlock });
  const account = configuredExistingAccount();
  if (account !== undefined) {
    const step = await agent.register({ type: "identity_assertion", assertion: (await idJagWithEmail(ctx, account)).assertion });
    const stepBlock = ceremonyBlock(bodyOf(step).claim);
    if (step.status === 401 && stepBlock) out.push({ kind: "first-link", block: stepBlock });
  }
  return out;
}

/** Every reading of a URI an eye or a log might see: as is, and percent-decoded twice. */
function readings(uri: string): string[] {
  const out = [uri];
  for (let i = 0; i < 2; i++) {
    try {
      out.push(decodeURIComponent(out[out.length - 1]!));
    } catch {
      break;
    }
  }
  return out;
}

check("PAGE-01", async (ctx) => {
  const agent = agentWith(ctx, "identity", "claim");
  const found = await ceremonies(ctx, agent, 1);
  const problems: string[] = [];
  for (const { kind, block } of found) {
    if (!block.verificationUri || !block.userCode) {
      problems.push(`${kind}: no verification_uri or user_code`);
      continue;
    }
    const uri = block.verificationUri;
    if (readings(uri).some((r) => r.includes(block.userCode!))) problems.push(`${kind}: the verification_uri carries the user_code ${block.userCode}`);
    let url: URL | undefined;
    try {
      url = new URL(uri);
    } catch {
      problems.push(`${kind}: the verification_uri ${JSON.stringify(uri)} is not an absolute URL`);
    }
    // The service's own page (its sign-in first): on an origin the run allows, i.e. the service's.
    if (url && !ctx.target.allowedOrigins.includes(url.origin)) problems.push(`${kind}: the verification_uri is on ${url.origin}, not the service's origin`);
  }
  ctx.evidence("ceremonies", found.map((f) => ({ kind: f.kind, verification_uri: f.block.verificationUri ?? null })));
  assert(problems.length === 0, `The verification_uri is not what AUTH.md v0.7 Step 4a describes (the service's own page; the user types the code, it is never in the link): ${problems.join("; ")}`, {
    expected: "a verification_uri on the service's origin that never contains the user_code",
    actual: problems,
  });
});

check("PAGE-02", async (ctx) => {
  const agent = agentWith(ctx, "identity", "claim");
  const found = await ceremonies(ctx, agent, 3);
  const problems: string[] = [];
  for (const { kind, block } of found) {
    if (typeof block.userCode !== "string" || !/^[0-9]{6}$/.test(block.userCode)) problems.push(`${kind}: user_code ${JSON.stringify(block.raw.user_code ?? null)} is not 6 digits`);
    if (!Number.isInteger(block.expiresIn) || block.expiresIn! <= 0 || block.expiresIn! > 600) problems.push(`${kind}: expires_in ${JSON.stringify(block.raw.expires_in ?? null)} is not an integer in 1…600`);
    if (!Number.isInteger(block.interval) || block.interval! <= 0) problems.push(`${kind}: interval ${JSON.stringify(block.raw.interval ?? null)} is not a positive integer`);
  }
  ctx.evidence("blocks", found.map((f) => ({ kind: f.kind, user_code_length: f.block.userCode?.length ?? null, expires_in: f.block.expiresIn ?? null, interval: f.block.interval ?? null })));
  assert(problems.length === 0, `The ceremony block breaks the user_code rules (S6 "Security Considerations": 6 digits, a short TTL; AUTH.md v0.7 Step 4): ${problems.join("; ")}`, {
    expected: { user_code: "6 digits", expires_in: "1…600", interval: "positive integer" },
    actual: problems,
  });
});

/** The claim page a verification_uri leads to: its `return_to` (resolved), or the URI itself. */
function claimPageOf(verificationUri: string): { claimPage: string; signIn?: string } {
  const url = new URL(verificationUri);
  const returnTo = url.searchParams.get("return_to");
  if (returnTo === null) return { claimPage: verificationUri };
  return { claimPage: new URL(returnTo, url).toString(), signIn: `${url.origin}${url.pathname}` };
}

/** A page that offers the code form: an input for a user_code. */
function offersCodeForm(res: HttpResponse): boolean {
  if (!/html/i.test(res.headers["content-type"] ?? "")) return false;
  return parsePage(res.text).forms.some((form) => form.inputs.some((i) => i.name === "user_code" || i.autocomplete === "one-time-code" || (i.pattern !== undefined && /\[0-9\]|\\d/.test(i.pattern))));
}

check("PAGE-03", async (ctx) => {
  const agent = agentWith(ctx, "identity", "claim");
  const { attempt } = await anonymousCeremony(ctx, agent);
  if (!attempt.verificationUri) notTestable("the claim_attempt has no verification_uri (CLMEP-02 judges it)");
  const { claimPage, signIn } = claimPageOf(attempt.verificationUri);
  const res = await agent.visit(claimPage);
  const location = res.headers.location;
  ctx.evidence("visit", { claimPage, status: res.status, location: location ?? null });
  const details = { expected: "a redirect to the service's sign-in, no code form", actual: { status: res.status, location: location ?? null } };
  assert(!offersCodeForm(res), `The claim page ${claimPage} shows the code form to a visitor with no session (${res.status}); it must send them to sign in first (S6 "User-facing claim form" 1–3)`, details);
  assert(res.status >= 300 && res.status < 400 && location !== undefined, `The claim page answered ${res.status} to a visitor with no session, expected a redirect to sign-in`, details);
  const target = new URL(location, claimPage);
  assert(target.toString() !== claimPage, "The claim page redirects a visitor with no session to itself", details);
  if (signIn !== undefined) assert(`${target.origin}${target.pathname}` === signIn, `The claim page redirects to ${target.origin}${target.pathname}, not to the sign-in page ${signIn} its verification_uri goes through`, details);
});

const EVIL_RETURN_TO = ["https://evil.example/", "//evil.example/"];

check("PAGE-12", async (ctx) => {
  const agent = agentWith(ctx, "identity", "claim");
  const { attempt } = await anonymousCeremony(ctx, agent);
  if (!attempt.verificationUri) notTestable("the claim_attempt has no verification_uri (CLMEP-02 judges it)");
  const { claimPage, signIn: viaUri } = claimPageOf(attempt.verificationUri);
  // A verification_uri straight to the claim page (§15 P11): its redirect of a visitor with no
  // session names the sign-in page (PAGE-03 judges that redirect).
  let signIn = viaUri;
  if (signIn === undefined) {
    const visit = await agent.visit(claimPage);
    const location = visit.headers.location;
    if (visit.status >= 300 && visit.status < 400 && location !== undefined) {
      const target = new URL(location, claimPage);
      if (target.searchParams.has("return_to")) signIn = `${target.origin}${target.pathname}`;
    }
  }
  if (signIn === undefined) skip("neither the verification_uri nor the claim page's redirect to sign-in carries a return_to parameter: the service has no return_to to abuse");
  const origin = new URL(signIn).origin;
  const offsite: string[] = [];
  let exercised = 0;
  for (const evil of EVIL_RETURN_TO) {
    const page = await agent.visit(`${signIn}?return_to=${encodeURIComponent(evil)}`);
    const redirected = page.headers.location;
    if (page.status >= 300 && page.status < 400 && redirected !== undefined) {
      if (new URL(redirected, signIn).origin !== origin) offsite.push(`GET ${signIn}?return_to=${evil} → ${redirected}`);
      exercised++;
      continue;
    }
    // The sign-in form, posted by an attacker's page with the return_to it wants (a fresh account).
    const form = parsePage(page.text).forms.find((f) => f.method === "post" && f.inputs.some((i) => i.name === "return_to"));
    const account = form?.inputs.find((i) => i.type === "email" || /email|user|login/i.test(i.name));
    if (!form || !account || form.inputs.some((i) => i.type === "password")) {
      ctx.note(`The sign-in page for return_to=${evil} has no email-only form with a return_to field (${page.status}): the redirect after sign-in is not exercised`);
      continue;
    }
    const fields = Object.fromEntries(form.inputs.filter((i) => i.type === "hidden").map((i) => [i.name, i.value]));
    const action = new URL(form.action || signIn, signIn).toString();
    const res = await agent.submitForm(action, { ...fields, [account.name]: freshHint("page12"), return_to: evil });
    exercised++;
    const location = res.headers.location;
    if (location !== undefined && new URL(location, action).origin !== origin) offsite.push(`POST ${action} return_to=${evil} → ${location}`);
  }
  ctx.evidence("signIn", { signIn, exercised });
  if (exercised === 0) notTestable("the sign-in page neither redirected nor offered an email-only form: return_to could not be exercised");
  assert(offsite.length === 0, `The sign-in redirects to another origin through return_to (an open redirect; c6 login.ts sanitizeReturnTo keeps same-origin paths only): ${offsite.join("; ")}`, {
    expected: `redirects on ${origin} only`,
    actual: offsite,
  });
});
