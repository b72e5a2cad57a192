import { listenSample } from "../http/listen.ts";
import { Router } from "../http/router.ts";
import { JwksCache } from "../verify/jwks.ts";
import { ReplayCache } from "../verify/replay-cache.ts";
import { notesHandlers } from "./api.ts";
import { claimEndpointHandler } from "./claim/endpoint.ts";
import type { ServiceConfigV07 } from "./config.ts";
import type { ContextV07 } from "./context.ts";
import { authMdHandler } from "./discovery/auth-md.ts";
import { asMetadataHandler, jwksHandler, prmHandler } from "./discovery/metadata.ts";
import { eventsHandler } from "./events/notify.ts";
import { decorateResponse } from "./http/decorate.ts";
import { sendOAuthError, setNoStore } from "./http/respond.ts";
import { identityHandler } from "./identity/handler.ts";
import { claimPageHandler } from "./pages/claim-page.ts";
import { completeHandler } from "./pages/complete.ts";
import { loginPageHandler, loginSubmitHandler, logoutHandler } from "./pages/login.ts";
import { isNoStorePath, PATHS } from "./protocol.ts";
import { StoreV07 } from "./store/store.ts";
import { revokeHandler } from "./token/revoke.ts";
import { tokenHandler } from "./token/endpoint.ts";
import { IdJagVerifierV07 } from "./verify/id-jag.ts";
import { ServiceKeys } from "./verify/service-keys.ts";
import { SetVerifier } from "./verify/set.ts";

export interface RunningSampleServiceV07 {
  /** e.g. http://127.0.0.1:53123 (no trailing slash) = issuer = AS base URL. */
  url: string;
  /** The fault switches this instance runs with. */
  faults: readonly string[];
  /** The seeded service accounts (emails), for first-link and wrong-account checks. */
  accounts: readonly string[];
  close(): Promise<void>;
}

function buildContext(config: ServiceConfigV07, origin: string, keys: ServiceKeys): ContextV07 {
  const jwks = new JwksCache("once");
  // §15 P1: the aud the service expects on ID-JAGs and SETs (the PRM resource under that choice).
  const audience = config.choices.audience === "resource" ? `${origin}/` : origin;
  const common = { audience, trustedIssuers: config.trustedIssuers, clockSkewSeconds: config.clockSkewSeconds, jwks, now: config.now, faults: config.faults };
  return {
    origin,
    resource: `${origin}/`,
    config,
    faults: config.faults,
    store: new StoreV07(config.accounts),
    keys,
    idJag: new IdJagVerifierV07({ ...common, maxLifetimeSeconds: config.maxIdJagLifetimeSeconds, maxAuthAgeSeconds: config.maxAuthAgeSeconds, replay: new ReplayCache() }),
    set: new SetVerifier({ ...common, replayWindowSeconds: 3600, replay: new ReplayCache(), keyFailureCode: config.choices.setKeyFailureCode }),
    now: config.now,
  };
}

function buildRouter(ctx: ContextV07): Router {
  const notes = notesHandlers(ctx);
  return new Router()
    .add("GET", PATHS.prm, prmHandler(ctx))
    .add("GET", PATHS.asMetadata, asMetadataHandler(ctx))
    .add("GET", PATHS.jwks, jwksHandler(ctx))
    .add("GET", PATHS.authMd, authMdHandler(ctx))
    .add("POST", PATHS.identity, identityHandler(ctx))
    .add("POST", PATHS.claim, claimEndpointHandler(ctx))
    .add("POST", PATHS.claimComplete, completeHandler(ctx))
    .add("POST", PATHS.events, eventsHandler(ctx))
    .add("POST", PATHS.token, tokenHandler(ctx))
    .add("POST", PATHS.revoke, revokeHandler(ctx))
    .add("GET", PATHS.login, loginPageHandler(ctx))
    .add("POST", PATHS.login, loginSubmitHandler(ctx))
    .add("POST", PATHS.logout, logoutHandler(ctx))
    .add("GET", PATHS.claimPage, claimPageHandler(ctx))
    .add("GET", PATHS.notes, notes.list)
    .add("POST", PATHS.notes, notes.create);
}

export async function startServerV07(config: ServiceConfigV07): Promise<RunningSampleServiceV07> {
  const keys = await ServiceKeys.generate(config.faults.has("v07-assertion-typ-jwt") ? "JWT" : undefined);
  const listener = await listenSample({
    host: config.host,
    port: config.port,
    log: config.log,
    errorAnswer: (res, status) => (status === 503 ? sendOAuthError(res, 503, "temporarily_unavailable", "starting") : sendOAuthError(res, 500, "server_error", "internal error")),
  });
  const origin = listener.origin;
  const ctx = buildContext(config, origin, keys);
  const router = buildRouter(ctx);
  const tokenNoStoreDropped = config.faults.has("v07-token-no-store-missing");

  listener.serve(async (req, res, url) => {
    if (isNoStorePath(url.pathname) && !(tokenNoStoreDropped && url.pathname === PATHS.token)) {
      setNoStore(res);
      if (config.choices.cacheControl !== "no-store") res.setHeader("Cache-Control", config.choices.cacheControl);
    }
    decorateResponse(res, url.pathname, config.choices);
    await router.handle(req, res, url);
  });

  return {
    url: origin,
    faults: config.faults.list(),
    accounts: config.accounts,
    close: () => listener.close(),
  };
}
