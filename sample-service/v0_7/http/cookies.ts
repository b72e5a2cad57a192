import type { IncomingMessage } from "node:http";

/** The value of cookie `name` in the request, if any. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

/** Session cookie attributes (CL v0.4.0): HttpOnly, SameSite=Lax, Secure when configured. */
export function sessionCookie(name: string, value: string, options: { secure: boolean; httpOnly: boolean; maxAgeSeconds: number; sameSite?: "Lax" | "None" }): string {
  return [
    `${name}=${value}`,
    "Path=/",
    `Max-Age=${options.maxAgeSeconds}`,
    ...(options.httpOnly ? ["HttpOnly"] : []),
    `SameSite=${options.sameSite ?? "Lax"}`,
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}
