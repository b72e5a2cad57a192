import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/cli.ts";

/** A port that was free a moment ago (the child binds it; a clash only fails the test loudly). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolve with the child's stdout once it contains `marker` (bounded by the test timeout). */
function outputUntil(child: ChildProcess, marker: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout?.on("data", (d) => {
      out += d;
      if (out.includes(marker)) resolve(out);
    });
    child.stderr?.on("data", (d) => (err += d));
    child.on("exit", (code) => reject(new Error(`provider exited early (${code}): ${err}`)));
  });
}

describe("authmd-conformance provider", () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill("SIGTERM");
  });

  it("serves a JWKS that another process verifies a minted ID-JAG against", async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [path.join(repoRoot, "bin", "authmd-conformance.mjs"), "provider", "--issuer", issuer, "--port", String(port)], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out = await outputUntil(child, "trust-list entry");
    expect(out).toContain(`issuer         ${issuer}`);
    expect(out).toContain(`${issuer}/.well-known/jwks.json`);
    const controlUrl = /control URL\s+(\S+)/.exec(out)?.[1];
    const controlToken = /control token\s+(\S+)/.exec(out)?.[1];
    expect(controlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(out).toContain(JSON.stringify({ issuer, jwks_uri: `${issuer}/.well-known/jwks.json` }));

    const jwks = (await (await fetch(`${issuer}/.well-known/jwks.json`)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) expect(key).not.toHaveProperty("d");

    const audience = "https://service.example";
    const minted = await fetch(`${controlUrl}/mint/id-jag`, {
      method: "POST",
      headers: { authorization: `Bearer ${controlToken}`, "content-type": "application/json" },
      body: JSON.stringify({ audience, subject: "user_cli" }),
    });
    expect(minted.status).toBe(200);
    const { token } = (await minted.json()) as { token: string };

    const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`)), {
      issuer,
      audience,
      typ: "oauth-id-jag+jwt",
    });
    expect(protectedHeader.alg).toBe("ES256");
    expect(payload.sub).toBe("user_cli");

    const refused = await fetch(`${controlUrl}/mint/id-jag`, { method: "POST", body: "{}" });
    expect(refused.status).toBe(401);
  });
});
