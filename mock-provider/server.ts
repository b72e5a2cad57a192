// The mock agent provider's public face: JWKS, optional CIMD, and the attacker / untrusted-issuer
// material the forge points at, each fetch counted so a suite can prove "refetched once" or
// "never fetched". A separate loopback listener serves the control API (control.ts).
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { AttackerMaterial } from "./attacker.ts";
import { startControlApi } from "./control.ts";
import type { ControlApi } from "./control.ts";
import { Forge } from "./forge.ts";
import { closeServer, listen, sendJson, sendText, urlHost } from "./http.ts";
import { loadOrCreateKey } from "./key-store.ts";
import { KeySet, ProviderKey } from "./keys.ts";
import type { SigningAlg } from "./keys.ts";
import type { JWK } from "jose";
import { Minter } from "./mint.ts";
import { MockProviderError } from "./errors.ts";

export interface MockProviderOptions {
  /** Listen address; default 127.0.0.1. */
  host?: string;
  /** Listen port; default 0 (ephemeral). */
  port?: number;
  /** Public issuer URL; default the listen URL. May differ from it (tunnels); a path prefix is honoured. */
  issuer?: string;
  /** Algorithm of generated keys; default ES256. */
  alg?: SigningAlg;
  /** Serve a CIMD at `${issuer}/agent-auth.json`. */
  cimd?: boolean;
  /** A user-supplied signing key (for services that pin a JWKS). It never leaves the process. */
  signingKey?: { privateJwk: JWK; alg: SigningAlg };
  /** Start the control API; default true. */
  control?: boolean;
  /** Control API port (always on 127.0.0.1); default 0. */
  controlPort?: number;
  /**
   * Keep the signing key in this directory (key-store.ts) under `stateName`, so the kid survives
   * restarts; absent = a fresh key per start. Ignored when signingKey is given.
   */
  stateDir?: string;
  /** Name of the stored key in stateDir (default "primary"). */
  stateName?: string;
  /**
   * Serve this provider on `mount.on`'s listener under `mount.path` (one port, two issuers): its
   * issuer is `${mount.on.issuer}${mount.path}`. host, port and issuer are then ignored.
   */
  mount?: { on: RunningMockProvider; path: string };
}

export interface RecordedRequest {
  method: string;
  path: string;
  at: number;
}

export interface ProviderStats {
  jwksFetches: number;
  cimdFetches: number;
  attackerJwksFetches: number;
  attackerX5uFetches: number;
  untrustedJwksFetches: number;
  /** The most recent MAX_RECORDED_REQUESTS requests to the public listener. */
  requests: RecordedRequest[];
}

export interface RunningMockProvider {
  issuer: string;
  /** The listen URL (may differ from the issuer). */
  url: string;
  jwksUri: string;
  cimdUrl?: string;
  /** A self-signed issuer on no trust list; its JWKS is served at `${untrustedIssuer}/.well-known/jwks.json`. */
  untrustedIssuer: string;
  attackerJwksUrl: string;
  attackerX5uUrl: string;
  /** Control API base URL and its bearer token (absent when control is false). */
  controlUrl?: string;
  controlToken?: string;
  keys: KeySet;
  minter: Minter;
  forge: Forge;
  stats(): ProviderStats;
  resetStats(): void;
  /** Let the control API use `other` as ForgeContext.otherProvider. */
  linkPeer(other: RunningMockProvider | undefined): void;
  peer(): RunningMockProvider | undefined;
  close(): Promise<void>;
}

export const MAX_RECORDED_REQUESTS = 10_000;

export const PATHS = {
  jwks: "/.well-known/jwks.json",
  cimd: "/agent-auth.json",
  attackerJwks: "/attacker-jwks.json",
  attackerX5u: "/attacker-x5u.pem",
  untrustedIssuer: "/untrusted-issuer",
  untrustedJwks: "/untrusted-issuer/.well-known/jwks.json",
} as const;

