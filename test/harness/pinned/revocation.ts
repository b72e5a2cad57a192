// Pinned requirement ids of the revocation checks, in catalogue order.
export const REVOCATION_IDS: string[] = [
  "REV-01", "REV-02", "REV-03", "REV-04", "REV-05", "REV-06", "REV-07", "REV-08",
  "REV-09", "REV-10", "REV-11", "REV-12", "REV-13", "REV-14", "REV-15",
];
