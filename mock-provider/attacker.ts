// Key material an attacker controls: a P-256 key pair and a self-signed X.509 certificate for it.
// The forge points jwk / jku / x5u / x5c header parameters at this material; a conforming service
// must never trust it (RFC 8725 §3.10). The mock serves it so fetches can be counted.
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { calculateJwkThumbprint, CompactSign } from "jose";
import type { JWK, JWSHeaderParameters } from "jose";

export class AttackerMaterial {
  readonly kid: string;
  readonly publicJwk: JWK;
  /** DER of a self-signed certificate for the attacker key. */
  readonly certificateDer: Uint8Array;
  readonly #privateKey: KeyObject;

  private constructor(kid: string, publicJwk: JWK, certificateDer: Uint8Array, privateKey: KeyObject) {
    this.kid = kid;
    this.publicJwk = publicJwk;
    this.certificateDer = certificateDer;
    this.#privateKey = privateKey;
  }

  static async generate(): Promise<AttackerMaterial> {
    // node:crypto rather than jose: the X.509 signature below needs a KeyObject, and jose signs with one too.
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const jwk = publicKey.export({ format: "jwk" }) as JWK;
    const kid = `attacker-${(await calculateJwkThumbprint(jwk)).slice(0, 16)}`;
    const publicJwk: JWK = { ...jwk, kid, alg: "ES256", use: "sig" };
    const certificateDer = selfSignedCertificate(privateKey, publicKey, "authmd-conformance attacker");
    return new AttackerMaterial(kid, publicJwk, certificateDer, privateKey);
  }

  certificatePem(): string {
    const b64 = Buffer.from(this.certificateDer).toString("base64");
    const lines = b64.match(/.{1,64}/g) ?? [];
    return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
  }

  /** Standard (not url-safe) base64 DER, as the x5c header wants (RFC 7515 §4.1.6). */
  certificateBase64(): string {
    return Buffer.from(this.certificateDer).toString("base64");
  }

  jwks(): { keys: JWK[] } {
    return { keys: [{ ...this.publicJwk }] };
  }

  async sign(protectedHeader: JWSHeaderParameters, payload: Uint8Array): Promise<string> {
    return new CompactSign(payload).setProtectedHeader({ ...protectedHeader, alg: "ES256" }).sign(this.#privateKey);
  }

  toJSON(): { kid: string; publicJwk: JWK } {
    return { kid: this.kid, publicJwk: this.publicJwk };
  }
}

// --- Minimal DER writer. Hand-written because neither jose nor node:crypto can create an X.509
// certificate, and the x5u/x5c forges need a real one so a vulnerable verifier would accept it.

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0 && bytes.length < 4; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

const sequence = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));

function objectId(dotted: string): Buffer {
  const arcs = dotted.split(".").map(Number);
  const bytes: number[] = [40 * (arcs[0] ?? 0) + (arcs[1] ?? 0)];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [arc & 0x7f];
    for (let rest = arc >>> 7; rest > 0; rest >>>= 7) chunk.unshift(0x80 | (rest & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const text = iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10) + iso.slice(11, 13) + iso.slice(14, 16) + iso.slice(17, 19) + "Z";
  return tlv(0x17, Buffer.from(text, "ascii"));
}

function commonName(name: string): Buffer {
  return sequence(tlv(0x31, sequence(objectId("2.5.4.3"), tlv(0x0c, Buffer.from(name, "utf8")))));
}

function selfSignedCertificate(privateKey: KeyObject, publicKey: KeyObject, name: string): Uint8Array {
  const ecdsaWithSha256 = sequence(objectId("1.2.840.10045.4.3.2"));
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 1) & 0x7f) | 0x01; // positive, non-zero leading byte
  const now = Date.now();
  const subject = commonName(name);
  const spki = publicKey.export({ format: "der", type: "spki" });
  const tbs = sequence(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))), // [0] version v3
    tlv(0x02, serial),
    ecdsaWithSha256,
    subject,
    sequence(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 86_400_000))),
    subject,
    spki,
  );
  const signature = sign("sha256", tbs, { key: privateKey, dsaEncoding: "der" });
  const der = sequence(tbs, ecdsaWithSha256, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  return new Uint8Array(der);
}
