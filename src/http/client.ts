import { Agent, type Dispatcher } from "undici";
import { HarnessError } from "../errors.ts";
import type { RequestBudget } from "./budget.ts";
import type { Exchange } from "./exchange.ts";
import { type RawExchange, learnSecrets, recordExchange, recordRequest, recordResponse } from "./record.ts";
import type { Redactor } from "./redact.ts";
import { waiting } from "../suite/progress.ts";
import { SlowDownLedger, slowDownDecision, type SlowDownPolicy } from "./slow-down.ts";

export interface HttpRequest {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  /** Raw body; use `json` for JSON bodies. */
  body?: string | Buffer;
  json?: unknown;
  /** Follow same-origin redirects (at most 5). Cross-origin redirects are never followed. */
  followRedirects?: boolean;
  /** Overrides the client's per-request timeout. */
  timeoutMs?: number;
  /** false: return a 429 as it is, never wait it out (a check that looks for rate limits). */
  slowDown?: false;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
  /** True when the body exceeded the cap and was cut. */
  truncated: boolean;
  /** The URL that answered (differs from the request URL after followed redirects). */
  url: string;
  durationMs: number;
  /** Each Set-Cookie header as sent (`headers` joins them with ", ", which Expires dates make ambiguous). */
  setCookies?: string[];
}

export interface HttpClientOptions {
  requestTimeoutMs: number;
  maxBodyBytes: number;
  /** Origins the harness may contact; anything else is refused before a byte is sent. */
  allowedOrigins: ReadonlySet<string>;
  /** Headers added to every request (configured staging headers). */
  defaultHeaders?: Record<string, string>;
  budget: RequestBudget;
  redactor: Redactor;
  /** Where exchanges are recorded (the current check's evidence). */
  log?: Exchange[];
  /** Where exchanges are kept unredacted for `record` to turn into evidence later (see withDeferredLog). */
  deferredLog?: RawExchange[];
  userAgent?: string;
  /** --passive: refuse every method but GET and HEAD before anything is sent. */
  readOnly?: boolean;
  /** Connection pools; one Agent per root client, shared by its clones (withLog and friends). */
  dispatcher?: Dispatcher;
  /** How a 429 asking to slow down is waited out (none: returned as it is). See slow-down.ts. */
  slowDown?: SlowDownPolicy;
  /** Waits of the whole run, shared by the clones. */
  slowDownLedger?: SlowDownLedger;
}

const MAX_REDIRECTS = 5;

/**
 * The harness's only way onto the network. Per-request timeout covering the whole exchange (so a
 * server that drips bytes cannot stall a check), a response body cap, an origin allowlist,
 * same-origin-only redirects, the request budget, and a redacted exchange log.
 */
export class HttpClient {
  private readonly options: HttpClientOptions & { dispatcher: Dispatcher; slowDownLedger: SlowDownLedger };

  constructor(options: HttpClientOptions) {
    // An Agent of our own rather than undici's global request(): on loopback the global path
    // cost a quarter of the request rate (measured in bench/run.ts), and nothing else can swap it.
    this.options = { ...options, dispatcher: options.dispatcher ?? new Agent(), slowDownLedger: options.slowDownLedger ?? new SlowDownLedger() };
  }

  /** How often the target answered 429 in this run, and how long the harness waited for it. */
  get slowDownStats(): Readonly<SlowDownLedger> {
    return this.options.slowDownLedger;
  }

  /** A client sharing budget and allowlist whose exchanges go to `log`. */
  withLog(log: Exchange[]): HttpClient {
    return new HttpClient({ ...this.options, log, deferredLog: undefined });
  }

  /**
   * A client that only learns each exchange's secrets as it passes and keeps the exchange raw in
   * `log`; `record` redacts them when they turn out to be evidence. A property runs thousands of
   * cases and keeps the exchanges of one: redacting the rest was most of its cost per request.
   */
  withDeferredLog(log: RawExchange[]): HttpClient {
    return new HttpClient({ ...this.options, log: undefined, deferredLog: log });
  }

  /** Exchanges kept by a deferred log, redacted with every secret learnt so far. */
  record(raw: readonly RawExchange[]): Exchange[] {
    return raw.map((r) => recordExchange(this.options.redactor, r));
  }

  withAllowedOrigins(origins: Iterable<string>): HttpClient {
    return new HttpClient({
      ...this.options,
      allowedOrigins: new Set([...this.options.allowedOrigins, ...origins]),
    });
  }

  isAllowed(url: string): boolean {
    try {
      return this.options.allowedOrigins.has(new URL(url).origin);
    } catch {
      return false;
    }
  }

  get(url: string, init: Omit<HttpRequest, "url" | "method"> = {}): Promise<HttpResponse> {
    return this.send({ ...init, method: "GET", url });
  }

  postJson(url: string, json: unknown, init: Omit<HttpRequest, "url" | "method" | "json"> = {}): Promise<HttpResponse> {
    return this.send({ ...init, method: "POST", url, json });
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    let current = req;
    for (let hop = 0; ; hop++) {
      const res = await this.onceSlowingDown(current);
      const location = res.headers["location"];
      if (!req.followRedirects || res.status < 300 || res.status >= 400 || !location) return res;
      const next = new URL(location, res.url);
      if (next.origin !== new URL(res.url).origin) {
        throw new HarnessError(
          "redirect_refused",
          `${res.url} redirected to another origin (${next.origin}); the harness does not follow cross-origin redirects`,
          "location",
        );
      }
      if (hop + 1 >= MAX_REDIRECTS) {
        throw new HarnessError("redirect_refused", `More than ${MAX_REDIRECTS} redirects starting at ${req.url}`, "location");
      }
      current = { ...req, method: res.status === 307 || res.status === 308 ? req.method : "GET", url: next.toString() };
      if (current.method === "GET") current = { ...current, body: undefined, json: undefined };
    }
  }

