"""PyZMQ's own PUBHandler, live, for the interop tests.

usage: pubhandler.py capture ROOT_TOPIC
    Logs each case below through PUBHandler and prints what a SUB received as JSON lines:
    {"name", "topic", "body_b64"}; then exits.
usage: pubhandler.py publish ROOT_TOPIC SECONDS
    Binds a random port (printed on stderr as "ENDPOINT tcp://..."), then logs "tick N" at INFO
    and "tock N" at WARNING (subtopic "clock") every 50 ms until SECONDS have passed.
"""
import base64
import json
import logging
import sys
import time

import zmq
from zmq.log.handlers import PUBHandler

CASES = [
    ("info", logging.INFO, "hello there", ()),
    ("warning", logging.WARNING, "careful now", ()),
    ("error", logging.ERROR, "boom", ()),
    ("debug", logging.DEBUG, "some details", ()),
    ("subtopic", logging.INFO, "sub.topic::hello there", ()),
    ("subtopic_warning", logging.WARNING, "db.pool::pool exhausted", ()),
    ("delim_in_args", logging.INFO, "value=%s", ("a::b",)),
    ("subtopic_with_args", logging.INFO, "sub::count=%d", (5,)),
    ("unicode", logging.WARNING, "h\u00e9llo \u2713 \u65e5\u672c", ()),
    ("multiline", logging.INFO, "line1\nline2\nline3", ()),
    ("trailing_newline", logging.INFO, "ends with newline\n", ()),
    ("empty", logging.INFO, "", ()),
    ("two_delims", logging.INFO, "a::b::c", ()),
]

mode, root = sys.argv[1], sys.argv[2]
ctx = zmq.Context()
pub = ctx.socket(zmq.PUB)
port = pub.bind_to_random_port("tcp://127.0.0.1")
handler = PUBHandler(pub)
handler.setRootTopic(root)
log = logging.getLogger("pyzmq-interop")
log.setLevel(logging.DEBUG)
log.addHandler(handler)
log.propagate = False

if mode == "publish":
    print("ENDPOINT tcp://127.0.0.1:%d" % port, file=sys.stderr, flush=True)
    deadline = time.monotonic() + float(sys.argv[3])
    n = 0
    while time.monotonic() < deadline:
        n += 1
        log.info("tick %d", n)
        log.warning("clock::tock %d", n)
        time.sleep(0.05)
else:
    sub = ctx.socket(zmq.SUB)
    sub.subscribe(b"")
    sub.connect("tcp://127.0.0.1:%d" % port)
    # The slow joiner: log pings until the SUB sees one.
    for attempt in range(400):
        log.info("sync::ping %d", attempt)
        if sub.poll(50, zmq.POLLIN):
            break
    while sub.poll(200, zmq.POLLIN):
        sub.recv_multipart()
    for name, level, msg, args in CASES:
        log.log(level, msg, *args)
        topic, body = sub.recv_multipart()
        print(json.dumps({"name": name, "topic": topic.decode("utf-8"),
                          "body_b64": base64.b64encode(body).decode("ascii")}), flush=True)
    sub.close()
pub.close(linger=1000)
ctx.term()
