"""The kernel's CPU cost of one connect() against the ports already in use for one source address and one
server: COUNT non-blocking connections from SOURCE to a listener in another process, and the CPU time of
each block of 500 connect() calls (this thread's user + system time: other programs' load does not add to
it, unlike a rate).

    python3 Benchmarks/Scale/connect_cost.py [COUNT] [SOURCE]        (defaults: 19500 127.0.0.1)

The sockets are bound to SOURCE with IP_BIND_ADDRESS_NO_PORT, as the fleet binds them, so that Linux picks
the local port in connect(). It runs in a network namespace of its own when it may (root, or unprivileged
user namespaces), so that no other program's ports count. COUNT is at most the open-file limit less a few.
"""
import os
import shutil
import socket
import subprocess
import sys
import time

IP_BIND_ADDRESS_NO_PORT = 24
BLOCK = 500


def serve(count):
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4096)
    print(listener.getsockname()[1], flush=True)
    held = []
    while len(held) < count:
        held.append(listener.accept()[0])
    sys.stdin.read()


def measure(count, source):
    server = subprocess.Popen(
        [sys.executable, __file__, str(count), source, "serve"], stdout=subprocess.PIPE, stdin=subprocess.PIPE)
    port = int(server.stdout.readline())
    print(f"range {open('/proc/sys/net/ipv4/ip_local_port_range').read().split()}, from {source}")
    print("ports in use   CPU µs per connect()")
    sockets = []
    started = time.thread_time()
    for i in range(count):
        client = socket.socket()
        client.setblocking(False)
        client.setsockopt(socket.IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 1)
        client.bind((source, 0))
        try:
            client.connect(("127.0.0.1", port))
        except BlockingIOError:
            pass
        sockets.append(client)
        if (i + 1) % BLOCK == 0:
            now = time.thread_time()
            print(f"{i + 1:12}   {(now - started) / BLOCK * 1e6:10.1f}", flush=True)
            started = time.thread_time()
    server.stdin.close()
    server.wait()


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 19500
    source = sys.argv[2] if len(sys.argv) > 2 else "127.0.0.1"
    if sys.argv[3:] == ["serve"]:
        serve(count)
        return
    if "CONNECT_COST_NETNS" not in os.environ and shutil.which("unshare"):
        os.environ["CONNECT_COST_NETNS"] = "1"
        for flags in (["-n"], ["-rn"]):
            if subprocess.run(["unshare", *flags, "true"], capture_output=True).returncode == 0:
                script = f'ip link set lo up && exec "{sys.executable}" "{__file__}" {count} {source}'
                sys.exit(subprocess.run(["unshare", *flags, "sh", "-c", script]).returncode)
        print("(in the machine's network namespace: other programs' ports count too)")
    measure(count, source)


main()