  /** `once`, waiting out a 429 that asks to slow down (bounded by the policy; each retry spends budget). */
  private async onceSlowingDown(req: HttpRequest): Promise<HttpResponse> {
    const policy = this.options.slowDown;
    const ledger = this.options.slowDownLedger;
    for (let attempt = 0; ; attempt++) {
      const res = await this.once(req);
      if (res.status !== 429) return res;
      ledger.throttled += 1;
      const decision = policy && req.slowDown !== false ? slowDownDecision(res, attempt, policy, ledger) : undefined;
      if (!decision?.retry) {
        ledger.passedOn += 1;
        return res;
      }
      ledger.waitedMs += decision.waitMs;
      waiting("the target's rate limit (a 429 asked to slow down)", decision.waitMs);
      await new Promise((resolve) => setTimeout(resolve, decision.waitMs));
    }
  }

  private async once(req: HttpRequest): Promise<HttpResponse> {
    const method = (req.method ?? "GET").toUpperCase();
    const { redactor } = this.options;
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      throw new HarnessError("usage", `Not an absolute URL: ${req.url}`, "url");
    }
    if (this.options.readOnly && method !== "GET" && method !== "HEAD") {
      throw new HarnessError("passive_violation", `--passive run refused to send ${method} ${url.origin}${url.pathname}`, "passive");
    }
    if (!this.options.allowedOrigins.has(url.origin)) {
      throw new HarnessError(
        "host_not_allowed",
        `Refused to contact ${url.origin}: not the target's origin and not in http.allowedOrigins`,
        "http.allowedOrigins",
      );
    }

    const headers: Record<string, string> = {
      "user-agent": this.options.userAgent ?? "authmd-conformance",
      ...this.options.defaultHeaders,
      ...lowerKeys(req.headers ?? {}),
    };
    let body: string | Buffer | undefined = req.body;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers["content-type"] ??= "application/json";
    }
    if (!headers["accept"]) headers["accept"] = "application/json, text/markdown;q=0.9, */*;q=0.5";

    const raw: RawExchange = {
      method,
      url: url.toString(),
      requestHeaders: headers,
      ...(body !== undefined ? { requestBody: body.toString() } : {}),
      durationMs: 0,
    };
    const { log, deferredLog } = this.options;
    // Recorded before sending, so an exchange that never gets an answer is evidence too.
    const exchange = log ? recordRequest(redactor, raw) : undefined;
    if (exchange) log?.push(exchange);
    deferredLog?.push(raw);
    const settle = (): void => {
      if (exchange) Object.assign(exchange, recordResponse(redactor, raw));
      if (deferredLog) learnSecrets(redactor, raw);
    };

    await this.options.budget.take();
    const timeoutMs = req.timeoutMs ?? this.options.requestTimeoutMs;
    const started = performance.now();
    // One timer per request, cleared on the answer (AbortSignal.timeout would keep each alive for
    // the whole timeout: thousands at fuzzing rates).
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new DOMException("request timed out", "TimeoutError")), timeoutMs);
    try {
      const res = await this.options.dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: method as Dispatcher.HttpMethod,
        headers,
        body,
        signal: abort.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const { text, truncated } = await readCapped(res.body, this.options.maxBodyBytes);
      const durationMs = Math.round(performance.now() - started);
      const resHeaders = flattenHeaders(res.headers);
      const parsed = parseJson(text, resHeaders["content-type"]);
      Object.assign(raw, { status: res.statusCode, responseHeaders: resHeaders, responseText: text, truncated, durationMs });
      if (parsed !== undefined) raw.responseJson = parsed;
      settle();
      return {
        status: res.statusCode,
        headers: resHeaders,
        text,
        json: parsed,
        truncated,
        url: url.toString(),
        durationMs,
        setCookies: setCookieList(res.headers["set-cookie"]),
      };
    } catch (err) {
      const harnessError = toHarnessError(err, url, timeoutMs);
      raw.durationMs = Math.round(performance.now() - started);
      raw.error = { code: harnessError.code, message: harnessError.message };
      settle();
      throw harnessError;
    } finally {
      clearTimeout(timer);
    }
  }
}

function toHarnessError(err: unknown, url: URL, timeoutMs: number): HarnessError {
  if (err instanceof HarnessError) return err;
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code;
  if (e.name === "TimeoutError" || e.name === "AbortError" || /TIMEOUT/i.test(code ?? "")) {
    return new HarnessError("timeout", `${url.origin}${url.pathname} did not answer in full within ${timeoutMs} ms`, "timeouts.requestMs");
  }
  return new HarnessError(
    "target_unreachable",
    `${url.origin} is unreachable: ${code ?? ""} ${e.message ?? String(err)}`.trim(),
    "target",
  );
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy?: () => void }, cap: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of body) {
    const room = cap - size;
    if (chunk.length > room) {
      chunks.push(chunk.subarray(0, room));
      size = cap;
      truncated = true;
      // Stop reading: a 50 MB answer must not cost 50 MB.
      body.destroy?.();
      break;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { text: Buffer.concat(chunks).toString("utf8"), truncated };
}

function parseJson(text: string, contentType: string | undefined): unknown {
  const looksJson = /json/i.test(contentType ?? "") || /^\s*[{[]/.test(text);
  if (!looksJson) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function setCookieList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
