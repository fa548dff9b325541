"""Child processes the harness starts, tracked so that a signal to the
harness ends each of them by its PID before the harness exits."""

import os
import signal
import subprocess
import threading

_running = set()
_lock = threading.Lock()
stopping = threading.Event()


class Interrupted(Exception):
    pass


def check_stopping():
    if stopping.is_set():
        raise Interrupted("stopped by a signal")


def run(command, *, timeout, cwd=None, env=None, stdout=None):
    """Like subprocess.run with a timeout; returns (returncode, stdout)."""
    check_stopping()
    capture = stdout is None
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if capture else stdout,
        stderr=subprocess.PIPE if capture else subprocess.STDOUT,
        text=True, start_new_session=True,
    )
    with _lock:
        _running.add(process)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _end(process)
        raise
    finally:
        with _lock:
            _running.discard(process)
    if capture and process.returncode != 0 and err:
        out = (out or "") + err
    return process.returncode, out


def _end(process):
    if process.poll() is not None:
        return
    # Terraform passes SIGTERM on to its providers and exits cleanly.
    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def end_all():
    with _lock:
        running = list(_running)
    for process in running:
        _end(process)


def install_signal_handlers():
    """SIGINT and SIGTERM end the children and raise Interrupted in the main
    thread, so every `finally` that stops a server still runs."""

    def handler(signum, _frame):
        stopping.set()
        end_all()
        raise Interrupted(f"stopped by signal {signum}")

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
