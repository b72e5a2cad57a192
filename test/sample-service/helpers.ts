import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import type { CryptoKey, JWK, JWTPayload } from "jose";
import { SMTPServer } from "smtp-server";

export const REVOKED_EVENT = "https://schemas.workos.com/events/agent/auth/identity/assertion/revoked";
export const ID_JAG_TYPE = "urn:ietf:params:oauth:token-type:id-jag";

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

/** One HTTP exchange with the service; `json` is {} when the body is not JSON. */
export async function call(url: string, init: RequestInit = {}): Promise<HttpResult> {
  const response = await fetch(url, init);
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, text, json };
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  return call(url, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });
}

export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}

/** A test identity provider: an ES256 key pair and its JWKS served on 127.0.0.1. */
export interface TestProvider {
  issuer: string;
  kid: string;
  privateKey: CryptoKey;
  close(): Promise<void>;
}

export async function startProvider(): Promise<TestProvider> {
  const { publicKey, privateKey } = await generateKeyPair("ES256");
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256", use: "sig" };
  const server: Server = createServer((req, res) => {
    if (req.url === "/.well-known/jwks.json") {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    issuer: `http://127.0.0.1:${port}`,
    kid: "k1",
    privateKey,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let counter = 0;
const uniqueId = (): string => `jti-${Date.now()}-${(counter += 1)}`;

/** A baseline ID-JAG for `audience`; `claims` overrides (undefined deletes), `header` overrides. */
export async function mintIdJag(
  provider: TestProvider,
  audience: string,
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = {
    iss: provider.issuer,
    sub: "user-123",
    aud: audience,
    client_id: provider.issuer,
    jti: uniqueId(),
    iat: now,
    exp: now + 300,
    email: "alice@example.test",
    email_verified: true,
    ...claims,
  };
  return sign(provider, payload, { typ: "oauth-id-jag+jwt", ...header });
}

export async function mintLogoutToken(provider: TestProvider, audience: string, claims: Record<string, unknown> = {}): Promise<string> {
  const payload: Record<string, unknown> = {
    iss: provider.issuer,
    sub: "user-123",
    aud: audience,
    jti: uniqueId(),
    iat: Math.floor(Date.now() / 1000),
    events: { [REVOKED_EVENT]: {} },
    ...claims,
  };
  return sign(provider, payload, { typ: "logout+jwt" });
}

async function sign(provider: TestProvider, payload: Record<string, unknown>, header: Record<string, unknown>): Promise<string> {
  const cleaned = Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== undefined)) as JWTPayload;
  return new SignJWT(cleaned)
    .setProtectedHeader({ alg: "ES256", kid: provider.kid, ...header } as { alg: string })
    .sign(provider.privateKey);
}

/** A loopback SMTP sink that keeps raw messages. */
export interface SmtpSink {
  port: number;
  messages: Array<{ to: string[]; raw: string }>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SmtpSink["messages"] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    disableReverseLookup: true,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
