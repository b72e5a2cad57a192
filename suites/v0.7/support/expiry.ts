import { setTimeout as sleep } from "node:timers/promises";
import type { AgentV07 } from "../../../src/profiles/v0_7/agent.ts";
import { prerequisite, runtime, skip } from "../../../src/suite/index.ts";
import { isObject } from "./agent.ts";
import { waiting } from "../../../src/suite/progress.ts";

/**
 * Waiting out a lifetime the target states (a user_code's expires_in, a claim_token_expires): a
 * short one is waited in any run, a long one only in the slow tier (`--slow`, settings.slow), and
 * otherwise the check skips saying so (issue 15 "Expiry without waiting a day").
 */

/**
 * The longest lifetime a normal run waits out (the v0.7 demo shortens its lifetimes below it);
 * `settings.expiryWaitMaxSeconds` overrides it (not in the config schema yet).
 */
export const FAST_EXPIRY_MAX_SECONDS = 20;

function fastBound(): number {
  const configured = runtime().data.settings.expiryWaitMaxSeconds;
  return typeof configured === "number" && Number.isFinite(configured) && configured >= 0 ? configured : FAST_EXPIRY_MAX_SECONDS;
}
/** The longest lifetime the slow tier waits out (the reference's 600 s user_code window fits). */
export const SLOW_EXPIRY_MAX_SECONDS = 660;
/** Margin after the stated expiry before the check asks again (clock rounding, one-second resolution). */
const MARGIN_SECONDS = 1.5;

export function slowTier(): boolean {
  return runtime().data.settings.slow === true;
}

/** The check timeout an expiry check needs: its longest wait plus a minute of requests. */
export function expiryCheckTimeoutMs(): number {
  return (slowTier() ? SLOW_EXPIRY_MAX_SECONDS : fastBound()) * 1000 + 60_000;
}

/** Why this run does not wait `seconds` (too long for it), or undefined when it does. */
export function tooLongToWait(seconds: number, what: string): string | undefined {
  const bound = slowTier() ? SLOW_EXPIRY_MAX_SECONDS : fastBound();
  if (Number.isFinite(seconds) && seconds <= bound) return undefined;
  return `${what} lasts ${Math.round(seconds)} s, longer than the ${bound} s this run waits${slowTier() ? "" : " (needs --slow, or a target configured with a shorter lifetime)"}`;
}

/** Wait until `seconds` from now have passed (plus a margin), or skip when that is too long for this run. */
export async function waitOut(seconds: number, what: string): Promise<void> {
  const tooLong = tooLongToWait(seconds, what);
  if (tooLong !== undefined) skip(tooLong);
  const ms = Math.max(0, seconds + MARGIN_SECONDS) * 1000;
  waiting(`${what} to expire (${Math.round(ms / 1000)} s)`, ms);
  await sleep(ms);
}

/** Seconds from now until an ISO time or epoch-seconds value; undefined when it is neither. */
export function secondsUntil(value: unknown): number | undefined {
  const ms = typeof value === "number" ? value * 1000 : typeof value === "string" ? Date.parse(value) : Number.NaN;
  return Number.isFinite(ms) ? (ms - Date.now()) / 1000 : undefined;
}

/** An anonymous registration whose claim window closes during the run, shared by the checks that need one expired. */
export interface ExpiringRegistration {
  registrationId: string;
  claimToken: string;
  assertion: string;
  /** When its claim window closes (claim_token_expires), epoch ms. */
  expiresAtMs: number;
  /** The jwt-bearer grant minted with its assertion while the window was open (TOK-JWTB-06's baseline). */
  mintedWhileOpen: boolean;
}

const EXPIRING_REGISTRATION = "v07-expiring-anonymous-registration";

/**
 * One anonymous registration per run for the expired-registration cases (CLMEP-03, TOK-CLM-06,
 * TOK-JWTB-06): the first check to ask waits out its claim window, the others find it closed, so a
 * run waits once instead of once per check. Undefined when the service opted out of anonymous
 * registration (anonymous_not_enabled). Blocked (with the cause) when the registration has no
 * claim_token or states no claim_token_expires (ANON-01 judges those).
 */
export async function expiringRegistration(agent: AgentV07): Promise<ExpiringRegistration | undefined> {
  const shared = await prerequisite<ExpiringRegistration | { optedOut: true }>(EXPIRING_REGISTRATION, async () => {
    const res = await agent.register({ type: "anonymous" });
    const body = isObject(res.json) ? res.json : {};
    if (res.status === 400 && body.error === "anonymous_not_enabled") return { ok: true, value: { optedOut: true as const } };
    const expiresIn = secondsUntil(body.claim_token_expires);
    if (res.status !== 200 || typeof body.claim_token !== "string" || typeof body.identity_assertion !== "string" || expiresIn === undefined) {
      return { ok: false, title: "No anonymous registration with a claim_token and claim_token_expires to let expire", evidence: { message: `POST identity_endpoint {type:"anonymous"} answered ${res.status}: ${res.text.slice(0, 200)} (ANON-01 judges it)` } };
    }
    const minted = await agent.token.jwtBearer(body.identity_assertion);
    return {
      ok: true,
      value: {
        registrationId: String(body.registration_id),
        claimToken: body.claim_token,
        assertion: body.identity_assertion,
        expiresAtMs: Date.now() + expiresIn * 1000,
        mintedWhileOpen: minted.status === 200,
      },
    };
  });
  // undefined: a documented opt-out (ANON-05), no finding; the caller says the case was not exercised.
  return "optedOut" in shared ? undefined : shared;
}

/** Seconds until the shared registration's claim window closes (negative once it has). */
export function secondsLeft(registration: ExpiringRegistration): number {
  return (registration.expiresAtMs - Date.now()) / 1000;
}
