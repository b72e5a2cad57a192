import { HarnessError } from "../../errors.ts";
import type { HttpClient, HttpResponse } from "../../http/client.ts";
import type { Exchange } from "../../http/exchange.ts";
import type { Redactor } from "../../http/redact.ts";
import type { UserActorConfig } from "./config.ts";
import { CookieJar } from "./cookie-jar.ts";
import { type ActorDeps, actorHttpClient, learnVerificationUri } from "./deps.ts";
import { type HtmlForm, type ParsedPage, approvalButtonOf, codeInputsOf, parsePage, refusalButtonOf } from "./html-forms.ts";
import { outcomeOf } from "./outcome.ts";
import { type ActorAccount, type ActorResult, type ActorStep, type ConfirmRequest, DIRECT_SUBMIT_INTENTS, type DenyRequest, type UserActorV07 } from "./types.ts";

const PAGE_TEXT_CHARS = 2_000;

/** A page as the user's client saw it after following redirects. */
interface Page {
  status: number;
  url: string;
  parsed: ParsedPage;
}

/**
 * The `form` adapter: scripted HTTP with a cookie jar, for server-rendered pages. It follows
 * verification_uri, signs in through the declared steps, finds the claim form, submits the code
 * and reads the verdict from the status (and configured text).
 */
export class FormUserActor implements UserActorV07 {
  readonly kind = "form" as const;
  private readonly jar = new CookieJar();
  private readonly http: HttpClient;
  private readonly redactor: Redactor;
  /** Whom the jar's session belongs to, so a confirm as another account signs out first. */
  private signedInAs: string | undefined;
  /** The origin of the last ceremony: where signOut() goes. */
  private lastOrigin: string | undefined;

  constructor(
    private readonly config: UserActorConfig,
    deps: ActorDeps,
  ) {
    ({ http: this.http, redactor: this.redactor } = actorHttpClient(deps, config.allowedOrigins, config.requestTimeoutMs));
  }

  confirm(request: ConfirmRequest): Promise<ActorResult> {
    return this.run(request, "approve");
  }

  deny(request: DenyRequest): Promise<ActorResult> {
    return this.run({ ...request, userCode: "", intent: "deny" }, "deny");
  }

  async signOut(): Promise<void> {
    const out = this.config.signOut;
    const origin = this.lastOrigin;
    this.signedInAs = undefined;
    if (out !== undefined && origin !== undefined) {
      const url = new URL(out.url, origin).toString();
      const headers: Record<string, string> = { accept: "text/html" };
      const cookie = this.jar.header(url);
      if (cookie !== undefined) headers.cookie = cookie;
      if (out.method === "POST") headers["content-type"] = "application/x-www-form-urlencoded";
      try {
        await this.http.send({ method: out.method, url, headers, ...(out.method === "POST" ? { body: "" } : {}) });
      } catch {
        // Forgetting the cookies below ends the session as far as this actor is concerned.
      }
    }
    this.jar.clear();
  }

  async close(): Promise<void> {
    this.jar.clear();
  }

  private async run(request: ConfirmRequest, mode: "approve" | "deny"): Promise<ActorResult> {
    const evidence: Exchange[] = [];
    const steps: ActorStep[] = [];
    const session = new FormSession(this.http.withLog(evidence), this.jar, this.redactor, this.config, request.deadline, steps);
    const result = (fields: Omit<ActorResult, "adapter" | "cookies" | "steps" | "evidence">): ActorResult => ({
      adapter: "form",
      ...fields,
      cookies: this.jar.takeSeen(),
      steps,
      evidence,
    });
    try {
      this.lastOrigin = new URL(request.verificationUri).origin;
      learnVerificationUri(this.redactor, request.verificationUri);
      if (this.signedInAs !== undefined && this.signedInAs !== request.account.email) await this.signOut();
      let page = await this.signedInPage(session, request.verificationUri, request.account);
      if (isSignInPage(page.parsed, this.config)) return result({ outcome: "error", reason: "sign-in failed", httpStatus: page.status, pageText: excerpt(page) });
      steps.push({ step: "claim-page", url: this.redactor.url(page.url), status: page.status });
      const claimPageText = excerpt(page);
      const form = claimFormOf(page.parsed, this.config);
      if (form === undefined) {
        const verdict = outcomeOf(page.status, page.parsed.text, this.config.text, false);
        const shown = verdict.outcome === "unknown" ? { outcome: "unknown" as const, reason: "no claim form" } : verdict;
        if (DIRECT_SUBMIT_INTENTS.includes(request.intent) && this.canSubmitDirectly()) {
          const submitted = await session.submitDirectly(page.url, request.userCode);
          const afterSubmit = outcomeOf(submitted.status, submitted.parsed.text, this.config.text, true);
          const outcome = shown.outcome === "refused" && afterSubmit.outcome === "refused" ? shown : afterSubmit;
          return result({ ...outcome, httpStatus: submitted.status, pageStatus: page.status, submitStatus: submitted.status, pageText: excerpt(submitted), claimPageText });
        }
        return result({ ...shown, httpStatus: page.status, pageStatus: page.status, pageText: excerpt(page), claimPageText });
      }
      const button = mode === "deny" ? (this.config.claim.deny ?? refusalButtonOf(form)) : (this.config.claim.approve ?? approvalButtonOf(form));
      if (mode === "deny" && button === undefined) return result({ outcome: "error", reason: "no refusal control on the claim page", httpStatus: page.status, pageStatus: page.status, pageText: excerpt(page), claimPageText });
      const codeField = mode === "deny" ? undefined : codeFieldOf(form, this.config);
      if (mode === "approve" && codeField === undefined) return result({ outcome: "error", reason: "no code field on the claim form (set claim.codeField)", httpStatus: page.status, pageStatus: page.status, pageText: excerpt(page), claimPageText });
      const fields = hiddenFieldsOf(form);
      if (codeField !== undefined) fields.push([codeField, request.userCode]);
      if (button?.name !== undefined) fields.push([button.name, button.value]);
      page = await session.submit(form, page.url, fields, "submit");
      const verdict = outcomeOf(page.status, page.parsed.text, this.config.text, true);
      const denied = mode === "deny" && verdict.outcome === "confirmed" ? { outcome: "refused" as const, reason: "denied" } : verdict;
      return result({ ...denied, httpStatus: page.status, pageStatus: steps.find((s) => s.step === "claim-page")?.status, submitStatus: page.status, pageText: excerpt(page), claimPageText });
    } catch (err) {
      const e = err instanceof HarnessError ? err : new HarnessError("internal", String((err as Error)?.message ?? err));
      return result({ outcome: "error", reason: `${e.code}: ${e.message}` });
    }
  }

