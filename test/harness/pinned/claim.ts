// Pinned requirement ids of the claim checks, in catalogue order.
export const CLAIM_IDS: string[] = [];
