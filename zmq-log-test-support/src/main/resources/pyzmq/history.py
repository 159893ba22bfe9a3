"""Asks a zmq-log publisher for its last events, then follows live (README, "Wire format").

usage: history.py HISTORY_ENDPOINT COUNT [PREFIX...]
Prints 'SEQ topic | message' per event, '[missed N events]' for a gap, and LIVE where the
history ends; exits after the first live event, or after 10 s without one.
"""
import sys

import zmq

endpoint, count, prefixes = sys.argv[1], sys.argv[2], sys.argv[3:]
ctx = zmq.Context()
dealer = ctx.socket(zmq.DEALER)
dealer.setsockopt(zmq.LINGER, 0)
dealer.connect(endpoint)
# [version, get, COUNT, MAX_AGE_MILLIS (0: any age), PREFIX...]
dealer.send_multipart([b"zmqlog-history/1", b"get", count.encode(), b"0"]
                      + [p.encode("utf-8") for p in prefixes])
last = 0
live = False
while dealer.poll(10000, zmq.POLLIN):
    frames = dealer.recv_multipart()
    if frames[0] == b"event":
        seq, n, topic, body = frames[1:5]
        if int(n) > last + 1:
            print("[missed %d events]" % (int(n) - last - 1), flush=True)
        last = int(n)
        print(seq.decode(), topic.decode("utf-8"), "|", body.decode("utf-8").rstrip("\n"), flush=True)
        if live:
            break
    elif frames[0] == b"live":
        print("LIVE", flush=True)
        live = True
    elif frames[0] == b"error":
        print("ERROR", frames[1].decode("utf-8"), flush=True)
        break
dealer.send_multipart([b"zmqlog-history/1", b"bye"])
dealer.close()
ctx.term()
