import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext, Locator, Page, Response } from "playwright-core";
import { HarnessError } from "../../errors.ts";
import type { Exchange } from "../../http/exchange.ts";
import { type RawExchange, recordExchange } from "../../http/record.ts";
import { Redactor } from "../../http/redact.ts";
import type { UserActorConfig } from "./config.ts";
import { type ActorDeps, learnVerificationUri } from "./deps.ts";
import { parsePage } from "./html-forms.ts";
import { outcomeOf } from "./outcome.ts";
import { type ActorAccount, type ActorCookie, type ActorResult, type ActorStep, type ConfirmRequest, DIRECT_SUBMIT_INTENTS, type DenyRequest, type UserActorV07 } from "./types.ts";

/** Debian's Chromium, headless, quiet, with nothing phoning home (no browser is downloaded). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const ENCLOSING_FORM = "xpath=ancestor::form[1]";
const SUBMIT_CONTROLS = 'button:not([type]), button[type="submit"], input[type="submit"]';
const REFUSAL = /\b(deny|refuse|reject|decline|cancel)\b/i;
const PAGE_TEXT_CHARS = 2_000;

/**
 * The `browser` adapter: the same declared steps as the form adapter, played in a real headless
 * Chromium through playwright-core, for pages that need JavaScript. Each step's screenshot is a
 * PNG file (in `browser.screenshotDir`, default `<out>/user-actor`), named in the step; cookie
 * attributes come from the browser's own store. One fresh user-data-dir per actor, removed on close.
 */
export class BrowserUserActor implements UserActorV07 {
  readonly kind = "browser" as const;
  private context: BrowserContext | undefined;
  private userDataDir: string | undefined;
  private signedInAs: string | undefined;
  private lastOrigin: string | undefined;
  private shots = 0;
  private readonly redactor: Redactor;
  private readonly allowed: Set<string>;
  private readonly screenshotDir: string;

  constructor(
    private readonly config: UserActorConfig,
    deps: ActorDeps,
  ) {
    this.redactor = deps.redactor ?? new Redactor();
    this.allowed = new Set([...deps.allowedOrigins, ...config.allowedOrigins].map((o) => new URL(o).origin));
    this.screenshotDir = config.browser.screenshotDir ?? path.join(deps.outDir ?? path.join(tmpdir(), "authmd-conformance"), "user-actor");
  }

  confirm(request: ConfirmRequest): Promise<ActorResult> {
    return this.run(request, "approve");
  }

  deny(request: DenyRequest): Promise<ActorResult> {
    return this.run({ ...request, userCode: "", intent: "deny" }, "deny");
  }

  async signOut(): Promise<void> {
    this.signedInAs = undefined;
    const context = this.context;
    if (context === undefined) return;
    const out = this.config.signOut;
    if (out !== undefined && this.lastOrigin !== undefined) {
      const url = new URL(out.url, this.lastOrigin).toString();
      // The context's request API shares the browser's cookies.
      await context.request.fetch(url, { method: out.method, maxRedirects: 0, failOnStatusCode: false }).catch(() => undefined);
    }
    await context.clearCookies();
  }

  async close(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    this.context = undefined;
    if (this.userDataDir !== undefined) rmSync(this.userDataDir, { recursive: true, force: true });
    this.userDataDir = undefined;
  }

