"""What the video tests share: a local HTTP server for a folder of playlists (a stand-in for a camera's HLS
address or a stream gateway)."""

import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest


@pytest.fixture
def serve_folder():
    """`base = serve_folder(path)`: the folder answered over HTTP on a free local port until the test ends."""
    servers = []

    def serve(folder) -> str:
        class Handler(SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(folder), **kwargs)

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()
