// Pinned requirement ids of the id-jag, signature and replay checks, in catalogue order.
export const ID_JAG_IDS: string[] = [
  "IDJAG-BASE-01", "IDJAG-BASE-02", "IDJAG-BASE-03", "IDJAG-BASE-04", "IDJAG-BASE-05",
  "IDJAG-TYP-01", "IDJAG-TYP-02",
  "IDJAG-ISS-01", "IDJAG-ISS-02", "IDJAG-SUB-01",
  "IDJAG-AUD-01", "IDJAG-AUD-02", "IDJAG-AUD-03", "IDJAG-AUD-04", "IDJAG-AUD-05",
  "IDJAG-EXP-01", "IDJAG-EXP-02", "IDJAG-EXP-03", "IDJAG-IAT-01", "IDJAG-IAT-02", "IDJAG-NBF-01", "IDJAG-JTI-01",
  "IDJAG-CID-01", "IDJAG-CID-02", "IDJAG-VER-01", "IDJAG-VER-02", "IDJAG-VER-03",
  "IDJAG-CRED-01", "IDJAG-OFF-01", "IDJAG-VOC-01", "IDJAG-CODE-01",
  "SIG-01", "SIG-02", "SIG-03", "SIG-04", "SIG-05", "SIG-06", "SIG-07", "SIG-08", "SIG-09", "SIG-10", "SIG-11", "SIG-12",
  "RPL-01", "RPL-02", "RPL-03",
];
