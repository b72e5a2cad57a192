/** URL rules shared by the discovery checks. */
const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOST.test(url.hostname) || url.hostname === "::1";
}

/** https, or http on a loopback host (local development and the demo). */
export function secureOrLoopback(value: unknown): { ok: boolean; reason?: string } {
  if (typeof value !== "string" || value.length === 0) return { ok: false, reason: "not a non-empty string" };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: "not an absolute URL" };
  }
  if (url.protocol === "https:") return { ok: true };
  if (url.protocol === "http:" && isLoopbackUrl(url)) return { ok: true };
  return { ok: false, reason: `scheme ${url.protocol} is not https (http is accepted only on loopback)` };
}

/** Two resource identifiers name the same resource when equal up to a trailing "/" on an empty path. */
export function sameIdentifier(a: string, b: string): boolean {
  const norm = (s: string) => {
    try {
      const u = new URL(s);
      const pathname = u.pathname === "/" ? "" : u.pathname;
      return `${u.protocol}//${u.host.toLowerCase()}${pathname}${u.search}`;
    } catch {
      return s;
    }
  };
  return norm(a) === norm(b);
}
