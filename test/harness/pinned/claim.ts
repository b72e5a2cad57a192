// Pinned requirement ids of the claim checks, in catalogue order.
export const CLAIM_IDS: string[] = [
  "VEM-01", "VEM-02", "VEM-03", "VEM-04", "VEM-05", "VEM-06",
  "ANON-01", "ANON-02", "ANON-03", "ANON-04", "ANON-05", "ANON-06",
  "CLM-01", "CLM-02", "CLM-03", "CLM-04", "CLM-05",
  "OTP-01", "OTP-02", "OTP-03", "OTP-04", "OTP-05", "OTP-06", "OTP-07",
  "SCO-01", "SCO-02", "SCO-03", "SCO-04", "SCO-05", "SCO-06", "SCO-07",
  "MAIL-01", "MAIL-02", "MAIL-03", "MAIL-04",
];
