import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT } from "jose";
import type { CryptoKey, JSONWebKeySet, JWTPayload } from "jose";
import { ID_JAG_TYP } from "../protocol.ts";
import { newId } from "../store/secrets.ts";

const ALG = "ES256";

/** The service's own signing key: it signs identity_assertions and publishes them at /.well-known/jwks.json. */
export class ServiceKeys {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly kid: string,
    readonly jwks: JSONWebKeySet,
    /** oauth-id-jag+jwt; another value only under the v07-assertion-typ-jwt fault. */
    private readonly typ: string,
  ) {}

  static async generate(typ: string = ID_JAG_TYP): Promise<ServiceKeys> {
    const { publicKey, privateKey } = await generateKeyPair(ALG);
    const jwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(jwk);
    return new ServiceKeys(privateKey, kid, { keys: [{ ...jwk, kid, alg: ALG, use: "sig" }] }, typ);
  }

  /** A service-signed identity_assertion: typ oauth-id-jag+jwt, iss = aud = issuer, sub = registration_id. */
  async signAssertion(issuer: string, registrationId: string, nowMs: number, ttlSeconds: number, extra: JWTPayload = {}): Promise<{ token: string; jti: string; exp: number }> {
    const iat = Math.floor(nowMs / 1000);
    const exp = iat + ttlSeconds;
    const jti = newId("ia");
    const token = await new SignJWT({ ...extra })
      .setProtectedHeader({ alg: ALG, kid: this.kid, typ: this.typ })
      .setIssuer(issuer)
      .setAudience(issuer)
      .setSubject(registrationId)
      .setJti(jti)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.privateKey);
    return { token, jti, exp };
  }

  /** Verifies one of our own assertions (RFC 7523 §3); throws on any defect. */
  async verifyAssertion(token: string, issuer: string, nowMs: number, skewSeconds: number): Promise<{ sub: string; jti: string }> {
    const { payload } = await jwtVerify(token, createLocalJWKSet(this.jwks), {
      algorithms: [ALG],
      issuer,
      audience: issuer,
      typ: this.typ,
      currentDate: new Date(nowMs),
      clockTolerance: skewSeconds,
      requiredClaims: ["sub", "jti", "exp", "iat"],
    });
    return { sub: payload.sub as string, jti: payload.jti as string };
  }
}
