import type { SpecSource } from "./types.ts";

// Canonical links to the documents the catalogue cites. The v0.1 sources are pinned to the
// commit the profile was written against, so a citation keeps meaning what it meant.
const AUTHMD_V01 = "https://github.com/workos/auth.md/blob/0910d09";

export const src = {
  authMd: (section: string): SpecSource => ({
    spec: "AUTH.md (v0.1)",
    section,
    url: `${AUTHMD_V01}/AUTH.md`,
  }),
  servicesGuide: (section: string): SpecSource => ({
    spec: "agent-services/README.md (v0.1)",
    section,
    url: `${AUTHMD_V01}/agent-services/README.md`,
  }),
  providersGuide: (section: string): SpecSource => ({
    spec: "agent-providers/README.md (v0.1)",
    section,
    url: `${AUTHMD_V01}/agent-providers/README.md`,
  }),
  rfc: (num: number, section: string): SpecSource => ({
    spec: `RFC ${num}`,
    section,
    url: `https://www.rfc-editor.org/rfc/rfc${num}#section-${section.replace(/^§/, "")}`,
  }),
  idJag: (section: string): SpecSource => ({
    spec: "draft-ietf-oauth-identity-assertion-authz-grant",
    section,
    url: "https://datatracker.ietf.org/doc/draft-ietf-oauth-identity-assertion-authz-grant/",
  }),
  backChannelLogout: (section: string): SpecSource => ({
    spec: "OpenID Connect Back-Channel Logout 1.0",
    section,
    url: "https://openid.net/specs/openid-connect-backchannel-1_0.html",
  }),
  nist63b: (section: string): SpecSource => ({
    spec: "NIST SP 800-63B",
    section,
    url: "https://pages.nist.gov/800-63-4/sp800-63b.html",
  }),
  cimd: (section: string): SpecSource => ({
    spec: "draft-ietf-oauth-client-id-metadata-document",
    section,
    url: "https://datatracker.ietf.org/doc/draft-ietf-oauth-client-id-metadata-document/",
  }),
  oidcCore: (section: string): SpecSource => ({
    spec: "OpenID Connect Core 1.0",
    section,
    url: "https://openid.net/specs/openid-connect-core-1_0.html",
  }),
  scanner: (section: string): SpecSource => ({
    spec: "isitagentready authMd scanner criteria",
    section,
    url: "https://isitagentready.com/",
  }),
};
