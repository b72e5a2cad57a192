import { HarnessError } from "../../errors.ts";
import type { HttpClient, HttpResponse } from "../../http/client.ts";
import type { Target } from "../../target/target.ts";
import type { AdvertisedEndpoint, AgentDriver, IdJagPresentation } from "../types.ts";

export const ID_JAG_ASSERTION_V01 = "urn:ietf:params:oauth:token-type:id-jag";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The v0.1 agent driver (AUTH.md v0.1 Step 3): an ID-JAG is POSTed to agent_auth.register_uri with
 * a requested_credential_type, and a 2xx answer carries the credential itself.
 */
export class AgentDriverV01 implements AgentDriver {
  constructor(
    private readonly http: HttpClient,
    private readonly target: Target,
  ) {}

  async presentIdJag(assertion: string, options: { credentialType?: string } = {}): Promise<IdJagPresentation> {
    const registerUri = this.target.endpoints.register;
    if (!registerUri) throw new HarnessError("endpoint_missing", "Discovery found no agent_auth.register_uri", "agent_auth.register_uri");
    const res = await this.http.postJson(registerUri, {
      type: "identity_assertion",
      assertion_type: ID_JAG_ASSERTION_V01,
      assertion,
      requested_credential_type: options.credentialType,
    });
    return presentationV01(res);
  }

  callApi(credential: string): Promise<HttpResponse> {
    const { read } = this.target.api;
    return this.http.send({
      method: read.method,
      url: read.url,
      headers: { authorization: `Bearer ${credential}` },
      ...(read.body !== undefined ? { json: read.body } : {}),
    });
  }

  advertisedEndpoints(): AdvertisedEndpoint[] {
    const block = this.target.agentAuth ?? {};
    const base = this.target.asMetadataUrl ?? `${this.target.url}/`;
    return (["register_uri", "claim_uri", "revocation_uri"] as const)
      .filter((k) => typeof block[k] === "string")
      .map((k) => ({ name: `agent_auth.${k}`, url: new URL(block[k] as string, base).toString() }));
  }
}

/** A v0.1 registration answer, normalised: accepted = 2xx with a non-empty `credential`. */
export function presentationV01(res: HttpResponse): IdJagPresentation {
  const body = isObject(res.json) ? res.json : {};
  const credential = typeof body.credential === "string" && body.credential.length > 0 ? body.credential : undefined;
  const scopes = Array.isArray(body.scopes) ? body.scopes.filter((s): s is string => typeof s === "string") : undefined;
  return {
    accepted: res.status >= 200 && res.status < 300 && credential !== undefined,
    status: res.status,
    json: res.json,
    ...(typeof body.error === "string" ? { code: body.error } : {}),
    ...(credential ? { credential } : {}),
    ...(typeof body.credential_type === "string" ? { credentialType: body.credential_type } : {}),
    ...(typeof body.registration_id === "string" ? { registrationId: body.registration_id } : {}),
    ...(typeof body.registration_type === "string" ? { registrationType: body.registration_type } : {}),
    ...(scopes ? { scopes } : {}),
    response: res,
  };
}
