import type { ServiceContext } from "../context.ts";
import { readJsonObject } from "../http/body.ts";
import { sendError } from "../http/respond.ts";
import type { Handler } from "../http/router.ts";
import { ID_JAG_ASSERTION_TYPE, VERIFIED_EMAIL_ASSERTION_TYPE } from "../protocol.ts";
import { registerAnonymous } from "./anonymous.ts";
import { admitAnonymousRegistration } from "./rate-limit.ts";
import { registerWithIdJag } from "./id-jag.ts";
import { registerWithVerifiedEmail } from "./verified-email.ts";
import { readRegisterBody, registrationType } from "../faults/fuzz-behaviour.ts";

/** POST /agent/auth: dispatch on `type`, then on `assertion_type`. */
export function registerHandler(ctx: ServiceContext): Handler {
  return async (req, res) => {
    const body = await readRegisterBody(ctx, req, res, readJsonObject);
    if (body === undefined) return;
    const type = registrationType(ctx, body);
    if (type === "anonymous") {
      if (!admitAnonymousRegistration(ctx, req, res)) return;
      registerAnonymous(ctx, { ...body, type }, res);
      return;
    }
    if (type !== "identity_assertion") {
      sendError(res, 400, "invalid_request", "type must be \"anonymous\" or \"identity_assertion\"");
      return;
    }
    const assertionType = body.assertion_type;
    if (typeof assertionType !== "string") {
      sendError(res, 400, "invalid_request", "assertion_type must be a string");
      return;
    }
    if (assertionType === ID_JAG_ASSERTION_TYPE) {
      await registerWithIdJag(ctx, body, res);
    } else if (assertionType === VERIFIED_EMAIL_ASSERTION_TYPE) {
      await registerWithVerifiedEmail(ctx, body, res);
    } else {
      sendError(res, 400, "unsupported_assertion_type", `assertion_type ${JSON.stringify(assertionType).slice(0, 100)} is not supported`);
    }
  };
}
