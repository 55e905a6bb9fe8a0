#!/usr/bin/env python3
"""Serve a directory over HTTP on localhost, the way the site will be deployed.

Standard library only. Every response carries the strict Content-Security-Policy
the page must live with (no inline script or style, wasm allowed), so the local
site and the browser tests catch a CSP violation before a deployment does.

    python3 scripts/serve.py --dir dist --port 8000
    python3 scripts/serve.py --dir dist --prefix /some/sub/path/   # as a sub-path of a bigger site
    python3 scripts/serve.py --dir dist --no-csp-header   # as a host that sends no policy (the
                                                          # pages' <meta> policy must then hold)
"""

import argparse
import functools
import http.server
import os
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
    # Keep-alive: a page's dozen parallel requests reuse the browser's six
    # connections instead of opening one each (the server is threaded, one
    # thread per connection). Every response here carries a Content-Length.
    protocol_version = "HTTP/1.1"
    # TCP_NODELAY on each connection. The handler sends the headers and then the body in
    # separate writes; with Nagle's algorithm the body of every request after the first on a
    # kept-alive connection waited for the client's delayed ACK of the headers: 40 ms a
    # request on Linux (curl, four files on one connection: 8, 42, 44, 44 ms → 6, 0.6, 0.5,
    # 0.6 ms), which a sharded site's shard rounds paid on every reused connection
    # (tests/bench/RESULTS.md, "Boot").
    disable_nagle_algorithm = True
    quiet = False
    # "/" serves the directory at the root; "/a/b/" serves it at /a/b/ only
    # (and 404s everything else), the way a host serves a site in a sub-folder.
    prefix = "/"
    # False: no policy header, as many static hosts (the pages carry it as a <meta>).
    csp_header = True

    def inside(self, path):
        """`path` as the directory sees it, or None when it is outside the prefix."""
        if self.prefix == "/":
            return path
        bare = path.split("?", 1)[0].split("#", 1)[0]
        if bare + "/" == self.prefix:
            return "/"  # the folder without its slash: send_head redirects to it
        if path.startswith(self.prefix):
            return "/" + path[len(self.prefix):]
        return None

    def send_head(self):
        if self.inside(self.path) is None:
            self.send_error(404, f"Not under {self.prefix}")
            return None
        return super().send_head()

    def translate_path(self, path):
        return super().translate_path(self.inside(path) or "/")

    def end_headers(self):
        if self.csp_header:
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
    parser.add_argument("--prefix", default="/", help="URL path the site lives under (default: /)")
    parser.add_argument("--no-csp-header", action="store_true",
                        help="send no Content-Security-Policy header (the pages' <meta> policy must hold)")
    args = parser.parse_args(argv)
    prefix = "/" + args.prefix.strip("/") + "/" if args.prefix.strip("/") else "/"

    handler = functools.partial(Handler, directory=args.dir)
    Handler.quiet = args.quiet
    Handler.prefix = prefix
    Handler.csp_header = not args.no_csp_header
    try:
        server = http.server.ThreadingHTTPServer((args.host, args.port), handler)
    except OSError as error:
        sys.exit(f"error: cannot listen on {args.host}:{args.port}: {error.strerror}")
    with server:
        print(f"Serving {args.dir} at http://{args.host}:{server.server_port}{prefix}", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
