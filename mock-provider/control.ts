// The control API: lets a suite in another process mint, forge and rotate on this provider.
// It listens on its own loopback port, apart from the public issuer, and every request needs the
// random bearer token generated at start. Responses carry tokens and public keys only.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import { errors as joseErrors } from "jose";
import { z } from "zod";
import { ForgeUnavailable, MockProviderError } from "./errors.ts";
import { describeCase } from "./forge.ts";
import type { ForgeContext, TokenKind } from "./forge.ts";
import { closeServer, HttpError, listen, readJsonBody, sendError, sendJson } from "./http.ts";
import { AUTH_TIME_VARIANTS, mintIdJagWithAuthTime } from "./auth-time.ts";
import { SIGNING_ALGS } from "./keys.ts";
import { SecEventMinter } from "./set.ts";
import type { RunningMockProvider } from "./server.ts";

export interface ControlApi {
  url: string;
  token: string;
  close(): Promise<void>;
}

const overrides = {
  claims: z.record(z.string(), z.unknown()).optional(),
  header: z.record(z.string(), z.unknown()).optional(),
  omitClaims: z.array(z.string()).max(100).optional(),
  omitHeader: z.array(z.string()).max(100).optional(),
  now: z.number().int().optional(),
};

export const idJagInputSchema = z.object({
  audience: z.string().min(1),
  subject: z.string().optional(),
  email: z.string().optional(),
  clientId: z.string().optional(),
  lifetimeSeconds: z.number().int().optional(),
  ...overrides,
});

export const logoutInputSchema = z.object({
  audience: z.string().min(1),
  subject: z.string(),
  lifetimeSeconds: z.number().int().optional(),
  ...overrides,
});

export const idJagAuthTimeInputSchema = idJagInputSchema.extend({
  authTime: z.enum(AUTH_TIME_VARIANTS),
  maxAge: z.number().int().positive(),
  marginSeconds: z.number().int().nonnegative().optional(),
});

export const secEventInputSchema = z.object({
  audience: z.string().min(1),
  subject: z.string().min(1),
  events: z.array(z.string().min(1)).max(20).optional(),
  lifetimeSeconds: z.number().int().optional(),
  subjectIdentifier: z.boolean().optional(),
  ...overrides,
});

export const forgeContextSchema = z.object({
  audience: z.string().min(1),
  resource: z.string().optional(),
  subject: z.string().optional(),
  now: z.number().int().optional(),
  authTime: z.number().int().optional(),
});

const rotateSchema = z.object({ alg: z.enum(SIGNING_ALGS as [string, ...string[]]).optional() });
const retireSchema = z.object({ kid: z.string().min(1) });
const useSchema = z.object({ kid: z.string().min(1) });

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new HttpError(400, "invalid_input", issue?.message ?? "invalid input", issue?.path.join("."));
  }
  return result.data;
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

