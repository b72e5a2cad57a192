import type { ServiceConfig } from "./config.ts";
import type { Faults } from "./faults.ts";
import type { Variants } from "./variants.ts";
import type { Mailer } from "./mail.ts";
import type { Store } from "./store.ts";
import type { IdJagVerifier } from "./verify/id-jag.ts";
import type { LogoutTokenVerifier } from "./verify/logout-token.ts";

/** What every handler needs: the running origin, configuration, state and verifiers. */
export interface ServiceContext {
  /** U: `http://127.0.0.1:<port>`, no trailing slash. It is the issuer and the AS base URL. */
  origin: string;
  /** The protected resource identifier, `U/` (RFC 9728 §3.3: same identifier as U). */
  resource: string;
  config: ServiceConfig;
  faults: Faults;
  /** Conformant variants enabled (tolerance matrix). */
  variants: Variants;
  store: Store;
  mailer: Mailer;
  idJag: IdJagVerifier;
  logoutToken: LogoutTokenVerifier;
  now: () => number;
}
