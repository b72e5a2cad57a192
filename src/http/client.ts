import { request as undiciRequest } from "undici";
import { HarnessError } from "../errors.ts";
import type { RequestBudget } from "./budget.ts";
import { EXCERPT_CHARS, type Exchange, curlLine } from "./exchange.ts";
import type { Redactor } from "./redact.ts";

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
  userAgent?: string;
  /** --passive: refuse every method but GET and HEAD before anything is sent. */
  readOnly?: boolean;
}

const MAX_REDIRECTS = 5;

/**
 * The harness's only way onto the network. Per-request timeout covering the whole exchange (so a
 * server that drips bytes cannot stall a check), a response body cap, an origin allowlist,
 * same-origin-only redirects, the request budget, and a redacted exchange log.
 */
export class HttpClient {
  constructor(private readonly options: HttpClientOptions) {}

  /** A client sharing budget and allowlist whose exchanges go to `log`. */
  withLog(log: Exchange[]): HttpClient {
    return new HttpClient({ ...this.options, log });
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
      const res = await this.once(current);
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

    const recordedReqHeaders = redactor.headers(headers);
    const recordedReqBody = body === undefined ? undefined : recordBody(redactor, body.toString(), headers["content-type"]);
    const exchange: Exchange = {
      method,
      url: redactor.url(url.toString()),
      requestHeaders: recordedReqHeaders,
      ...(recordedReqBody !== undefined ? { requestBody: recordedReqBody } : {}),
      durationMs: 0,
      curl: curlLine(method, redactor.url(url.toString()), recordedReqHeaders, recordedReqBody),
    };
    this.options.log?.push(exchange);

    await this.options.budget.take();
    const timeoutMs = req.timeoutMs ?? this.options.requestTimeoutMs;
    const started = performance.now();
    const abort = AbortSignal.timeout(timeoutMs);
    try {
      const res = await undiciRequest(url, {
        method: method as "GET",
        headers,
        body,
        signal: abort,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const { text, truncated } = await readCapped(res.body, this.options.maxBodyBytes);
      const durationMs = Math.round(performance.now() - started);
      const resHeaders = flattenHeaders(res.headers);
      const parsed = parseJson(text, resHeaders["content-type"]);
      exchange.status = res.statusCode;
      exchange.responseHeaders = redactor.headers(resHeaders);
      exchange.responseBody = recordBody(redactor, text, resHeaders["content-type"]);
      exchange.truncated = truncated;
      exchange.durationMs = durationMs;
      return {
        status: res.statusCode,
        headers: resHeaders,
        text,
        json: parsed,
        truncated,
        url: url.toString(),
        durationMs,
      };
    } catch (err) {
      exchange.durationMs = Math.round(performance.now() - started);
      const harnessError = toHarnessError(err, url, timeoutMs);
      exchange.error = { code: harnessError.code, message: harnessError.message };
      throw harnessError;
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

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** A body as the exchange records it: redacted, and cut to an excerpt (a cut is masked as text, it is no JSON). */
function recordBody(redactor: Redactor, text: string, contentType: string | undefined): string {
  return text.length > EXCERPT_CHARS ? redactor.text(`${text.slice(0, EXCERPT_CHARS)}…`) : redactor.body(text, contentType);
}
