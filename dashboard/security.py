"""Security headers on every response: a Content-Security-Policy that lets Dash run and
nothing else, no sniffing, no framing, no referrer to other sites."""

from __future__ import annotations

import dash


def install_headers(app: dash.Dash) -> None:
    # Dash's own inline scripts are allowed by their hashes, no other inline script runs.
    script_hashes = " ".join(app.csp_hashes())  # already quoted: 'sha256-...'
    policy = "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {script_hashes}",
            # Plotly sets styles on the elements it draws.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )

    @app.server.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers.setdefault("Cache-Control", "no-store")
        return response