function emptyStats(): ProviderStats {
  return { jwksFetches: 0, cimdFetches: 0, attackerJwksFetches: 0, attackerX5uFetches: 0, untrustedJwksFetches: 0, requests: [] };
}

function trimTrailingSlash(url: string): string {
  return url.endsWith("/") ? url.slice(0, -1) : url;
}

class MockProvider implements RunningMockProvider {
  issuer = "";
  url = "";
  jwksUri = "";
  cimdUrl?: string;
  untrustedIssuer = "";
  attackerJwksUrl = "";
  attackerX5uUrl = "";
  controlUrl?: string;
  controlToken?: string;
  keys: KeySet;
  minter!: Minter;
  forge!: Forge;
  #stats = emptyStats();
  #peer: RunningMockProvider | undefined;
  #server: Server | undefined;
  #control: ControlApi | undefined;
  #pathPrefix = "";
  #attacker: AttackerMaterial;
  #untrustedKeys: KeySet;
  /** Providers served on this listener under a path (mount option), by path. */
  readonly #mounts = new Map<string, MockProvider>();

  constructor(keys: KeySet, attacker: AttackerMaterial, untrustedKeys: KeySet) {
    this.keys = keys;
    this.#attacker = attacker;
    this.#untrustedKeys = untrustedKeys;
  }