  /** Opens verification_uri (after the declared sign-in page, if any) and signs in where asked. */
  private async signedInPage(session: FormSession, verificationUri: string, account: ActorAccount): Promise<Page> {
    const signIn = this.config.signIn;
    if (signIn.url !== undefined && this.signedInAs === undefined) {
      const loginPage = await session.open(new URL(signIn.url, verificationUri).toString(), "sign-in");
      await this.signInOn(session, loginPage, account);
    }
    let page = await session.open(verificationUri, "open");
    if (isSignInPage(page.parsed, this.config)) page = await this.signInOn(session, page, account);
    return page;
  }

  private async signInOn(session: FormSession, page: Page, account: ActorAccount): Promise<Page> {
    const signIn = this.config.signIn;
    const form = signInFormOf(page.parsed, this.config);
    if (form === undefined) throw new HarnessError("usage", `No sign-in form with field "${signIn.accountField}" at ${this.redactor.url(page.url)}`, "userActor.signIn");
    const fields = hiddenFieldsOf(form).filter(([name]) => !(name in signIn.fields));
    fields.push(...Object.entries(signIn.fields), [signIn.accountField, account.email]);
    if (signIn.passwordField !== undefined) {
      if (account.password === undefined) throw new HarnessError("config_invalid", `The sign-in asks for a password and account ${account.email} has none`, "userActor.accounts");
      fields.push([signIn.passwordField, account.password]);
    }
    const button = approvalButtonOf(form);
    if (button?.name !== undefined) fields.push([button.name, button.value]);
    const landed = await session.submit(form, page.url, fields, "sign-in");
    const cookie = signIn.successCookie ?? this.config.sessionCookie;
    // The page after sign-in may well refuse (a wrong account, a stale link): success is the
    // session cookie, or else not being shown the sign-in form again.
    const ok =
      (cookie !== undefined ? this.jar.has(cookie) : !isSignInPage(landed.parsed, this.config)) &&
      (signIn.successText === undefined || new RegExp(signIn.successText, "i").test(landed.parsed.text));
    if (!ok) this.jar.clear();
    if (!ok) throw new HarnessError("usage", `Sign-in as ${account.email} did not succeed (status ${landed.status}${cookie !== undefined && !this.jar.has(cookie) ? `, no ${cookie} cookie` : ""})`, "userActor.signIn");
    this.signedInAs = account.email;
    return landed;
  }

  private canSubmitDirectly(): boolean {
    const claim = this.config.claim;
    return claim.directSubmitOnRefusal && claim.formAction !== undefined && claim.codeField !== undefined;
  }
}

/** One ceremony's requests: the jar's cookies on each, redirects followed by hand so every hop's cookies are kept. */
class FormSession {
  constructor(
    private readonly http: HttpClient,
    private readonly jar: CookieJar,
    private readonly redactor: Redactor,
    private readonly config: UserActorConfig,
    private readonly deadline: Date,
    private readonly steps: ActorStep[],
  ) {}

