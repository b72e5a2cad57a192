// Pinned requirement ids of the rate-limit checks, in catalogue order.
export const RATE_LIMIT_IDS: string[] = ["RATE-01"];
