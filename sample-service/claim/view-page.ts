import { createHash } from "node:crypto";
import type { ServiceContext } from "../context.ts";
import type { Handler } from "../http/router.ts";
import { send } from "../http/respond.ts";
import { PATHS, SERVICE_NAME } from "../protocol.ts";
import { mintOtp } from "./otp.ts";

// The page reads the token from its own URL and POSTs it only when the user presses the button,
// so link scanners and reloads (GETs) never mint a code.
const SCRIPT = `
const button = document.getElementById("reveal");
const output = document.getElementById("code");
const note = document.getElementById("note");
const messages = {
  claim_superseded: "This link was replaced by a newer email, or is not valid.",
  claim_completed: "This request was already confirmed.",
  claim_expired: "This request has expired. Ask your agent to start again."
};
button.addEventListener("click", async () => {
  const token = new URLSearchParams(location.search).get("token") || "";
  button.disabled = true;
  try {
    const response = await fetch(${JSON.stringify(PATHS.challenge)}, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ claim_attempt_token: token })
    });
    const body = await response.json();
    if (response.ok && body.type === "otp") {
      output.textContent = body.challenge;
      note.textContent = "Read this code to your agent. It expires at " + new Date(body.expires_at).toLocaleTimeString() + ". Pressing the button again replaces it.";
      button.textContent = "Show a new code";
    } else {
      output.textContent = "";
      note.textContent = messages[body.error] || "This link can no longer be used.";
    }
  } catch {
    note.textContent = "Could not reach the service. Try again.";
  }
  button.disabled = false;
});
`;

const STYLE = `
body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; }
#code { display: block; font-size: 2.5rem; letter-spacing: 0.3rem; font-family: ui-monospace, monospace; margin: 1rem 0; }
button { font-size: 1rem; padding: 0.5rem 1rem; }
`;

const sha256Base64 = (text: string): string => createHash("sha256").update(text, "utf8").digest("base64");

const CSP = [
  "default-src 'none'",
  `script-src 'sha256-${sha256Base64(SCRIPT)}'`,
  `style-src 'sha256-${sha256Base64(STYLE)}'`,
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Confirm your agent — ${SERVICE_NAME}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Confirm your agent</h1>
<p>An AI agent asked to register with ${SERVICE_NAME} on your behalf. If that was you, press the button and read the 6-digit code back to your agent.</p>
<p>If you did not ask for this, close this page: nothing happens without the code.</p>
<button id="reveal" type="button">Show my code</button>
<output id="code" aria-live="polite"></output>
<p id="note"></p>
<script>${SCRIPT}</script>
</body>
</html>
`;

/** GET /agent/auth/claim/view?token=…: a static page; it never touches claim state. */
export function viewPageHandler(ctx: ServiceContext): Handler {
  return (_req, res, url) => {
    const page = ctx.faults.has("otp-minted-on-get") ? pageWithCodeMintedOnGet(ctx, url) : PAGE;
    send(res, 200, "text/html; charset=utf-8", page, {
      "Content-Security-Policy": CSP,
      "Referrer-Policy": "no-referrer",
      "X-Frame-Options": "DENY",
    });
  };
}

/** otp-minted-on-get: the bug this page avoids — minting (and showing) a code on every GET. */
function pageWithCodeMintedOnGet(ctx: ServiceContext, url: URL): string {
  const found = ctx.store.attemptByToken(url.searchParams.get("token") ?? "");
  const claim = found?.registration.claim ?? null;
  const attempt = claim?.currentAttempt ?? null;
  const now = ctx.now();
  if (found === undefined || claim === null || claim.claimed || attempt === null || attempt.id !== found.attemptId || now >= attempt.expiresAt) return PAGE;
  const { otp } = mintOtp(ctx, attempt, now);
  return PAGE.replace('<output id="code" aria-live="polite"></output>', `<output id="code" aria-live="polite">${otp}</output>`);
}
