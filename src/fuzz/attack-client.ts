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

  /**
   * POST `body` to the URL; the answer's status and (capped) text. Through `dispatch` with a
   * handler of its own, not `request()`: no Readable body stream per answer (bench/bruteforce.ts
   * measured about 6 µs of client CPU per guess saved).
   */
  post(body: string): Promise<AttackAnswer> {
    this.sent += 1;
    const cap = this.options.maxBodyBytes;
    const url = this.options.url;
    return new Promise((resolve, reject) => {
      let status = 0;
      let size = 0;
      const chunks: Buffer[] = [];
      this.pool.dispatch(
        { path: this.path, method: "POST", headers: this.headers, body },
        {
          // The handler shape a Pool's clients call (undici 7 still runs its own requests this way).
          onConnect: () => {},
          onHeaders: (statusCode: number) => {
            status = statusCode;
            return true;
          },
          onData: (chunk: Buffer) => {
            // Past the cap the rest is read and dropped (the socket stays reusable).
            if (size < cap) {
              const kept = chunk.length > cap - size ? chunk.subarray(0, cap - size) : chunk;
              chunks.push(kept);
              size += kept.length;
            }
            return true;
          },
          onComplete: () => resolve({ status, text: chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8") }),
          onError: (err: Error) => {
            const e = err as { code?: string; message?: string };
            reject(new HarnessError("target_unreachable", `${url}: ${e.code ?? ""} ${e.message ?? String(err)}`.trim(), "target"));
          },
        },
      );
    });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
