"""A PyZMQ SUB that binds as a CURVE server, for an appender that connects as a CURVE client.

usage: curve_server_sub.py PREFIX SECONDS
The keys come from the environment, not the command line (where ps shows them):
ZMQLOG_PUBLIC_KEY and ZMQLOG_SECRET_KEY (the server's pair) and ZMQLOG_ALLOWED_KEY (the one
client public key zmq.auth's thread authenticator admits), all Z85. Binds tcp://127.0.0.1 on a
free port and prints {"port": N} as the first JSON line, then each message as a JSON line.
Exits 3 without printing anything on stdout when libzmq lacks CURVE. Ends by itself after SECONDS.
"""
import base64
import json
import os
import shutil
import sys
import tempfile
import time

import zmq
import zmq.auth
from zmq.auth.thread import ThreadAuthenticator

if not zmq.has("curve"):
    print("NO-CURVE: libzmq %s has no CURVE support" % zmq.zmq_version(), file=sys.stderr, flush=True)
    sys.exit(3)

prefix, seconds = sys.argv[1], float(sys.argv[2])
ctx = zmq.Context()
auth = ThreadAuthenticator(ctx)
auth.start()
# zmq.auth reads allowed keys from certificate files in a directory.
allowed = tempfile.mkdtemp(prefix="zmqlog-allowed-")
with open(os.path.join(allowed, "client.key"), "w") as cert:
    cert.write('metadata\ncurve\n    public-key = "%s"\n' % os.environ["ZMQLOG_ALLOWED_KEY"])
auth.configure_curve(domain="*", location=allowed)
sub = ctx.socket(zmq.SUB)
sub.setsockopt(zmq.LINGER, 0)
sub.curve_publickey = os.environ["ZMQLOG_PUBLIC_KEY"].encode("ascii")
sub.curve_secretkey = os.environ["ZMQLOG_SECRET_KEY"].encode("ascii")
sub.curve_server = True
sub.subscribe(prefix.encode("utf-8"))
port = sub.bind_to_random_port("tcp://127.0.0.1")
print(json.dumps({"port": port}), flush=True)
deadline = time.monotonic() + seconds
while time.monotonic() < deadline:
    if sub.poll(50, zmq.POLLIN):
        frames = sub.recv_multipart()
        print(json.dumps({
            "frames": len(frames),
            "topic": frames[0].decode("utf-8"),
            "body_b64": base64.b64encode(frames[1]).decode("ascii") if len(frames) > 1 else None,
        }), flush=True)
sub.close()
auth.stop()
ctx.term()
shutil.rmtree(allowed, ignore_errors=True)
