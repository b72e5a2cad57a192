import { slowAnswerDelayMs } from "./http/slow.ts";
import { apiRootHandler, createNoteHandler, listNotesHandler } from "./api.ts";
import { challengeHandler } from "./claim/challenge.ts";
import { claimHandler } from "./claim/claim.ts";
import { completeHandler } from "./claim/complete.ts";
import { viewPageHandler } from "./claim/view-page.ts";
import type { ServiceConfig } from "./config.ts";
import type { ServiceContext } from "./context.ts";
import { asMetadataHandler } from "./discovery/as-metadata.ts";
import { authMdHandler } from "./discovery/auth-md.ts";
import { prmHandler } from "./discovery/prm.ts";
import { sendError, setNoStore } from "./http/respond.ts";
import { listenSample } from "./http/listen.ts";
import { Router } from "./http/router.ts";
import type { SentMail } from "./mail.ts";
import { Mailer } from "./mail.ts";
import { isAgentAuthPath, PATHS, SCOPES_SUPPORTED } from "./protocol.ts";
import { registerHandler } from "./registration/register.ts";
import { revocationHandler } from "./revocation.ts";
import { Store } from "./store.ts";
import { IdJagVerifier } from "./verify/id-jag.ts";
import { JwksCache } from "./verify/jwks.ts";
import { LogoutTokenVerifier } from "./verify/logout-token.ts";
import { ReplayCache } from "./verify/replay-cache.ts";

export interface RunningSampleService {
  /** e.g. http://127.0.0.1:53123 (no trailing slash) = issuer = AS base URL. */
  url: string;
  /** Every mail sent (to, subject, text, html, link), for tests. */
  outbox: readonly SentMail[];
  close(): Promise<void>;
}

/** The jwks-kid-miss-cooldown-5min variant: no unknown-kid refetch within 5 minutes of the last fetch. */
const JWKS_COOLDOWN_VARIANT_MS = 5 * 60 * 1000;

function buildContext(config: ServiceConfig, origin: string, mailer: Mailer): ServiceContext {
  const now = (): number => Date.now();
  const faults = config.faults;
  const jwks = new JwksCache(
    faults.has("sig-no-jwks-refetch") ? "never" : faults.has("sig-jwks-refetch-storm") ? "storm" : "once",
    config.variants.has("jwks-kid-miss-cooldown-5min") ? JWKS_COOLDOWN_VARIANT_MS : 0,
  );
  // Variant aud-resource-reading: tokens are addressed to the PRM resource (AUTH.md Step 3), not the issuer.
  const audience = config.variants.has("aud-resource-reading") ? `${origin}/` : origin;
  const common = { audience, trustedIssuers: config.trustedIssuers, clockSkewSeconds: config.clockSkewSeconds, jwks, now, faults };
  return {
    origin,
    resource: `${origin}/`,
    config,
    faults: config.faults,
    variants: config.variants,
    store: new Store(),
    mailer,
    idJag: new IdJagVerifier({
      ...common,
      resource: `${origin}/`,
      scopesSupported: SCOPES_SUPPORTED,
      maxLifetimeSeconds: config.maxAssertionLifetimeSeconds,
      typExactString: config.variants.has("typ-exact-string"),
      replay: new ReplayCache(),
    }),
    logoutToken: new LogoutTokenVerifier({ ...common, maxAgeSeconds: config.maxLogoutTokenAgeSeconds, replay: new ReplayCache() }),
    now,
  };
}

function buildRouter(ctx: ServiceContext): Router {
  const { faults } = ctx;
  const router = new Router();
  // Missing-endpoint faults simply leave the route out, so it answers 404 like an absent feature.
  if (!faults.has("prm-missing")) router.add("GET", PATHS.prm, prmHandler(ctx));
  if (!faults.has("as-metadata-missing")) router.add("GET", PATHS.asMetadata, asMetadataHandler(ctx));
  router.add("GET", PATHS.authMd, authMdHandler(ctx));
  router.add("POST", PATHS.register, registerHandler(ctx));
  router.add("POST", PATHS.claim, claimHandler(ctx));
  router.add("GET", PATHS.claimView, viewPageHandler(ctx));
  router.add("POST", PATHS.challenge, challengeHandler(ctx));
  router.add("POST", PATHS.complete, completeHandler(ctx));
  if (!faults.has("revocation-endpoint-missing")) router.add("POST", PATHS.revoke, revocationHandler(ctx));
  router.add("GET", PATHS.apiRoot, apiRootHandler(ctx));
  router.add("GET", "/api", apiRootHandler(ctx));
  router.add("GET", PATHS.notes, listNotesHandler(ctx));
  router.add("POST", PATHS.notes, createNoteHandler(ctx));
  if (ctx.variants.has("trailing-slash-urls")) {
    // The advertised "…/" forms of the agent_auth endpoints, served by the same handlers.
    router.add("POST", `${PATHS.register}/`, registerHandler(ctx));
    router.add("POST", `${PATHS.claim}/`, claimHandler(ctx));
    if (!faults.has("revocation-endpoint-missing")) router.add("POST", `${PATHS.revoke}/`, revocationHandler(ctx));
  }
  return router;
}

export async function startServer(config: ServiceConfig): Promise<RunningSampleService> {
  const mailer = new Mailer(
    config.smtp,
    config.mailDirectory === null ? null : { path: config.mailDirectory, perRegistration: config.variants.has("one-mail-file-per-registration") },
  );
  const listener = await listenSample({
    host: config.host,
    port: config.port,
    log: config.log,
    errorAnswer: (res, status) => (status === 503 ? sendError(res, 503, "temporarily_unavailable", "starting") : sendError(res, 500, "server_error", "internal error")),
  });
  const origin = listener.origin;
  const ctx = buildContext(config, origin, mailer);
  const router = buildRouter(ctx);

  listener.serve(async (req, res, url) => {
    if (isAgentAuthPath(url.pathname)) setNoStore(res);
    const delayMs = slowAnswerDelayMs(ctx, url.pathname);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    await router.handle(req, res, url);
  });

  let closed: Promise<void> | undefined;
  return {
    url: origin,
    outbox: mailer.outbox,
    close(): Promise<void> {
      if (!closed) {
        closed = listener.close();
        mailer.close();
      }
      return closed;
    },
  };
}
