/**
 * Parse a WWW-Authenticate header (RFC 9110 §11.6.1) into challenges. Hand-written: the grammar
 * is small, and the libraries that exist parse only one scheme or drop quoted commas.
 */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

export function parseWwwAuthenticate(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  let i = 0;
  const n = header.length;
  const skipSpaces = () => {
    while (i < n && /[\s,]/.test(header[i]!)) i++;
  };
  const readToken = () => {
    const start = i;
    while (i < n && /[!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(header[i]!)) i++;
    return header.slice(start, i);
  };
  const readValue = () => {
    if (header[i] === '"') {
      i++;
      let out = "";
      while (i < n && header[i] !== '"') {
        if (header[i] === "\\" && i + 1 < n) i++;
        out += header[i];
        i++;
      }
      i++; // closing quote
      return out;
    }
    return readToken();
  };

  while (i < n) {
    skipSpaces();
    const scheme = readToken();
    if (!scheme) break;
    const challenge: Challenge = { scheme, params: {} };
    challenges.push(challenge);
    // params: name=value pairs separated by commas, until the next scheme token
    for (;;) {
      while (i < n && /\s/.test(header[i]!)) i++;
      const save = i;
      const name = readToken();
      while (i < n && /\s/.test(header[i]!)) i++;
      if (!name || header[i] !== "=") {
        i = save;
        break;
      }
      i++;
      while (i < n && /\s/.test(header[i]!)) i++;
      challenge.params[name.toLowerCase()] = readValue();
      while (i < n && /\s/.test(header[i]!)) i++;
      if (header[i] === ",") i++;
    }
  }
  return challenges;
}

export function bearerChallenge(header: string | undefined): Challenge | undefined {
  if (!header) return undefined;
  return parseWwwAuthenticate(header).find((c) => c.scheme.toLowerCase() === "bearer");
}
