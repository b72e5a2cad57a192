// Fault switches for the fuzz checks; each breaks exactly the requirement ids it names.
export const FUZZ_FAULTS = [] as const;
