/**
 * v0.1 endpoints the metadata does not advertise but the guides fix relative to claim_uri:
 * `<claim_uri>/complete` and `<claim_uri>/attempt/challenge` (agent-services/README.md, OTP Claim Flow).
 */
export function deriveClaimEndpoints(claimUri: string | undefined, registerUri: string | undefined) {
  const base = claimUri ?? (registerUri ? `${registerUri.replace(/\/$/, "")}/claim` : undefined);
  if (!base) return {};
  const trimmed = base.replace(/\/$/, "");
  return {
    complete: `${trimmed}/complete`,
    challenge: `${trimmed}/attempt/challenge`,
  };
}
