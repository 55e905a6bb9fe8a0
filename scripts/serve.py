#!/usr/bin/env python3
"""Serve a directory over HTTP on localhost, the way the site will be deployed.

Standard library only. Every response carries the strict Content-Security-Policy
the page must live with (no inline script or style, wasm allowed), so the local
site and the browser tests catch a CSP violation before a deployment does.

    python3 scripts/serve.py --dir dist --port 8000
"""

import argparse
import functools
import http.server
import sys

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; "
    "script-src 'self' 'wasm-unsafe-eval'; "
    "style-src 'self'; "
    "worker-src 'self'"
)

# Explicit types rather than the platform's mimetypes database, which differs
# between machines. WebAssembly.instantiateStreaming insists on application/wasm
# and ES modules on a JavaScript type.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".map": "application/json",
    "": "application/octet-stream",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = CONTENT_TYPES
    quiet = False

    def end_headers(self):
        self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        self.send_header("X-Content-Type-Options", "nosniff")
        # Revalidate every time: a rebuilt wasm must never meet stale JS glue.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format, *args):
        if not self.quiet:
            super().log_message(format, *args)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default="dist", help="directory to serve (default: dist)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    parser.add_argument("--quiet", action="store_true", help="do not log each request")
    args = parser.parse_args(argv)

    handler = functools.partial(Handler, directory=args.dir)
    Handler.quiet = args.quiet
    try:
        server = http.server.ThreadingHTTPServer((args.host, args.port), handler)
    except OSError as error:
        sys.exit(f"error: cannot listen on {args.host}:{args.port}: {error.strerror}")
    with server:
        print(f"Serving {args.dir} at http://{args.host}:{server.server_port}/", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
