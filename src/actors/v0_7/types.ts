import type { Exchange } from "../../http/exchange.ts";

/**
 * The person in a v0.7 claim ceremony (v0.7.md §12, §14): opens `verification_uri`, signs in on
 * the service's own page as `account`, and confirms with the `user_code` the agent shows.
 *
 * The separation of the protocol is structural here: an actor is given only the URI, the code and
 * the account (never the agent's claim_token, assertions or access tokens), it keeps its own HTTP
 * client and cookie jar, and its results name the cookies it got without their values, so nothing
 * the agent holds can carry the user's session.
 */

export type ActorAdapterKind = "form" | "browser" | "command" | "manual";

/** A service account the actor signs in as (from the config; never from the agent). */
export interface ActorAccount {
  email: string;
  password?: string;
}

/**
 * What the calling check expects to happen, so the manual adapter can tell the operator what to
 * do, and the form adapter knows to also submit the form directly when the page refuses
 * ("wrong-account": PAGE-04 wants a refusal on the page and on the submit).
 */
export type ActorIntent = "approve" | "wrong-account" | "wrong-code" | "stale-link" | "replay" | "deny";

/**
 * Intents for which a refused page is not the end: the actor also posts the form action directly
 * (when the config names it), because the rule must hold on submit too (PAGE-04 wrong account,
 * PAGE-08 a completed ceremony, CLMEP-05/STEP-04 a superseded link).
 */
export const DIRECT_SUBMIT_INTENTS: readonly ActorIntent[] = ["wrong-account", "replay", "stale-link"];

export interface ConfirmRequest {
  verificationUri: string;
  userCode: string;
  account: ActorAccount;
  intent: ActorIntent;
  /** When the code expires (from `expires_in`); the actor gives up at this time. */
  deadline: Date;
}

export interface DenyRequest {
  verificationUri: string;
  account: ActorAccount;
  deadline: Date;
}

/**
 * The service's verdict as the user saw it.
 * - confirmed: the service said the agent is linked;
 * - refused: the service turned the user away (wrong account, wrong code, lockout) or, for
 *   deny(), accepted the refusal (`reason: "denied"`);
 * - invalid-link: unknown, superseded or already-completed link (404, 409);
 * - expired: the code or the link has expired (410);
 * - error: the actor could not finish (transport, malformed form, 400, 5xx, deadline);
 * - unknown: the service answered something the actor cannot read as any of the above.
 */
export type ActorOutcome = "confirmed" | "refused" | "invalid-link" | "expired" | "error" | "unknown";

/** A cookie the service set for the user: its name and attributes, never its value (PAGE-10). */
export interface ActorCookie {
  name: string;
  /** The attributes as sent, e.g. ["Path=/", "HttpOnly", "SameSite=Lax"] (the browser adapter rebuilds them). */
  attrs: string[];
  httpOnly: boolean;
  secure: boolean;
  /** "Strict" | "Lax" | "None" as sent, or undefined when the attribute is absent. */
  sameSite?: string;
  path?: string;
  domain?: string;
}

/** One thing the actor did, in order: for the report and for checks that need the page's status. */
export interface ActorStep {
  step: "open" | "sign-in" | "claim-page" | "submit" | "direct-submit" | "sign-out" | "command" | "manual";
  url?: string;
  status?: number;
  /** PNG file of the page after this step (browser adapter). */
  screenshot?: string;
  note?: string;
}

export interface ActorResult {
  adapter: ActorAdapterKind;
  outcome: ActorOutcome;
  /** Why, in a word or two: "wrong-account", "wrong-code", "already-claimed", "denied", "no-claim-form", … */
  reason?: string;
  /** The last status seen on the page or the form action. */
  httpStatus?: number;
  /** Status of the claim page (GET) and of the form action (POST), when reached. */
  pageStatus?: number;
  submitStatus?: number;
  /** Visible text of the last page. */
  pageText?: string;
  /** Visible text of the claim page itself, before any submit (advisories, provider name: STEP-07, PAGE-09). */
  claimPageText?: string;
  cookies: ActorCookie[];
  steps: ActorStep[];
  /** The actor's HTTP exchanges, redacted with the actor's Redactor. */
  evidence: Exchange[];
}

export interface UserActorV07 {
  readonly kind: ActorAdapterKind;
  /** Drive one ceremony as `account`; resolves when the service has shown its verdict. */
  confirm(request: ConfirmRequest): Promise<ActorResult>;
  /** Refuse the ceremony on the page (TOK-CLM-08), where the service offers a refusal. */
  deny?(request: DenyRequest): Promise<ActorResult>;
  /** End the user's session (and forget its cookies). */
  signOut(): Promise<void>;
  /** Release what the actor holds (a browser, temp folders). */
  close(): Promise<void>;
}
