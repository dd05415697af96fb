import { secureHeaders } from "hono/secure-headers";
import { STYLE_SOURCE } from "../views/page.ts";

/**
 * Headers on every response (pages, JSON, badges, errors): a Content-Security-Policy that allows
 * the pages' one stylesheet (by hash) and same-origin images and nothing else — no script, no
 * frames, no forms, no `<base>` — so markup that ever slipped past the escaping could not run.
 * A response that sets a header itself keeps it (badges are embeddable cross-origin).
 */
export const securityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    styleSrc: [STYLE_SOURCE],
    imgSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: "DENY",
  referrerPolicy: "no-referrer",
  xContentTypeOptions: "nosniff",
  crossOriginResourcePolicy: "same-origin",
  crossOriginOpenerPolicy: "same-origin",
  // TLS is the reverse proxy's business: HSTS (with includeSubDomains) is for the operator to set.
  strictTransportSecurity: false,
  overwrite: false,
});
