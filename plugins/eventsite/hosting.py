"""_headers for Netlify and Cloudflare Pages: security headers, caching, calendar type."""

from __future__ import annotations

from .assets import ASSET_FOLDER

# No inline script or style anywhere: JSON-LD is data, not script, and the favicon is
# a data: image, so 'self' (and data: for images) is all the site needs.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "script-src 'self' 'wasm-unsafe-eval'",  # the search's index is read by WebAssembly (search.js)
        "style-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = f"""/*
  Content-Security-Policy: {CONTENT_SECURITY_POLICY}
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
  Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=()
  X-Frame-Options: DENY

/{ASSET_FOLDER}/*
  Cache-Control: public, max-age=31536000, immutable

/*.ics
  Content-Type: text/calendar; charset=utf-8
  Cache-Control: public, max-age=3600
"""


def headers_file() -> str:
    return HEADERS
