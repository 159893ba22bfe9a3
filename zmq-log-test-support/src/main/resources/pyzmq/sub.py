"""A PyZMQ SUB for the interop tests: connects, subscribes, prints each message as a JSON line.

usage: sub.py ENDPOINT PREFIX SECONDS
Ends by itself after SECONDS. Prints READY on stderr once subscribed.
"""
import base64
import json
import sys
import time

import zmq

endpoint, prefix, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
ctx = zmq.Context()
sub = ctx.socket(zmq.SUB)
sub.setsockopt(zmq.LINGER, 0)
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
