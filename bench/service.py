"""Throughput and tail latency of small validations through the real HTTP service.

Starts ``socle serve`` on a loopback port (fresh data directory), then sends ``--requests`` small JSON
datasets (about ten street lights each) with ``--concurrency`` clients, and prints requests per second
and latency percentiles. Usage::

    .venv/bin/python bench/service.py --requests 2000 --concurrency 8
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def small_dataset(index: int, size: int = 10) -> bytes:
    records = [
        {
            "type": "Streetlight",
            "identifier": f"B{index}-SL-{i:03d}",
            "latitude": 45.75 + i / 1000,
            "longitude": 4.85 + i / 1000,
            "lamp_technology": "led" if i % 7 else "sodium",
            "nominal_power": 40 + i,
        }
        for i in range(size)
    ]
    return json.dumps(records).encode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def load(url: str, requests: int, concurrency: int) -> list[float]:
    latencies: list[float] = []
    counter = iter(range(requests))
    async with httpx.AsyncClient(timeout=60) as client:

        async def worker() -> None:
            for index in counter:
                body = small_dataset(index)
                start = time.perf_counter()
                response = await client.post(f"{url}/validate?domain=lighting&format=json", content=body)
                latencies.append(time.perf_counter() - start)
                if response.status_code != 200:
                    raise RuntimeError(f"{response.status_code}: {response.text[:200]}")

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="validation worker processes")
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as data_dir:
        env = {
            **os.environ,
            "SOCLE_DATA_DIR": data_dir,
            "SOCLE_PORT": str(port),
            "SOCLE_VALIDATION_WORKERS": str(args.workers),
            "SOCLE_VALIDATION_QUEUE": str(4 * args.concurrency),
            "SOCLE_RATE_LIMIT": "",  # one client sends every request: measure the service, not the limit
        }
        server = subprocess.Popen(
            [sys.executable, "-m", "registry.cli.main", "serve"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.5)
            asyncio.run(load(url, 50, args.concurrency))  # warm-up
            start = time.perf_counter()
            latencies = asyncio.run(load(url, args.requests, args.concurrency))
            elapsed = time.perf_counter() - start
        finally:
            server.terminate()
            server.wait(timeout=30)
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    print(f"requests {len(latencies)}  concurrency {args.concurrency}  workers {args.workers}")
    print(f"throughput {len(latencies) / elapsed:.1f} req/s")
    print(
        f"latency ms: median {statistics.median(latencies) * 1000:.1f}  p90 {pct(0.9):.1f}  "
        f"p99 {pct(0.99):.1f}  max {latencies[-1] * 1000:.1f}"
    )


if __name__ == "__main__":
    main()
