/**
 * Small statistics for the fuzz checks: a χ² goodness-of-fit test on OTP digits and an entropy
 * estimate for token samples. Hand-written because the project has no statistics dependency
 * and both need only a few lines (the χ² tail uses the regularised incomplete gamma function).
 */

export interface DigitUniformity {
  /** How many digits were counted (codes × 6). */
  digits: number;
  /** Occurrences of 0…9 over every position. */
  counts: number[];
  statistic: number;
  degreesOfFreedom: number;
  /** P(χ² ≥ statistic) under uniform digits. */
  pValue: number;
}

/** χ² test that the decimal digits of `codes` (pooled over positions) are uniform on 0…9. */
export function digitUniformity(codes: readonly string[]): DigitUniformity {
  const counts = new Array<number>(10).fill(0);
  let digits = 0;
  for (const code of codes) {
    for (const ch of code) {
      const d = ch.charCodeAt(0) - 48;
      if (d >= 0 && d <= 9) {
        counts[d]! += 1;
        digits += 1;
      }
    }
  }
  const expected = digits / 10;
  const statistic = expected === 0 ? 0 : counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
  return { digits, counts, statistic, degreesOfFreedom: 9, pValue: chiSquareSurvival(statistic, 9) };
}

/** P(X ≥ x) for X ~ χ²(k). */
export function chiSquareSurvival(x: number, k: number): number {
  if (x <= 0) return 1;
  return regularizedGammaQ(k / 2, x / 2);
}

/** Q(a, x) = Γ(a, x) / Γ(a) (Numerical Recipes: series below a + 1, continued fraction above). */
function regularizedGammaQ(a: number, x: number): number {
  const lnGammaA = logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.max(0, 1 - sum * Math.exp(-x + a * Math.log(x) - lnGammaA));
  }
  let b = x + 1 - a;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.min(1, Math.exp(-x + a * Math.log(x) - lnGammaA) * h);
}

/** Lanczos approximation of ln Γ(z), z > 0. */
function logGamma(z: number): number {
  const g = 7;
  const coef = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61503916999185,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const x = z - 1;
  let a = coef[0]!;
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += coef[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Standard token alphabets, smallest first: a sample is credited with the smallest that covers it. */
const ALPHABETS: readonly { name: string; chars: string }[] = [
  { name: "decimal", chars: "0123456789" },
  { name: "hex (lower)", chars: "0123456789abcdef" },
  { name: "hex (upper)", chars: "0123456789ABCDEF" },
  { name: "base32", chars: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" },
  { name: "base36 (lower)", chars: "0123456789abcdefghijklmnopqrstuvwxyz" },
  { name: "base62", chars: "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" },
  { name: "base64url", chars: "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_" },
  { name: "base64", chars: "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/=" },
];

export interface TokenEntropyEstimate {
  samples: number;
  unique: number;
  /** Longest prefix every token shares (e.g. "clm_"), which carries no entropy. */
  commonPrefix: string;
  /** Length of the shortest token after the prefix. */
  bodyLength: number;
  /** Positions of the body where the sample shows more than one character. */
  varyingPositions: number;
  alphabet: string;
  alphabetSize: number;
  /** varyingPositions × log2(alphabetSize): an upper estimate, as a sample cannot show dependence. */
  bits: number;
}

/**
 * Estimate the entropy of a token generator from a sample: drop the shared prefix, count the
 * positions that vary across the sample, and credit each with log2 of the smallest standard
 * alphabet covering every character seen. It can only overestimate a weak generator (it cannot see
 * correlations), so a result under the bar is a sure finding and one above it is a plausibility check.
 */
export function estimateTokenEntropy(tokens: readonly string[]): TokenEntropyEstimate {
  const unique = new Set(tokens).size;
  let prefix = tokens[0] ?? "";
  for (const t of tokens) {
    let i = 0;
    while (i < prefix.length && i < t.length && prefix[i] === t[i]) i++;
    prefix = prefix.slice(0, i);
  }
  // One sample shows nothing varying; with two or more a shared prefix is structure, not entropy.
  if (tokens.length < 2) prefix = "";
  const bodies = tokens.map((t) => t.slice(prefix.length));
  const bodyLength = bodies.length ? Math.min(...bodies.map((b) => b.length)) : 0;
  let varyingPositions = 0;
  for (let i = 0; i < bodyLength; i++) {
    const seen = new Set(bodies.map((b) => b[i]));
    if (seen.size > 1) varyingPositions++;
  }
  const seenChars = new Set(bodies.join(""));
  const covering = ALPHABETS.find((a) => [...seenChars].every((c) => a.chars.includes(c)));
  const alphabet = covering?.name ?? `${seenChars.size} distinct characters`;
  const alphabetSize = covering ? covering.chars.length : Math.max(seenChars.size, 1);
  return {
    samples: tokens.length,
    unique,
    commonPrefix: prefix,
    bodyLength,
    varyingPositions,
    alphabet,
    alphabetSize,
    bits: Math.round(varyingPositions * Math.log2(alphabetSize) * 10) / 10,
  };
}
