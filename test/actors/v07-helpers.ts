import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { type UserActorConfig, userActorConfigSchema } from "../../src/actors/v0_7/config.ts";
import type { ConfirmRequest } from "../../src/actors/v0_7/types.ts";
import type { Rig } from "../sample-service-v07/helpers.ts";

/** The `userActor` section of an example config under examples/, parsed by the exported schema. */
export function exampleActorConfig(file: string, overrides: Record<string, unknown> = {}): UserActorConfig {
  const yaml = parse(readFileSync(new URL(`../../examples/${file}`, import.meta.url), "utf8")) as { userActor: Record<string, unknown> };
  return userActorConfigSchema.parse({ ...yaml.userActor, ...overrides });
}

/** The agent's half: an anonymous registration and a claim for `hint`. Returns what each side gets. */
export async function startCeremony(rig: Rig, hint: string): Promise<{ claimToken: string; agentSecrets: string[]; verificationUri: string; userCode: string }> {
  const reg = await rig.registerAnonymous();
  const claimToken = String(reg.json.claim_token);
  const claim = await rig.claimWithHint(claimToken, hint);
  const attempt = claim.json.claim_attempt as Record<string, unknown>;
  return {
    claimToken,
    agentSecrets: [claimToken, String(reg.json.identity_assertion)],
    verificationUri: String(attempt.verification_uri),
    userCode: String(attempt.user_code),
  };
}

export function request(verificationUri: string, userCode: string, email: string, intent: ConfirmRequest["intent"] = "approve"): ConfirmRequest {
  return { verificationUri, userCode, account: { email }, intent, deadline: new Date(Date.now() + 60_000) };
}

/** A code that is not `code` (same length). */
export function otherCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, "0");
}
