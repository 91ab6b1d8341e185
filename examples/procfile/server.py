"""A tiny web server for Ferry: answers every GET with a greeting on $PORT and stops on SIGTERM."""
import http.server
import os
import signal
import threading


class Hello(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"Hello from Ferry\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


server = http.server.ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("PORT", "5000"))), Hello)
signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
print(f"listening on {server.server_address[1]}", flush=True)
server.serve_forever()
