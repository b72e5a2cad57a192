// Fault switches for the id-jag checks; each breaks exactly the requirement ids it names.
export const ID_JAG_FAULTS = [] as const;
