"""The local AWS emulator: one moto server per worker, and boto3 clients
that act as a given account inside it.

moto maps credentials returned by `sts:AssumeRole` to the account in the
role ARN, so a client for account X is made by assuming any role in X.
Credentials that were never issued by moto belong to its default account.
"""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import boto3
from botocore.config import Config

DEFAULT_ACCOUNT = "123456789012"
FAKE_KEY = "emulator-access-key"
FAKE_SECRET = "emulator-secret-key"

# A server left behind by a killed harness still stops on its own.
SERVER_LIFETIME_SECONDS = 1800


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MotoServer:
    """A moto_server process bound to 127.0.0.1, stopped by its PID."""

    def __init__(self, moto_bin, log_path):
        self.moto_bin = moto_bin
        self.log_path = log_path
        self.port = None
        self.process = None

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, wait_seconds=30):
        self.port = free_port()
        log = open(self.log_path, "ab")
        command = [
            "timeout", str(SERVER_LIFETIME_SECONDS),
            self.moto_bin, "-H", "127.0.0.1", "-p", str(self.port),
        ]
        # Its own session, so a Ctrl-C aimed at the harness reaches it only
        # through stop(), and the group can be killed if timeout lingers.
        self.process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + wait_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"moto_server exited with {self.process.returncode}; "
                    f"see {self.log_path}")
            if self._answers():
                return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(
            f"moto_server did not answer on {self.endpoint} within "
            f"{wait_seconds}s; see {self.log_path}")

    def _answers(self):
        try:
            with urllib.request.urlopen(
                    f"{self.endpoint}/moto-api/", timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, ConnectionError, OSError):
            return False

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        pid = self.process.pid
        os.kill(pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            # pid leads its own process group (start_new_session), so this
            # reaches the server even if timeout itself did not pass it on.
            os.killpg(pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class Accounts:
    """boto3 clients for any account inside one emulator."""

    def __init__(self, endpoint):
        self.endpoint = endpoint
        self._credentials = {DEFAULT_ACCOUNT: (FAKE_KEY, FAKE_SECRET, None)}
        # Making a client loads its service model: keep each one made.
        self._clients = {}

    def _credentials_for(self, account):
        if account not in self._credentials:
            sts = self.client("sts", DEFAULT_ACCOUNT, "us-east-1")
            issued = sts.assume_role(
                RoleArn=f"arn:aws:iam::{account}:role/emulator-test",
                RoleSessionName="emulator-test",
            )["Credentials"]
            self._credentials[account] = (
                issued["AccessKeyId"], issued["SecretAccessKey"],
                issued["SessionToken"])
        return self._credentials[account]

    def static_credentials(self, account):
        """Long-lived keys that belong to account, as a named profile
        would hold them: an IAM user's access key in that account."""
        if account == DEFAULT_ACCOUNT:
            return FAKE_KEY, FAKE_SECRET
        iam = self.client("iam", account, "us-east-1")
        iam.create_user(UserName="emulator-profile")
        key = iam.create_access_key(UserName="emulator-profile")["AccessKey"]
        return key["AccessKeyId"], key["SecretAccessKey"]

    def client(self, service, account, region):
        wanted = (service, account, region)
        if wanted not in self._clients:
            self._clients[wanted] = self._make_client(*wanted)
        return self._clients[wanted]

    def _make_client(self, service, account, region):
        key, secret, token = self._credentials_for(account)
        return boto3.client(
            service,
            region_name=region,
            endpoint_url=self.endpoint,
            aws_access_key_id=key,
            aws_secret_access_key=secret,
            aws_session_token=token,
            config=Config(
                s3={"addressing_style": "path"},
                retries={"max_attempts": 2},
            ),
        )
