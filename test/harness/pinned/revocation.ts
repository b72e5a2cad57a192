// Pinned requirement ids of the revocation checks, in catalogue order.
export const REVOCATION_IDS: string[] = [];
