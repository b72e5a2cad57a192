// Pinned requirement ids of the id-jag checks, in catalogue order.
export const ID_JAG_IDS: string[] = [];
