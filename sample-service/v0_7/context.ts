import type { ServiceConfigV07 } from "./config.ts";
import type { FaultsV07 } from "./faults.ts";
import type { StoreV07 } from "./store/store.ts";
import type { IdJagVerifierV07 } from "./verify/id-jag.ts";
import type { ServiceKeys } from "./verify/service-keys.ts";
import type { SetVerifier } from "./verify/set.ts";

/** What every v0.7 handler needs: origin, configuration, state, keys and verifiers. */
export interface ContextV07 {
  /** `http://127.0.0.1:<port>`, no trailing slash: the issuer and AS base URL. */
  origin: string;
  /** The protected resource identifier (`origin/`). */
  resource: string;
  config: ServiceConfigV07;
  faults: FaultsV07;
  store: StoreV07;
  keys: ServiceKeys;
  idJag: IdJagVerifierV07;
  set: SetVerifier;
  now: () => number;
}
