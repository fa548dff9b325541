"""The security-scanner gate: checkov over a rendered module, offline.

A failed check fails the gate unless it is accepted below, for the reason
the README gives. Each accepted check is tied to the fixture setting that
makes it pass, and is accepted only for a bucket whose fixture leaves that
setting off; a bucket that turns it on fails the gate if its check still
fails.
"""

import json
import os

import processes

# Check: (whether a bucket's fixture settings leave the check to the user,
# why the check may fail then).
ACCEPTED_WHERE = {
    "CKV_AWS_18": (lambda side: side.access_log_bucket is None,
                   "access logging is off unless access_log_bucket names a "
                   "log bucket the user has"),
    "CKV2_AWS_62": (lambda side: not side.eventbridge,
                    "event notifications are off unless eventbridge is on"),
    "CKV_AWS_145": (lambda side: side.sse_s3,
                    "KMS default encryption, off where the fixture asks for "
                    "SSE-S3 (--src-encryption/--dst-encryption sse-s3)"),
}

DEAD_PROXY = "http://127.0.0.1:9"


def accepted(check_id, resource, sides):
    """sides: the fixture's buckets (fixtures.Side); gen-repl labels each
    bucket's resources after its side, so the label finds the settings."""
    label = resource.split(".")[-1]
    side = next((side for side in sides if side.label == label), None)
    return (side is not None and check_id in ACCEPTED_WHERE
            and ACCEPTED_WHERE[check_id][0](side))


def reason(check_id):
    return ACCEPTED_WHERE[check_id][1]


def scan(checkov_bin, module_dir, log_path, sides):
    """(passed, skipped, failed, accepted) where failed and accepted are
    lists of `CHECK_ID resource` strings; sides are the fixture's buckets."""
    env = dict(os.environ)
    # checkov must not reach the network; --skip-download keeps it from
    # trying, and the dead proxy makes any remaining attempt fail at once.
    env.update({"HTTPS_PROXY": DEAD_PROXY, "HTTP_PROXY": DEAD_PROXY,
                "NO_PROXY": "127.0.0.1,localhost"})
    command = [
        str(checkov_bin), "--directory", str(module_dir),
        "--framework", "terraform", "--skip-download", "--output", "json",
    ]
    code, out = processes.run(command, env=env, timeout=600)
    log_path.write_text(out)
    if code not in (0, 1):
        raise RuntimeError(f"checkov exited with {code}; see {log_path}")
    start = out.find("{")
    report = json.loads(out[start:]) if start >= 0 else {}
    if isinstance(report, list):
        raise RuntimeError(f"checkov reported several frameworks; see {log_path}")
    summary = report.get("summary", {})
    if summary.get("parsing_errors"):
        raise RuntimeError(f"checkov could not parse the module; see {log_path}")
    results = report.get("results", {})
    failed, allowed = [], []
    for check in results.get("failed_checks", []):
        entry = f"{check['check_id']} {check['resource']}"
        if accepted(check["check_id"], check["resource"], sides):
            allowed.append(entry)
        else:
            failed.append(entry)
    return (
        len(results.get("passed_checks", [])),
        len(results.get("skipped_checks", [])),
        failed,
        allowed,
    )
