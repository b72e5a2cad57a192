// Client for the control API, for suites that run in another process than the mock provider.
import type { IdJagInput, LogoutInput } from "./mint.ts";
import type { ForgeCase, ForgeContext, TokenKind } from "./forge.ts";
import type { ProviderStats, RunningMockProvider } from "./server.ts";
import type { JWK } from "jose";
import type { SigningAlg } from "./keys.ts";
import type { AuthTimeVariant } from "./auth-time.ts";
import type { SecEventInput } from "./set.ts";

/** What GET /control/info answers: the running provider's URLs (kept in step by Pick), plus its peer. */
export type ControlInfo = Pick<RunningMockProvider, "issuer" | "url" | "jwksUri" | "cimdUrl" | "untrustedIssuer" | "attackerJwksUrl" | "attackerX5uUrl"> & {
  peerIssuer?: string;
};

export type RemoteForgeCase = Omit<ForgeCase, "build">;
export type RemoteForgeContext = Omit<ForgeContext, "otherProvider">;

export class ControlApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = "ControlApiError";
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

export class MockProviderClient {
  readonly controlUrl: string;
  readonly #token: string;
  /** Told every token this provider minted or forged for the caller (the harness's own test material). */
  readonly #onMinted: ((token: string) => void) | undefined;

  constructor(controlUrl: string, controlToken: string, options: { onMinted?: (token: string) => void } = {}) {
    this.controlUrl = controlUrl.replace(/\/$/, "");
    this.#token = controlToken;
    this.#onMinted = options.onMinted;
  }

  #minted<T extends string | string[]>(tokens: T): T {
    for (const t of typeof tokens === "string" ? [tokens] : tokens) this.#onMinted?.(t);
    return tokens;
  }

  info(): Promise<ControlInfo> {
    return this.#call("GET", "/info");
  }

  async mintIdJag(input: IdJagInput): Promise<string> {
    return this.#minted((await this.#call<{ token: string }>("POST", "/mint/id-jag", input)).token);
  }

  async mintLogout(input: LogoutInput): Promise<string> {
    return this.#minted((await this.#call<{ token: string }>("POST", "/mint/logout", input)).token);
  }

  /** An ID-JAG whose auth_time is absent, fresh, stale, future or at the boundary of `maxAge` (v0.7 AT-*). */
  async mintIdJagAuthTime(input: IdJagInput & { authTime: AuthTimeVariant; maxAge: number; marginSeconds?: number }): Promise<string> {
    return this.#minted((await this.#call<{ token: string }>("POST", "/mint/id-jag/auth-time", input)).token);
  }

  /** A valid Security Event Token (RFC 8417) for the auth.md revocation event (v0.7 SET-*). */
  async mintSet(input: SecEventInput): Promise<string> {
    return this.#minted((await this.#call<{ token: string }>("POST", "/mint/set", input)).token);
  }

  async cases(token?: TokenKind): Promise<RemoteForgeCase[]> {
    const query = token ? `?token=${token}` : "";
    return (await this.#call<{ cases: RemoteForgeCase[] }>("GET", `/forge${query}`)).cases;
  }

  /** Build a forge case; the provider runs its setup before answering. */
  async forge(id: string, ctx: RemoteForgeContext): Promise<{ tokens: string[]; note?: string; contentType?: string }> {
    const built = await this.#call<{ tokens: string[]; note?: string; contentType?: string }>("POST", `/forge/${encodeURIComponent(id)}`, ctx);
    this.#minted(built.tokens);
    return built;
  }

  rotate(alg?: SigningAlg): Promise<{ kid: string; alg: SigningAlg; publicJwk: JWK }> {
    return this.#call("POST", "/keys/rotate", alg ? { alg } : {});
  }

  /** Make an already published key current again (undo a rotation). */
  async use(kid: string): Promise<void> {
    await this.#call("POST", "/keys/use", { kid });
  }

  async retire(kid: string): Promise<void> {
    await this.#call("POST", "/keys/retire", { kid });
  }

  keys(): Promise<{ currentKid: string; jwks: { keys: JWK[] } }> {
    return this.#call("GET", "/keys");
  }

  stats(): Promise<ProviderStats> {
    return this.#call("GET", "/stats");
  }

  async resetStats(): Promise<void> {
    await this.#call("POST", "/stats/reset", {});
  }

  async #call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.#token}` };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const init: RequestInit = { method, headers, signal: AbortSignal.timeout(30_000) };
    if (body !== undefined) init.body = JSON.stringify(body);
    const response = await fetch(`${this.controlUrl}${path}`, init);
    const parsed = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      const code = typeof parsed.error === "string" ? parsed.error : `http_${response.status}`;
      const message = typeof parsed.message === "string" ? parsed.message : `control API ${method} ${path} failed`;
      const field = typeof parsed.field === "string" ? parsed.field : undefined;
      throw new ControlApiError(response.status, code, message, field);
    }
    return parsed as T;
  }

  toJSON(): { controlUrl: string } {
    return { controlUrl: this.controlUrl };
  }
}
