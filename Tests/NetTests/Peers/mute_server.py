"""A server that completes the WebSocket upgrade (selecting ocpp1.6) on raw sockets and then never reads
nor answers anything, like a peer behind a link that died. Prints "PORT <n>"; stops by itself after 10 minutes without a connection (the test terminates it)."""
import base64
import hashlib
import socket
import threading
import time

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def serve(connection):
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = connection.recv(4096)
        if not chunk:
            return
        head += chunk
    key = next(line.split(b":", 1)[1].strip() for line in head.split(b"\r\n")
               if line.lower().startswith(b"sec-websocket-key:"))
    accept = base64.b64encode(hashlib.sha1(key + GUID.encode()).digest()).decode()
    connection.sendall((f"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        f"Sec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Protocol: ocpp1.6\r\n\r\n").encode())
    time.sleep(60)


listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(8)
print(f"PORT {listener.getsockname()[1]}", flush=True)
listener.settimeout(600)
try:
    while True:
        connection, _ = listener.accept()
        threading.Thread(target=serve, args=(connection,), daemon=True).start()
except socket.timeout:
    pass
