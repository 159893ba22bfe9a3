"""A PyZMQ SUB with CURVE client keys for the interop tests; prints each message as a JSON line.

usage: curve_sub.py ENDPOINT PREFIX SECONDS
The keys come from the environment, not the command line (where ps shows them):
ZMQLOG_SERVER_KEY (the server's public key), ZMQLOG_PUBLIC_KEY and ZMQLOG_SECRET_KEY (the
client's pair), all Z85. Exits 3 without printing anything on stdout when libzmq lacks CURVE.
Prints READY on stderr once subscribed. Ends by itself after SECONDS.
"""
import base64
import json
import os
import sys
import time

import zmq

if not zmq.has("curve"):
    print("NO-CURVE: libzmq %s has no CURVE support" % zmq.zmq_version(), file=sys.stderr, flush=True)
    sys.exit(3)

endpoint, prefix, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
ctx = zmq.Context()
sub = ctx.socket(zmq.SUB)
sub.setsockopt(zmq.LINGER, 0)
sub.curve_serverkey = os.environ["ZMQLOG_SERVER_KEY"].encode("ascii")
sub.curve_publickey = os.environ["ZMQLOG_PUBLIC_KEY"].encode("ascii")
sub.curve_secretkey = os.environ["ZMQLOG_SECRET_KEY"].encode("ascii")
sub.subscribe(prefix.encode("utf-8"))
sub.connect(endpoint)
print("READY", file=sys.stderr, flush=True)
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
ctx.term()
