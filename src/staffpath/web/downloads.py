"""A file to download (or, with `inline`, to show in the browser), for pages and API alike."""

from __future__ import annotations

from fastapi.responses import Response

# HTML made from people's own text (a packet, a cycle report) is shown with no scripts at all,
# whatever it holds; its own stylesheet is inline, so that is all it may use.
PREVIEW_CSP = ("sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
               "frame-ancestors 'self'")


def download(body: str | bytes, media_type: str, filename: str, *, inline: bool = False,
             sandbox: bool = False) -> Response:
    """The file under its name; `sandbox` serves it under `PREVIEW_CSP`."""
    disposition = "inline" if inline else "attachment"
    headers = {"Content-Disposition": f'{disposition}; filename="{filename}"'}
    if sandbox:
        headers["Content-Security-Policy"] = PREVIEW_CSP
    return Response(body, media_type=media_type, headers=headers)
