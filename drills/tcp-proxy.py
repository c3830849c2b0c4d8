#!/usr/bin/env python3
"""A TCP proxy for drills: forwards every connection to LISTEN_PORT on 127.0.0.1 to TARGET_HOST:TARGET_PORT.

Stopping it (SIGTERM or SIGKILL) cuts every connection through it at once, as a network outage or a database
failover would, without touching the server behind it; started again on the same port, it forwards again.

    usage: drills/tcp-proxy.py LISTEN_PORT TARGET_HOST TARGET_PORT
"""
import socket
import sys
import threading


def pump(source, sink):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for end in (source, sink):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            end.close()


def main():
    listen_port, target_host, target_port = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", listen_port))
    server.listen(128)
    print(f"tcp-proxy: 127.0.0.1:{listen_port} -> {target_host}:{target_port}", flush=True)
    while True:
        client, _ = server.accept()
        try:
            upstream = socket.create_connection((target_host, target_port), timeout=5)
            upstream.settimeout(None)
        except OSError:
            client.close()
            continue
        for source, sink in ((client, upstream), (upstream, client)):
            threading.Thread(target=pump, args=(source, sink), daemon=True).start()


if __name__ == "__main__":
    main()
