/** One HTTP request and its answer, as recorded in a check's evidence (always redacted). */
export interface Exchange {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status?: number;
  responseHeaders?: Record<string, string>;
  /** An excerpt of the response body (first EXCERPT_CHARS characters). */
  responseBody?: string;
  truncated?: boolean;
  durationMs: number;
  /** Transport trouble (timeout, refused, too large), when no complete answer came. */
  error?: { code: string; message: string };
  /** A curl line that reproduces the request (secrets masked: substitute your own). */
  curl: string;
}

export const EXCERPT_CHARS = 2_000;

export function curlLine(method: string, url: string, headers: Record<string, string>, body?: string): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const parts = ["curl", "-sS", "-X", method, q(url)];
  for (const [name, value] of Object.entries(headers)) parts.push("-H", q(`${name}: ${value}`));
  if (body !== undefined) parts.push("--data-binary", q(body));
  return parts.join(" ");
}
