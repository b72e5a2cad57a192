// Signing keys of the mock provider. Private keys live only in ES private fields of ProviderKey,
// are generated/imported as non-extractable CryptoKeys, and are never serialised: toJSON and
// util.inspect show only kid, alg and the public JWK.
import { calculateJwkThumbprint, CompactSign, exportJWK, exportSPKI, generateKeyPair, importJWK } from "jose";
import type { CryptoKey, JWK, JWSHeaderParameters } from "jose";
import { MockProviderError } from "./errors.ts";

export type SigningAlg = "ES256" | "RS256" | "EdDSA";

export const SIGNING_ALGS: readonly SigningAlg[] = ["ES256", "RS256", "EdDSA"];

/** JWK members that carry private or symmetric key material (RFC 7517, RFC 7518 §6). */
const PRIVATE_JWK_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;

const KTY_FOR_ALG: Record<SigningAlg, string> = { ES256: "EC", RS256: "RSA", EdDSA: "OKP" };

export function isSigningAlg(value: unknown): value is SigningAlg {
  return typeof value === "string" && (SIGNING_ALGS as readonly string[]).includes(value);
}

function publicPart(jwk: JWK): JWK {
  const copy: Record<string, unknown> = { ...jwk };
  for (const member of PRIVATE_JWK_MEMBERS) delete copy[member];
  delete copy.key_ops;
  delete copy.ext;
  return copy as JWK;
}

export class ProviderKey {
  readonly kid: string;
  readonly alg: SigningAlg;
  readonly publicJwk: JWK;
  readonly #privateKey: CryptoKey;
  readonly #publicKey: CryptoKey;

  private constructor(kid: string, alg: SigningAlg, publicJwk: JWK, privateKey: CryptoKey, publicKey: CryptoKey) {
    this.kid = kid;
    this.alg = alg;
    this.publicJwk = publicJwk;
    this.#privateKey = privateKey;
    this.#publicKey = publicKey;
  }

