"""A server that accepts each connection, reads what the client sends first (a TLS ClientHello, an HTTP
request) and closes the connection without a word. Prints "PORT <n>"; stops by itself after 10 minutes without a connection (the test terminates it)."""
import socket

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(8)
print(f"PORT {listener.getsockname()[1]}", flush=True)
listener.settimeout(600)
try:
    while True:
        connection, _ = listener.accept()
        connection.settimeout(10)
        try:
            connection.recv(4096)
        except socket.timeout:
            pass
        connection.close()
except socket.timeout:
    pass