export async function startControlApi(provider: RunningMockProvider, port: number): Promise<ControlApi> {
  const token = randomBytes(32).toString("base64url");
  const expectedDigest = sha256(`Bearer ${token}`);

  const authorised = (req: IncomingMessage): boolean => {
    const header = req.headers.authorization;
    // Compare digests so the comparison is constant-time whatever the header's length.
    return typeof header === "string" && timingSafeEqual(sha256(header), expectedDigest);
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://control.invalid");
    const path = url.pathname;

    if (method === "GET" && path === "/info") {
      return sendJson(res, 200, {
        issuer: provider.issuer,
        url: provider.url,
        jwksUri: provider.jwksUri,
        cimdUrl: provider.cimdUrl,
        untrustedIssuer: provider.untrustedIssuer,
        attackerJwksUrl: provider.attackerJwksUrl,
        attackerX5uUrl: provider.attackerX5uUrl,
        peerIssuer: provider.peer()?.issuer,
      });
    }
    if (method === "POST" && path === "/mint/id-jag") {
      const input = parse(idJagInputSchema, await readJsonBody(req));
      return sendJson(res, 200, { token: await provider.minter.idJag(input) }, { "Cache-Control": "no-store" });
    }
    if (method === "POST" && path === "/mint/logout") {
      const input = parse(logoutInputSchema, await readJsonBody(req));
      return sendJson(res, 200, { token: await provider.minter.logoutToken(input) }, { "Cache-Control": "no-store" });
    }
    if (method === "POST" && path === "/mint/id-jag/auth-time") {
      const { authTime, maxAge, marginSeconds, ...input } = parse(idJagAuthTimeInputSchema, await readJsonBody(req));
      const options = { variant: authTime, maxAge, ...(marginSeconds !== undefined ? { marginSeconds } : {}) };
      return sendJson(res, 200, { token: await mintIdJagWithAuthTime(provider.minter, input, options) }, { "Cache-Control": "no-store" });
    }
    if (method === "POST" && path === "/mint/set") {
      const input = parse(secEventInputSchema, await readJsonBody(req));
      const token = await new SecEventMinter(provider.minter, provider.keys).mint(input);
      return sendJson(res, 200, { token }, { "Cache-Control": "no-store" });
    }
    if (method === "GET" && path === "/forge") {
      const kind = url.searchParams.get("token");
      const filter: TokenKind | undefined = kind === "id-jag" || kind === "logout" || kind === "set" ? kind : undefined;
      return sendJson(res, 200, { cases: provider.forge.cases(filter).map(describeCase) });
    }
    const forgeMatch = method === "POST" ? /^\/forge\/([a-z0-9-]{1,100})$/.exec(path) : null;
    if (forgeMatch) {
      const forgeCase = provider.forge.get(forgeMatch[1] ?? "");
      const body = parse(forgeContextSchema, await readJsonBody(req));
      const peer = provider.peer();
      const ctx: ForgeContext = peer ? { ...body, otherProvider: peer } : body;
      const output = await forgeCase.build(ctx);
      await output.setup?.();
      const response: Record<string, unknown> = { tokens: output.tokens };
      if (output.note !== undefined) response.note = output.note;
      if (output.contentType !== undefined) response.contentType = output.contentType;
      return sendJson(res, 200, response, { "Cache-Control": "no-store" });
    }
    if (method === "GET" && path === "/keys") {
      return sendJson(res, 200, { currentKid: provider.keys.current().kid, jwks: provider.keys.publicJwks() });
    }
    if (method === "POST" && path === "/keys/rotate") {
      const { alg } = parse(rotateSchema, await readJsonBody(req));
      const key = await provider.keys.rotate(alg as (typeof SIGNING_ALGS)[number] | undefined);
      return sendJson(res, 200, key.toJSON());
    }
    if (method === "POST" && path === "/keys/use") {
      const { kid } = parse(useSchema, await readJsonBody(req));
      return sendJson(res, 200, provider.keys.use(kid).toJSON());
    }
    if (method === "POST" && path === "/keys/retire") {
      const { kid } = parse(retireSchema, await readJsonBody(req));
      provider.keys.retire(kid);
      return sendJson(res, 200, { retired: kid });
    }
    if (method === "GET" && path === "/stats") return sendJson(res, 200, provider.stats());
    if (method === "POST" && path === "/stats/reset") {
      provider.resetStats();
      return sendJson(res, 200, { reset: true });
    }
    throw new HttpError(404, "not_found", `no route ${method} ${path}`);
  };

  const server = createServer((req, res) => {
    if (!authorised(req)) {
      req.resume();
      sendJson(res, 401, { error: "unauthorized", message: "a valid bearer token is required" }, { "WWW-Authenticate": 'Bearer realm="mock-provider-control"' });
      return;
    }
    route(req, res).catch((error: unknown) => sendError(res, toHttpError(error)));
  });
  const boundPort = await listen(server, "127.0.0.1", port);
  return { url: `http://127.0.0.1:${boundPort}`, token, close: () => closeServer(server) };
}

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof ForgeUnavailable) {
    return new HttpError(409, error.code, error.message, error.code === "needs_second_provider" ? "otherProvider" : "resource");
  }
  // jose refuses some override combinations (e.g. a header alg that does not fit the key): the caller's fault.
  if (error instanceof joseErrors.JOSEError) return new HttpError(400, "invalid_input", error.message);
  if (error instanceof MockProviderError) {
    const status = error.code === "unknown_forge_case" ? 404 : 400;
    return new HttpError(status, error.code, error.message, error.field);
  }
  // Unknown failures: report the class of error only, never a stack or key material.
  return new HttpError(500, "internal_error", "the mock provider failed to handle the request");
}
