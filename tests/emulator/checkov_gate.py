"""The security-scanner gate: checkov over a rendered module, offline.

A failed check fails the gate unless it is listed below. Each listed check
asks for something the generated module leaves to a setting it does not
have yet; the README says why each one is acceptable.
"""

import json
import os

import processes

ACCEPTED = {
    "CKV_AWS_18": "access logging needs a separate log bucket to deliver to",
    "CKV2_AWS_62": "event notifications need a target (queue, topic, "
                   "function or EventBridge) outside this module",
}

# Checks that fail only for a bucket whose fixture opts out of SSE-KMS.
ACCEPTED_FOR_SSE_S3 = {
    "CKV_AWS_145": "KMS default encryption, off where the fixture asks for "
                   "SSE-S3 (--src-encryption/--dst-encryption sse-s3)",
}

DEAD_PROXY = "http://127.0.0.1:9"


def accepted(check_id, resource, sse_s3_labels):
    if check_id in ACCEPTED:
        return True
    label = resource.split(".")[-1]
    return check_id in ACCEPTED_FOR_SSE_S3 and label in sse_s3_labels


def reason(check_id):
    return ACCEPTED.get(check_id) or ACCEPTED_FOR_SSE_S3[check_id]


def scan(checkov_bin, module_dir, log_path, sse_s3_labels=()):
    """(passed, skipped, failed, accepted) where failed and accepted are
    lists of `CHECK_ID resource` strings; sse_s3_labels names the buckets
    the fixture encrypts with SSE-S3."""
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
        if accepted(check["check_id"], check["resource"], sse_s3_labels):
            allowed.append(entry)
        else:
            failed.append(entry)
    return (
        len(results.get("passed_checks", [])),
        len(results.get("skipped_checks", [])),
        failed,
        allowed,
    )