  async open(url: string, step: ActorStep["step"]): Promise<Page> {
    const page = await this.follow({ method: "GET", url });
    this.steps.push({ step, url: this.redactor.url(page.url), status: page.status });
    return page;
  }

  submit(form: HtmlForm, pageUrl: string, fields: [string, string][], step: ActorStep["step"]): Promise<Page> {
    const target = new URL(form.action === "" ? pageUrl : form.action, pageUrl);
    return this.send(form.method, target, fields, step);
  }

  /** PAGE-04: the form action, posted without the page's form (its hidden fields from the page URL's query). */
  submitDirectly(claimPageUrl: string, userCode: string): Promise<Page> {
    const claim = this.config.claim;
    const fields: [string, string][] = [...new URL(claimPageUrl).searchParams.entries()];
    fields.push([claim.codeField ?? "user_code", userCode]);
    if (claim.approve !== undefined) fields.push([claim.approve.name, claim.approve.value]);
    return this.send("post", new URL(claim.formAction ?? "", claimPageUrl), fields, "direct-submit");
  }

  private async send(method: string, target: URL, fields: [string, string][], step: ActorStep["step"]): Promise<Page> {
    const encoded = new URLSearchParams(fields).toString();
    const page =
      method === "post"
        ? await this.follow({ method: "POST", url: target.toString(), body: encoded })
        : await this.follow({ method: "GET", url: `${target.origin}${target.pathname}?${encoded}` });
    this.steps.push({ step, url: this.redactor.url(page.url), status: page.status });
    return page;
  }

  private async follow(first: { method: string; url: string; body?: string }): Promise<Page> {
    let current = first;
    for (let hop = 0; hop <= this.config.maxRedirects; hop++) {
      const res = await this.once(current);
      const location = res.headers["location"];
      if (res.status < 300 || res.status >= 400 || location === undefined) return { status: res.status, url: res.url, parsed: parsePage(res.text) };
      const next = new URL(location, res.url).toString();
      if (!this.http.isAllowed(next)) {
        throw new HarnessError("redirect_refused", `${this.redactor.url(res.url)} redirected the user to ${new URL(next).origin}, not an allowed origin (userActor.allowedOrigins)`, "userActor.allowedOrigins");
      }
      const keepMethod = res.status === 307 || res.status === 308;
      current = keepMethod ? { ...current, url: next } : { method: "GET", url: next };
    }
    throw new HarnessError("redirect_refused", `More than ${this.config.maxRedirects} redirects from ${this.redactor.url(first.url)}`, "userActor.maxRedirects");
  }

  private async once(req: { method: string; url: string; body?: string }): Promise<HttpResponse> {
    const left = this.deadline.getTime() - Date.now();
    if (left <= 0) throw new HarnessError("timeout", "The ceremony's deadline passed before the user finished", "deadline");
    const headers: Record<string, string> = { accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5" };
    const cookie = this.jar.header(req.url);
    if (cookie !== undefined) headers.cookie = cookie;
    if (req.body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
    const res = await this.http.send({
      method: req.method,
      url: req.url,
      headers,
      ...(req.body !== undefined ? { body: req.body } : {}),
      timeoutMs: Math.min(this.config.requestTimeoutMs, left),
    });
    this.jar.store(res.url, res.setCookies ?? []);
    for (const value of this.jar.values()) this.redactor.register(value);
    return res;
  }
}

function isSignInPage(page: ParsedPage, config: UserActorConfig): boolean {
  return signInFormOf(page, config) !== undefined && claimFormOf(page, config) === undefined;
}

function signInFormOf(page: ParsedPage, config: UserActorConfig): HtmlForm | undefined {
  const { formAction, accountField } = config.signIn;
  return page.forms.find((f) => (formAction === undefined || actionEndsWith(f, formAction)) && f.inputs.some((i) => i.name === accountField && i.type !== "hidden"));
}

function claimFormOf(page: ParsedPage, config: UserActorConfig): HtmlForm | undefined {
  const { formAction } = config.claim;
  if (formAction !== undefined) return page.forms.find((f) => actionEndsWith(f, formAction));
  return page.forms.find((f) => codeFieldOf(f, config) !== undefined);
}

function codeFieldOf(form: HtmlForm, config: UserActorConfig): string | undefined {
  const named = config.claim.codeField;
  if (named !== undefined) return form.inputs.some((i) => i.name === named) ? named : undefined;
  const candidates = codeInputsOf(form);
  return candidates.length === 1 ? candidates[0]?.name : undefined;
}

function hiddenFieldsOf(form: HtmlForm): [string, string][] {
  return form.inputs.filter((i) => i.type === "hidden").map((i) => [i.name, i.value]);
}

function actionEndsWith(form: HtmlForm, suffix: string): boolean {
  const action = form.action.split("?")[0] ?? "";
  return action === suffix || action.endsWith(suffix);
}

function excerpt(page: Page): string {
  return page.parsed.text.slice(0, PAGE_TEXT_CHARS);
}