  /** A fresh key pair; kid = RFC 7638 thumbprint unless given. */
  static async generate(alg: SigningAlg = "ES256", kid?: string): Promise<ProviderKey> {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: false });
    const exported = await exportJWK(publicKey);
    const keyId = kid ?? (await calculateJwkThumbprint(exported));
    const publicJwk: JWK = { ...exported, kid: keyId, alg, use: "sig" };
    return new ProviderKey(keyId, alg, publicJwk, privateKey, publicKey);
  }

  /** A user-supplied private JWK (for services that pin a JWKS). */
  static async fromPrivateJwk(privateJwk: JWK, alg: SigningAlg): Promise<ProviderKey> {
    if (!isSigningAlg(alg)) throw new MockProviderError("invalid_signing_key", `unsupported alg ${String(alg)}`, "alg");
    if (privateJwk.kty !== KTY_FOR_ALG[alg]) {
      throw new MockProviderError("invalid_signing_key", `kty ${String(privateJwk.kty)} does not fit ${alg}`, "kty");
    }
    if (typeof privateJwk.d !== "string") {
      throw new MockProviderError("invalid_signing_key", "the signing key must be a private JWK", "d");
    }
    const publicBase = publicPart(privateJwk);
    const keyId = typeof privateJwk.kid === "string" ? privateJwk.kid : await calculateJwkThumbprint(publicBase);
    const publicJwk: JWK = { ...publicBase, kid: keyId, alg, use: "sig" };
    let privateKey: CryptoKey;
    let publicKey: CryptoKey;
    try {
      privateKey = (await importJWK({ ...privateJwk, alg }, alg, { extractable: false })) as CryptoKey;
      publicKey = (await importJWK(publicJwk, alg)) as CryptoKey;
    } catch (error) {
      // Do not echo the JWK: it holds the private key.
      throw new MockProviderError("invalid_signing_key", `cannot import the signing key: ${(error as Error).message}`, "privateJwk");
    }
    return new ProviderKey(keyId, alg, publicJwk, privateKey, publicKey);
  }

  /**
   * Sign `payload` (raw bytes, so forged payloads such as duplicate JSON members pass through
   * untouched) under `protectedHeader` with this key. `crit` lists extension header names jose
   * should let through (jose refuses unknown crit names otherwise).
   */
  async sign(protectedHeader: JWSHeaderParameters, payload: Uint8Array, crit: readonly string[] = []): Promise<string> {
    const critOption = Object.fromEntries(crit.map((name) => [name, true]));
    return new CompactSign(payload)
      .setProtectedHeader({ ...protectedHeader, alg: protectedHeader.alg ?? this.alg })
      .sign(this.#privateKey, { crit: critOption });
  }

  /** SPKI PEM of the public key, as a careless verifier would load it (used by the HS256 confusion forge). */
  async publicKeyPem(): Promise<string> {
    return exportSPKI(this.#publicKey);
  }

  toJSON(): { kid: string; alg: SigningAlg; publicJwk: JWK } {
    return { kid: this.kid, alg: this.alg, publicJwk: this.publicJwk };
  }
}

/**
 * The provider's keys. Published keys appear in the JWKS; staged keys exist (and can sign) but are
 * not published until publish(). Exactly one published key is current and signs minted tokens.
 */
export class KeySet {
  readonly #published = new Map<string, ProviderKey>();
  readonly #staged = new Map<string, ProviderKey>();
  #currentKid: string;

  private constructor(first: ProviderKey) {
    this.#published.set(first.kid, first);
    this.#currentKid = first.kid;
  }

  static async generate(alg: SigningAlg = "ES256"): Promise<KeySet> {
    return new KeySet(await ProviderKey.generate(alg));
  }

  static fromKey(key: ProviderKey): KeySet {
    return new KeySet(key);
  }

  current(): ProviderKey {
    const key = this.#published.get(this.#currentKid);
    if (!key) throw new MockProviderError("unknown_kid", "the current key is missing", "kid");
    return key;
  }

  /** A published or staged key by kid. */
  get(kid: string): ProviderKey {
    const key = this.#published.get(kid) ?? this.#staged.get(kid);
    if (!key) throw new MockProviderError("unknown_kid", `no key with kid ${kid}`, "kid");
    return key;
  }

  isPublished(kid: string): boolean {
    return this.#published.has(kid);
  }

  publishedKids(): string[] {
    return [...this.#published.keys()];
  }

  /** Generate a key, publish it and make it current. The old key stays published until retire(). */
  async rotate(alg?: SigningAlg): Promise<ProviderKey> {
    const key = await this.stage(alg);
    this.publish(key.kid);
    return key;
  }

  /** Generate a key that can sign but is not yet in the JWKS (so a token can be made before the rotation happens). */
  async stage(alg?: SigningAlg): Promise<ProviderKey> {
    const key = await ProviderKey.generate(alg ?? this.current().alg);
    this.#staged.set(key.kid, key);
    return key;
  }

  /** Move a staged key into the JWKS and make it current. */
  publish(kid: string): ProviderKey {
    const key = this.#staged.get(kid);
    if (!key) throw new MockProviderError("unknown_kid", `no staged key with kid ${kid}`, "kid");
    this.#staged.delete(kid);
    this.#published.set(kid, key);
    this.#currentKid = kid;
    return key;
  }

  /** Sign with an already published key again (undo a rotation: the old key never left the JWKS). */
  use(kid: string): ProviderKey {
    const key = this.#published.get(kid);
    if (!key) throw new MockProviderError("unknown_kid", `no published key with kid ${kid}`, "kid");
    this.#currentKid = kid;
    return key;
  }

  /** Remove a key from the JWKS. The current key cannot be retired (rotate first). */
  retire(kid: string): void {
    if (kid === this.#currentKid) {
      throw new MockProviderError("cannot_retire_current_key", "rotate before retiring the current key", "kid");
    }
    if (!this.#published.delete(kid) && !this.#staged.delete(kid)) {
      throw new MockProviderError("unknown_kid", `no key with kid ${kid}`, "kid");
    }
  }

  publicJwks(): { keys: JWK[] } {
    return { keys: [...this.#published.values()].map((key) => ({ ...key.publicJwk })) };
  }

  toJSON(): { currentKid: string; jwks: { keys: JWK[] } } {
    return { currentKid: this.#currentKid, jwks: this.publicJwks() };
  }
}
