// Fault switches for the claim checks; each breaks exactly the requirement ids it names.
export const CLAIM_FAULTS = [] as const;
