import { Pool } from "undici";
import { HarnessError } from "../errors.ts";

/**
 * The raw HTTP path of the brute-force proofs (--prove-otp-bruteforce): one endpoint, one fixed
 * request shape, nothing recorded. The general HttpClient pays per request for what a million
 * guesses never need (URL parsing and the allowlist per request, header objects rebuilt, a
 * RawExchange, the budget's promise, an AbortController and timer, JSON parsing of every answer,
 * header flattening); here the origin is checked once, the headers are built once, the pool has
 * exactly `connections` keep-alive sockets (as autocannon does), and the answer is returned as
 * status and text. Measured against autocannon in bench/run.ts.
 */
export interface AttackAnswer {
  status: number;
  text: string;
}

export interface AttackClientOptions {
  /** The one URL every guess goes to. */
  url: string;
  /** The run's allowlist: the URL's origin must be on it (checked once, here). */
  allowedOrigins: readonly string[];
  /** Headers of every request (Content-Type, the configured staging headers, a session cookie). */
  headers: Record<string, string>;
  /** Sockets, = guesses in flight. */
  connections: number;
  /** Idle limit for the answer's headers and for each body chunk. */
  requestTimeoutMs: number;
  /** Longest answer kept; the rest is dropped unread. */
  maxBodyBytes: number;
}

export class AttackClient {
  private readonly pool: Pool;
  private readonly path: string;
  private readonly headers: Record<string, string>;
  private sent = 0;

  constructor(private readonly options: AttackClientOptions) {
    const url = new URL(options.url);
    if (!options.allowedOrigins.includes(url.origin)) {
      throw new HarnessError("host_not_allowed", `Refused to attack ${url.origin}: not the target's origin and not in http.allowedOrigins`, "http.allowedOrigins");
    }
    this.path = `${url.pathname}${url.search}`;
    this.headers = { "user-agent": "authmd-conformance", accept: "*/*", ...lower(options.headers) };
    this.pool = new Pool(url.origin, {
      connections: Math.max(1, options.connections),
      pipelining: 1,
      headersTimeout: options.requestTimeoutMs,
      bodyTimeout: options.requestTimeoutMs,
    });
  }

  /** Requests sent so far. */
  get requests(): number {
    return this.sent;
  }

  /** POST `body` to the URL; the answer's status and (capped) text. */
  async post(body: string): Promise<AttackAnswer> {
    this.sent += 1;
    let res;
    try {
      res = await this.pool.request({ path: this.path, method: "POST", headers: this.headers, body });
    } catch (err) {
      const e = err as { code?: string; message?: string };
      throw new HarnessError("target_unreachable", `${this.options.url}: ${e.code ?? ""} ${e.message ?? String(err)}`.trim(), "target");
    }
    const length = Number(res.headers["content-length"]);
    if (Number.isFinite(length) && length <= this.options.maxBodyBytes) return { status: res.statusCode, text: await res.body.text() };
    return { status: res.statusCode, text: await capped(res.body, this.options.maxBodyBytes) };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

async function capped(body: AsyncIterable<Buffer> & { destroy(): unknown }, cap: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size + chunk.length > cap) {
      chunks.push(chunk.subarray(0, cap - size));
      body.destroy();
      break;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).toString("utf8");
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
