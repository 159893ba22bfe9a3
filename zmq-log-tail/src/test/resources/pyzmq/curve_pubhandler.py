"""PyZMQ's own PUBHandler on a PUB that is a CURVE client connecting to a forwarder's frontend.

usage: curve_pubhandler.py ENDPOINT ROOT_TOPIC SECONDS
The keys come from the environment, not the command line (where ps shows them):
ZMQLOG_SERVER_KEY (the frontend's public key), ZMQLOG_PUBLIC_KEY and ZMQLOG_SECRET_KEY (this
instance's pair), all Z85. Exits 3 when libzmq lacks CURVE. Prints CONNECTED on stderr, then logs
"tock N" at WARNING with subtopic "clock" every 50 ms until SECONDS have passed.
"""
import logging
import os
import sys
import time

import zmq
from zmq.log.handlers import PUBHandler

if not zmq.has("curve"):
    print("NO-CURVE: libzmq %s has no CURVE support" % zmq.zmq_version(), file=sys.stderr, flush=True)
    sys.exit(3)

endpoint, root, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
ctx = zmq.Context()
pub = ctx.socket(zmq.PUB)
pub.setsockopt(zmq.LINGER, 0)
pub.curve_serverkey = os.environ["ZMQLOG_SERVER_KEY"].encode("ascii")
pub.curve_publickey = os.environ["ZMQLOG_PUBLIC_KEY"].encode("ascii")
pub.curve_secretkey = os.environ["ZMQLOG_SECRET_KEY"].encode("ascii")
pub.connect(endpoint)
handler = PUBHandler(pub)
handler.setRootTopic(root)
log = logging.getLogger("pyzmq-curve-interop")
log.setLevel(logging.DEBUG)
log.addHandler(handler)
log.propagate = False
print("CONNECTED", file=sys.stderr, flush=True)
deadline = time.monotonic() + seconds
n = 0
while time.monotonic() < deadline:
    n += 1
    log.warning("clock::tock %d", n)
    time.sleep(0.05)
pub.close()
ctx.term()
