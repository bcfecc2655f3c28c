"""A TLS server from Python's ssl module, for one connection on loopback.

Usage: tls_echo_server.py CERT KEY VERSION (TLSv1.2 or TLSv1.3, the only version offered)
Prints the port it listens on, then, once the client has closed: the SNI it received, the TLS version,
and whether the client's close_notify came. Answers one line with "echo: " and the line.
"""
import socket
import ssl
import sys

certificate, key, version = sys.argv[1], sys.argv[2], sys.argv[3]
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.minimum_version = context.maximum_version = ssl.TLSVersion[version.replace(".", "_")]
context.load_cert_chain(certificate, key)
server_names = []
context.sni_callback = lambda _socket, name, _context: server_names.append(name)

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.bind(("127.0.0.1", 0))
listener.listen(1)
listener.settimeout(20)
print(listener.getsockname()[1], flush=True)

connection, _ = listener.accept()
connection.settimeout(20)
tls = context.wrap_socket(connection, server_side=True)
received = b""
while not received.endswith(b"\n") and len(received) < 65536:
    chunk = tls.recv(4096)
    if not chunk:
        break
    received += chunk
tls.sendall(b"echo: " + received)
version = tls.version()
try:
    # Waits for the client's close_notify and answers with ours.
    tls.unwrap()
    closed_cleanly = True
except (ssl.SSLError, OSError):
    closed_cleanly = False
connection.close()
print("sni", server_names[0] if server_names else "none")
print("version", version)
print("close_notify", "yes" if closed_cleanly else "no", flush=True)
