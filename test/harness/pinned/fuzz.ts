// Pinned requirement ids of the fuzz checks, in catalogue order.
export const FUZZ_IDS: string[] = [];