  private async browser(): Promise<BrowserContext> {
    if (this.context !== undefined) return this.context;
    const { chromium } = await import("playwright-core");
    this.userDataDir = mkdtempSync(path.join(tmpdir(), "authmd-chromium-"));
    this.context = await chromium.launchPersistentContext(this.userDataDir, {
      executablePath: this.config.browser.executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    // Stay on the allowed origins: anything else (an external script, a redirect away) is aborted.
    await this.context.route("**/*", (route) => (this.allowed.has(new URL(route.request().url()).origin) ? route.continue() : route.abort("blockedbyclient")));
    return this.context;
  }

  private async run(request: ConfirmRequest, mode: "approve" | "deny"): Promise<ActorResult> {
    const steps: ActorStep[] = [];
    const pending: Promise<Exchange | undefined>[] = [];
    let page: Page | undefined;
    let last: { status?: number; text: string } = { text: "" };
    const finish = async (fields: Omit<ActorResult, "adapter" | "cookies" | "steps" | "evidence">): Promise<ActorResult> => {
      const cookies = await this.cookies().catch(() => []);
      const evidence = (await Promise.all(pending)).filter((e): e is Exchange => e !== undefined);
      await page?.close().catch(() => undefined);
      return { adapter: "browser", ...fields, cookies, steps, evidence };
    };
    try {
      const origin = new URL(request.verificationUri).origin;
      if (!this.allowed.has(origin)) throw new HarnessError("host_not_allowed", `Refused to open ${origin}: not the target's origin and not in userActor.allowedOrigins`, "userActor.allowedOrigins");
      this.lastOrigin = origin;
      learnVerificationUri(this.redactor, request.verificationUri);
      const context = await this.browser();
      if (this.signedInAs !== undefined && this.signedInAs !== request.account.email) await this.signOut();
      page = await context.newPage();
      const current = page;
      current.on("response", (response) => {
        if (response.request().isNavigationRequest() && response.frame() === current.mainFrame()) pending.push(this.exchangeOf(response));
      });
      const timeout = (): number => {
        const left = request.deadline.getTime() - Date.now();
        if (left <= 0) throw new HarnessError("timeout", "The ceremony's deadline passed before the user finished", "deadline");
        return Math.min(this.config.requestTimeoutMs, left);
      };
      const step = async (name: ActorStep["step"], response: Response | null): Promise<void> => {
        last = { ...(response ? { status: response.status() } : {}), text: await bodyText(current) };
        steps.push({ step: name, url: this.redactor.url(current.url()), ...(last.status !== undefined ? { status: last.status } : {}), screenshot: await this.screenshot(current, name) });
      };

      if (this.config.signIn.url !== undefined && this.signedInAs === undefined) {
        await step("sign-in", await current.goto(new URL(this.config.signIn.url, origin).toString(), { timeout: timeout() }));
        await step("sign-in", await this.signIn(current, request.account, timeout()));
      }
      await step("open", await current.goto(request.verificationUri, { timeout: timeout() }));
      if ((await this.accountField(current).count()) > 0 && (await this.codeField(current).count()) === 0) {
        await step("sign-in", await this.signIn(current, request.account, timeout()));
        if ((await this.accountField(current).count()) > 0 && (await this.codeField(current).count()) === 0) {
          return await finish({ outcome: "error", reason: "sign-in failed", ...statusOf(last), pageText: last.text });
        }
      }
      steps.push({ ...steps[steps.length - 1]!, step: "claim-page" });
      const pageStatus = last.status;
      const claimPageText = last.text;
      const code = this.codeField(current);
      if ((await code.count()) === 0) {
        const verdict = outcomeOf(last.status ?? 0, last.text, this.config.text, false);
        const shown = verdict.outcome === "unknown" ? { outcome: "unknown" as const, reason: "no claim form" } : verdict;
        if (DIRECT_SUBMIT_INTENTS.includes(request.intent) && this.canSubmitDirectly()) {
          const submitted = await this.submitDirectly(context, current.url(), request.userCode, timeout());
          steps.push({ step: "direct-submit", url: this.redactor.url(submitted.url), status: submitted.status });
          const after = outcomeOf(submitted.status, submitted.text, this.config.text, true);
          const outcome = shown.outcome === "refused" && after.outcome === "refused" ? shown : after;
          return await finish({ ...outcome, httpStatus: submitted.status, ...(pageStatus !== undefined ? { pageStatus } : {}), submitStatus: submitted.status, pageText: submitted.text, claimPageText });
        }
        return await finish({ ...shown, ...statusOf(last), ...(pageStatus !== undefined ? { pageStatus } : {}), pageText: last.text, claimPageText });
      }
      if (mode === "approve") await code.first().fill(request.userCode, { timeout: timeout() });
      const button = mode === "deny" ? this.denyButton(current) : this.approveButton(current);
      if ((await button.count()) === 0) return await finish({ outcome: "error", reason: mode === "deny" ? "no refusal control on the claim page" : "no confirm button on the claim page", ...statusOf(last), pageText: last.text, claimPageText });
      await step("submit", await clickAndWait(current, button.first(), timeout()));
      const verdict = outcomeOf(last.status ?? 0, last.text, this.config.text, true);
      const denied = mode === "deny" && verdict.outcome === "confirmed" ? { outcome: "refused" as const, reason: "denied" } : verdict;
      return await finish({ ...denied, ...statusOf(last), ...(pageStatus !== undefined ? { pageStatus } : {}), ...(last.status !== undefined ? { submitStatus: last.status } : {}), pageText: last.text, claimPageText });
    } catch (err) {
      const e = err instanceof HarnessError ? err : new HarnessError("internal", String((err as Error)?.message ?? err).split("\n")[0] ?? "");
      return finish({ outcome: "error", reason: `${e.code}: ${e.message}`, ...statusOf(last), pageText: last.text });
    }
  }

  private async signIn(page: Page, account: ActorAccount, timeout: number): Promise<Response | null> {
    const signIn = this.config.signIn;
    const field = this.accountField(page);
    if ((await field.count()) === 0) throw new HarnessError("usage", `No sign-in field "${signIn.accountField}" on ${this.redactor.url(page.url())}`, "userActor.signIn");
    await field.first().fill(account.email, { timeout });
    for (const [name, value] of Object.entries(signIn.fields)) await page.locator(`[name="${cssString(name)}"]`).first().fill(value, { timeout });
    if (signIn.passwordField !== undefined || signIn.passwordSelector !== undefined) {
      if (account.password === undefined) throw new HarnessError("config_invalid", `The sign-in asks for a password and account ${account.email} has none`, "userActor.accounts");
      await page.locator(signIn.passwordSelector ?? `[name="${cssString(signIn.passwordField ?? "")}"]`).first().fill(account.password, { timeout });
    }
    const submit = signIn.submitSelector !== undefined ? page.locator(signIn.submitSelector) : field.first().locator(ENCLOSING_FORM).locator(SUBMIT_CONTROLS);
    const response = await clickAndWait(page, submit.first(), timeout);
    const cookie = signIn.successCookie ?? this.config.sessionCookie;
    const cookies = await page.context().cookies();
    const textOk = signIn.successText === undefined || new RegExp(signIn.successText, "i").test(await bodyText(page));
    if ((cookie !== undefined && !cookies.some((c) => c.name === cookie)) || !textOk) {
      await page.context().clearCookies();
      throw new HarnessError("usage", `Sign-in as ${account.email} did not succeed${cookie !== undefined ? ` (no ${cookie} cookie)` : ""}`, "userActor.signIn");
    }
    for (const c of cookies) this.redactor.register(c.value);
    this.signedInAs = account.email;
    return response;
  }

  private accountField(page: Page): Locator {
    const { accountSelector, accountField, formAction } = this.config.signIn;
    if (accountSelector !== undefined) return page.locator(accountSelector);
    const scope = formAction !== undefined ? `form[action$="${cssString(formAction)}"] ` : "";
    return page.locator(`${scope}[name="${cssString(accountField)}"]:not([type="hidden"])`);
  }

  private codeField(page: Page): Locator {
    const { codeSelector, codeField } = this.config.claim;
    if (codeSelector !== undefined) return page.locator(codeSelector);
    if (codeField !== undefined) return page.locator(`[name="${cssString(codeField)}"]:not([type="hidden"])`);
    return page.locator('input[autocomplete="one-time-code"]:not([type="hidden"]), input[pattern]:not([type="hidden"])');
  }

  private approveButton(page: Page): Locator {
    const { approveSelector, approve } = this.config.claim;
    if (approveSelector !== undefined) return page.locator(approveSelector);
    if (approve !== undefined) return page.locator(`[type="submit"][name="${cssString(approve.name)}"][value="${cssString(approve.value)}"], button:not([type])[name="${cssString(approve.name)}"][value="${cssString(approve.value)}"]`);
    return this.codeField(page).first().locator(ENCLOSING_FORM).locator(SUBMIT_CONTROLS).filter({ hasNotText: REFUSAL });
  }

  private denyButton(page: Page): Locator {
    const { denySelector, deny } = this.config.claim;
    if (denySelector !== undefined) return page.locator(denySelector);
    if (deny !== undefined) return page.locator(`[type="submit"][name="${cssString(deny.name)}"][value="${cssString(deny.value)}"], button:not([type])[name="${cssString(deny.name)}"][value="${cssString(deny.value)}"]`);
    return page.locator('button:not([type]), button[type="submit"]').filter({ hasText: REFUSAL });
  }

  private canSubmitDirectly(): boolean {
    const claim = this.config.claim;
    return claim.directSubmitOnRefusal && claim.formAction !== undefined && claim.codeField !== undefined;
  }

  /** PAGE-04: the form action posted with the browser's cookies but without the page (as the form adapter does). */
  private async submitDirectly(context: BrowserContext, claimPageUrl: string, userCode: string, timeout: number): Promise<{ status: number; url: string; text: string }> {
    const claim = this.config.claim;
    const form: Record<string, string> = Object.fromEntries(new URL(claimPageUrl).searchParams.entries());
    form[claim.codeField ?? "user_code"] = userCode;
    if (claim.approve !== undefined) form[claim.approve.name] = claim.approve.value;
    const url = new URL(claim.formAction ?? "", claimPageUrl).toString();
    const response = await context.request.post(url, { form, timeout, failOnStatusCode: false, maxRedirects: 0 });
    const html = await response.text();
    return { status: response.status(), url, text: parsePage(html).text.slice(0, PAGE_TEXT_CHARS) };
  }

  private async screenshot(page: Page, name: string): Promise<string> {
    mkdirSync(this.screenshotDir, { recursive: true });
    this.shots += 1;
    const file = path.join(this.screenshotDir, `${process.pid}-${String(this.shots).padStart(3, "0")}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  }

  private async exchangeOf(response: Response): Promise<Exchange | undefined> {
    try {
      const req = response.request();
      const raw: RawExchange = {
        method: req.method(),
        url: req.url(),
        requestHeaders: await req.allHeaders(),
        ...(req.postData() !== null ? { requestBody: req.postData() ?? "" } : {}),
        status: response.status(),
        responseHeaders: await response.allHeaders(),
        durationMs: Math.round(req.timing().responseEnd),
      };
      if (response.status() < 300 || response.status() >= 400) raw.responseText = await response.text().catch(() => "");
      return recordExchange(this.redactor, raw);
    } catch {
      return undefined;
    }
  }

  /** The cookies the browser holds for the ceremony's origin, attributes only. */
  private async cookies(): Promise<ActorCookie[]> {
    if (this.context === undefined || this.lastOrigin === undefined) return [];
    const held = await this.context.cookies(this.lastOrigin);
    return held.map((c) => ({
      name: c.name,
      attrs: [`Path=${c.path}`, ...(c.httpOnly ? ["HttpOnly"] : []), ...(c.secure ? ["Secure"] : []), `SameSite=${c.sameSite}`],
      httpOnly: c.httpOnly,
      secure: c.secure,
      // What the browser stored: Chromium reports its default (Lax) for a cookie sent without SameSite.
      sameSite: c.sameSite,
      path: c.path,
      domain: c.domain,
    }));
  }
}

/**
 * Presses a submit control and waits for the page it leads to. A control inside a form is pressed
 * with form.requestSubmit(control): the same validation, submit handlers and submitter value as a
 * click, without a click landing on an open autocomplete popup (a datalist on the email field,
 * as the reference has, swallows the first click). Other controls (script-driven) are clicked.
 */
async function clickAndWait(page: Page, target: Locator, timeout: number): Promise<Response | null> {
  // The callbacks run in the page; typed structurally (the project compiles without the DOM lib).
  type Submitter = { form: { requestSubmit(submitter: unknown): void } | null };
  const inForm = await target.evaluate((el) => (el as unknown as Submitter).form != null, undefined, { timeout });
  const press = inForm
    ? target.evaluate((el) => {
        (el as unknown as Submitter).form?.requestSubmit(el);
      })
    : target.click({ timeout });
  const [response] = await Promise.all([page.waitForNavigation({ timeout }), press]);
  return response;
}

async function bodyText(page: Page): Promise<string> {
  const text = await page.locator("body").innerText({ timeout: 2_000 }).catch(() => "");
  return text.replace(/\s+/g, " ").trim().slice(0, PAGE_TEXT_CHARS);
}

function statusOf(last: { status?: number }): { httpStatus?: number } {
  return last.status !== undefined ? { httpStatus: last.status } : {};
}

function cssString(value: string): string {
  return value.replace(/["\\]/g, "\\$&");
}