  async start(opts: MockProviderOptions): Promise<void> {
    if (opts.mount) {
      const parent = opts.mount.on;
      if (!(parent instanceof MockProvider)) throw new MockProviderError("invalid_input", "mount.on must be a running mock provider", "mount");
      if (!/^\/[a-z0-9-]+$/.test(opts.mount.path) || parent.#mounts.has(opts.mount.path)) {
        throw new MockProviderError("invalid_input", `mount.path must be a free /segment: ${opts.mount.path}`, "mount.path");
      }
      parent.#mounts.set(opts.mount.path, this);
      this.url = parent.url;
      this.issuer = `${parent.issuer}${opts.mount.path}`;
    } else {
      const host = opts.host ?? "127.0.0.1";
      this.#server = createServer((req, res) => this.#handle(req, res));
      const port = await listen(this.#server, host, opts.port ?? 0);
      this.url = `http://${urlHost(host)}:${port}`;
      this.issuer = trimTrailingSlash(opts.issuer ?? this.url);
    }
    this.#pathPrefix = new URL(this.issuer).pathname.replace(/\/$/, "");
    this.jwksUri = `${this.issuer}${PATHS.jwks}`;
    if (opts.cimd) this.cimdUrl = `${this.issuer}${PATHS.cimd}`;
    this.untrustedIssuer = `${this.issuer}${PATHS.untrustedIssuer}`;
    this.attackerJwksUrl = `${this.issuer}${PATHS.attackerJwks}`;
    this.attackerX5uUrl = `${this.issuer}${PATHS.attackerX5u}`;
    this.minter = new Minter(this.issuer, this.keys);
    this.forge = new Forge({
      issuer: this.issuer,
      keys: this.keys,
      minter: this.minter,
      attacker: this.#attacker,
      attackerJwksUrl: this.attackerJwksUrl,
      attackerX5uUrl: this.attackerX5uUrl,
      untrusted: { issuer: this.untrustedIssuer, key: this.#untrustedKeys.current() },
    });
    if (opts.control ?? true) {
      this.#control = await startControlApi(this, opts.controlPort ?? 0);
      this.controlUrl = this.#control.url;
      this.controlToken = this.#control.token;
    }
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const method = req.method ?? "GET";
    let path = new URL(req.url ?? "/", "http://mock.invalid").pathname;
    this.#record(method, path);
    // Behind a tunnel the issuer may carry a path prefix; serve both forms.
    if (this.#pathPrefix && path.startsWith(`${this.#pathPrefix}/`)) path = path.slice(this.#pathPrefix.length);
    this.#serve(method, path, res);
  }

  #serve(method: string, path: string, res: ServerResponse): void {
    for (const [prefix, mounted] of this.#mounts) {
      if (path.startsWith(`${prefix}/`)) {
        mounted.#record(method, path);
        mounted.#serve(method, path.slice(prefix.length), res);
        return;
      }
    }
    if (method !== "GET" && method !== "HEAD") {
      sendJson(res, 405, { error: "method_not_allowed" }, { Allow: "GET, HEAD" });
      return;
    }
    switch (path) {
      case PATHS.jwks:
        this.#stats.jwksFetches += 1;
        sendJson(res, 200, this.keys.publicJwks(), { "Cache-Control": "max-age=300" });
        return;
      case PATHS.cimd:
        if (!this.cimdUrl) break;
        this.#stats.cimdFetches += 1;
        sendJson(res, 200, this.#cimdDocument(), { "Cache-Control": "max-age=300" });
        return;
      case PATHS.attackerJwks:
        this.#stats.attackerJwksFetches += 1;
        sendJson(res, 200, this.#attacker.jwks());
        return;
      case PATHS.attackerX5u:
        this.#stats.attackerX5uFetches += 1;
        sendText(res, 200, "application/pem-certificate-chain", this.#attacker.certificatePem());
        return;
      case PATHS.untrustedJwks:
        this.#stats.untrustedJwksFetches += 1;
        sendJson(res, 200, this.#untrustedKeys.publicJwks(), { "Cache-Control": "max-age=300" });
        return;
    }
    sendJson(res, 404, { error: "not_found" });
  }

  #cimdDocument(): Record<string, unknown> {
    return {
      client_id: this.cimdUrl,
      client_name: "authmd-conformance mock agent provider",
      client_uri: this.issuer,
      token_endpoint_auth_method: "private_key_jwt",
      jwks_uri: this.jwksUri,
      scope: "openid email profile",
    };
  }

  #record(method: string, path: string): void {
    const requests = this.#stats.requests;
    if (requests.length >= MAX_RECORDED_REQUESTS) requests.shift();
    requests.push({ method, path, at: Date.now() });
  }

  stats(): ProviderStats {
    return { ...this.#stats, requests: this.#stats.requests.map((request) => ({ ...request })) };
  }

  resetStats(): void {
    this.#stats = emptyStats();
  }

  linkPeer(other: RunningMockProvider | undefined): void {
    this.#peer = other;
  }

  peer(): RunningMockProvider | undefined {
    return this.#peer;
  }

  async close(): Promise<void> {
    await this.#control?.close();
    if (this.#server) await closeServer(this.#server);
  }

  /** Public description only: no keys, no control token. */
  toJSON(): Record<string, unknown> {
    return {
      issuer: this.issuer,
      url: this.url,
      jwksUri: this.jwksUri,
      cimdUrl: this.cimdUrl,
      controlUrl: this.controlUrl,
      keys: this.keys.toJSON(),
    };
  }
}

async function initialKeys(opts: MockProviderOptions): Promise<KeySet> {
  if (opts.signingKey) return KeySet.fromKey(await ProviderKey.fromPrivateJwk(opts.signingKey.privateJwk, opts.signingKey.alg));
  const alg = opts.alg ?? "ES256";
  // Only the starting key is stored: a rotation (SIG-09) lives in memory and is undone.
  if (opts.stateDir) return KeySet.fromKey(await loadOrCreateKey(opts.stateDir, opts.stateName ?? "primary", alg));
  return KeySet.generate(alg);
}

export async function startMockProvider(opts: MockProviderOptions = {}): Promise<RunningMockProvider> {
  const keys = await initialKeys(opts);
  const [attacker, untrustedKeys] = await Promise.all([AttackerMaterial.generate(), KeySet.generate("ES256")]);
  const provider = new MockProvider(keys, attacker, untrustedKeys);
  try {
    await provider.start(opts);
  } catch (error) {
    await provider.close();
    throw error;
  }
  return provider;
}
