import { parseCookie } from "undici";
import type { ActorCookie } from "./types.ts";

/**
 * The user's cookie jar for the form adapter: RFC 6265 storage and sending rules reduced to what
 * a scripted sign-in needs (host-only or domain cookies, path prefix, Secure only over https,
 * Max-Age/Expires removal). Parsing is undici's. The jar belongs to one actor and its values
 * never leave it: what it reports is names and attributes.
 */

interface StoredCookie {
  name: string;
  value: string;
  /** The host the cookie was set by (host-only) or the Domain attribute without a leading dot. */
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  /** Epoch ms; undefined for a session cookie. */
  expiresAt?: number;
}

export class CookieJar {
  private cookies: StoredCookie[] = [];
  /** Every cookie the service set since the last take(), by name, attributes only. */
  private seen = new Map<string, ActorCookie>();

  /** Store the Set-Cookie headers of a response from `url`. */
  store(url: string, setCookies: readonly string[], now = Date.now()): void {
    const from = new URL(url);
    for (const header of setCookies) {
      const parsed = parseCookie(header);
      if (parsed === null || parsed.name === "") continue;
      this.seen.set(parsed.name, describe(parsed.name, header));
      const domain = parsed.domain ? parsed.domain.replace(/^\./, "").toLowerCase() : from.hostname;
      // A Domain that does not cover the setting host is ignored (RFC 6265 §5.3 step 6).
      if (parsed.domain && !domainMatches(from.hostname, domain)) continue;
      const path = parsed.path?.startsWith("/") ? parsed.path : defaultPath(from.pathname);
      const expires = parsed.expires instanceof Date ? parsed.expires.getTime() : parsed.expires;
      const expiresAt = parsed.maxAge !== undefined ? now + parsed.maxAge * 1000 : expires;
      this.cookies = this.cookies.filter((c) => !(c.name === parsed.name && c.domain === domain && c.path === path));
      if (expiresAt !== undefined && expiresAt <= now) continue;
      this.cookies.push({
        name: parsed.name,
        value: parsed.value,
        domain,
        hostOnly: !parsed.domain,
        path,
        secure: parsed.secure === true,
        ...(expiresAt !== undefined ? { expiresAt } : {}),
      });
    }
  }

  /** The Cookie header for a request to `url`, or undefined when no cookie applies. */
  header(url: string, now = Date.now()): string | undefined {
    const to = new URL(url);
    const matching = this.cookies.filter(
      (c) =>
        (c.expiresAt === undefined || c.expiresAt > now) &&
        (c.hostOnly ? to.hostname === c.domain : domainMatches(to.hostname, c.domain)) &&
        pathMatches(to.pathname, c.path) &&
        (!c.secure || to.protocol === "https:"),
    );
    if (matching.length === 0) return undefined;
    // Longer paths first (RFC 6265 §5.4 step 2).
    matching.sort((a, b) => b.path.length - a.path.length);
    return matching.map((c) => `${c.name}=${c.value}`).join("; ");
  }

  has(name: string): boolean {
    return this.cookies.some((c) => c.name === name);
  }

  /** The values held, for the actor's own redactor only. */
  values(): string[] {
    return this.cookies.map((c) => c.value);
  }

  /** The cookies set since the last call, attributes only. */
  takeSeen(): ActorCookie[] {
    const out = [...this.seen.values()];
    this.seen = new Map();
    return out;
  }

  clear(): void {
    this.cookies = [];
  }
}

function describe(name: string, header: string): ActorCookie {
  const attrs = header
    .split(";")
    .slice(1)
    .map((a) => a.trim())
    .filter((a) => a !== "");
  const attr = (key: string): string | undefined => {
    const found = attrs.find((a) => a.toLowerCase().startsWith(`${key.toLowerCase()}=`));
    return found === undefined ? undefined : found.slice(key.length + 1);
  };
  const flag = (key: string): boolean => attrs.some((a) => a.toLowerCase() === key.toLowerCase());
  const sameSite = attr("SameSite");
  const path = attr("Path");
  const domain = attr("Domain");
  return {
    name,
    attrs,
    httpOnly: flag("HttpOnly"),
    secure: flag("Secure"),
    ...(sameSite !== undefined ? { sameSite } : {}),
    ...(path !== undefined ? { path } : {}),
    ...(domain !== undefined ? { domain } : {}),
  };
}

function domainMatches(host: string, domain: string): boolean {
  const h = host.toLowerCase();
  return h === domain || h.endsWith(`.${domain}`);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith("/") || requestPath[cookiePath.length] === "/";
}

function defaultPath(pathname: string): string {
  const slash = pathname.lastIndexOf("/");
  return slash <= 0 ? "/" : pathname.slice(0, slash);
}
