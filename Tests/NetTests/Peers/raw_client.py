"""A raw-socket peer for our server at 127.0.0.1:argv[1]. It opens a good connection, then one more that
upgrades and sends the malformed frame named by argv[2], and prints "CODE <n>" for the close code our
server answered with, then "GOOD <text>" for the good connection's echo, proving the server still serves."""
import base64
import os
import socket
import struct
import sys

port, case = int(sys.argv[1]), sys.argv[2]
MASK = b"\x11\x22\x33\x44"


def masked(payload):
    return bytes(b ^ MASK[i % 4] for i, b in enumerate(payload))


def upgrade(station):
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET /ocpp/{station} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                  "Sec-WebSocket-Protocol: ocpp1.6\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            raise SystemExit("the server closed during the upgrade")
        head += chunk
    assert head.startswith(b"HTTP/1.1 101"), head
    return sock


def read_exactly(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise SystemExit(f"the server closed after {data!r}")
        data += chunk
    return data


def read_frame(sock):
    first, second = read_exactly(sock, 2)
    length = second & 0x7F
    if length == 126:
        length = struct.unpack("!H", read_exactly(sock, 2))[0]
    elif length == 127:
        length = struct.unpack("!Q", read_exactly(sock, 8))[0]
    return first & 0x0F, read_exactly(sock, length)


FRAMES = {
    "unknown-opcode": b"\x83\x80" + MASK,
    "unmasked": b"\x81\x02hi",
    "oversized": b"\x81\xff" + struct.pack("!Q", 1 << 40) + MASK,
    "invalid-utf8": b"\x81\x82" + MASK + masked(b"\xc3\x28"),
    "reserved-bits": b"\xc1\x82" + MASK + masked(b"hi"),
    "fragmented-control": b"\x09\x80" + MASK,
}

good = upgrade("GOOD")
bad = upgrade("BAD")
bad.sendall(FRAMES[case])
opcode, payload = read_frame(bad)
assert opcode == 8, f"expected a close frame, got opcode {opcode}"
print(f"CODE {struct.unpack('!H', payload[:2])[0]}", flush=True)
bad.close()
text = b"[2,\"1\",\"Heartbeat\",{}]"
good.sendall(b"\x81" + bytes([0x80 | len(text)]) + MASK + masked(text))
opcode, payload = read_frame(good)
print(f"GOOD {payload.decode()}", flush=True)
good.close()
