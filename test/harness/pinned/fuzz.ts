// Pinned requirement ids of the fuzz checks, in catalogue order.
export const FUZZ_IDS: string[] = [
  "FUZZ-OTP-LOCK-01", "FUZZ-OTP-LOCK-02", "FUZZ-OTP-WRONG-01", "FUZZ-OTP-FORMAT-01", "FUZZ-OTP-UNIFORM-01",
  "FUZZ-CT-ENTROPY-01", "FUZZ-CT-GARBAGE-01", "FUZZ-CT-BIND-01",
  "FUZZ-MODEL-01",
  "FUZZ-INPUT-01", "FUZZ-INPUT-02",
];
