import type { ServiceContext } from "../context.ts";
import type { Handler } from "../http/router.ts";
import { send } from "../http/respond.ts";
import { buildManifest } from "./manifest.ts";

/** What a misconfigured host serves for unknown paths: its single-page-app shell. */
const SPA_SHELL = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sample Notes</title></head>
<body><div id="root"></div><script src="/assets/index.js"></script></body>
</html>
`;

export function authMdHandler(ctx: ServiceContext): Handler {
  const { faults } = ctx;
  return (_req, res) => {
    if (faults.has("authmd-html-fallback")) {
      send(res, 200, "text/plain; charset=utf-8", SPA_SHELL);
      return;
    }
    const manifest = buildManifest({
      origin: ctx.origin,
      resource: ctx.resource,
      trustedIssuers: ctx.config.trustedIssuers,
      otpTtlSeconds: ctx.config.otpTtlSeconds,
      otpMaxAttempts: ctx.config.otpMaxAttempts,
      parts: {
        title: !faults.has("authmd-no-title"),
        errorsAndRevocation: !faults.has("authmd-missing-sections"),
        prmLink: !faults.has("authmd-no-prm-link"),
        anonymous: !faults.has("authmd-inconsistent-flows"),
      },
    });
    const type = faults.has("authmd-wrong-content-type") ? "application/octet-stream" : "text/markdown; charset=utf-8";
    send(res, 200, type, manifest);
  };
}
