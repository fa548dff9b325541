"""The security-scanner gate: checkov over a rendered module, offline.

A failed check fails the gate unless it is accepted below, for the reason
the README gives. A check that an opt-in setting of gen-repl makes pass is
accepted only for a bucket whose module has no resource for that setting;
gen-repl renders the resource exactly when the fixture turns the setting
on (the snapshots show it), so a bucket with the setting on fails the gate
if its check still fails.
"""

import json
import os
import re

import processes

# Check: (the resource the setting adds beside the bucket, why the check
# may fail without it).
ACCEPTED_UNLESS_ON = {
    "CKV_AWS_18": ("aws_s3_bucket_logging",
                   "access logging is off unless access_log_bucket names a "
                   "log bucket the user has"),
    "CKV2_AWS_62": ("aws_s3_bucket_notification",
                    "event notifications are off unless eventbridge is on"),
}

# Checks that fail only for a bucket whose fixture opts out of SSE-KMS.
ACCEPTED_FOR_SSE_S3 = {
    "CKV_AWS_145": "KMS default encryption, off where the fixture asks for "
                   "SSE-S3 (--src-encryption/--dst-encryption sse-s3)",
}

DEAD_PROXY = "http://127.0.0.1:9"


def accepted(check_id, resource, sse_s3_labels, declared):
    """declared: the (type, label) of every resource in the module."""
    label = resource.split(".")[-1]
    if check_id in ACCEPTED_UNLESS_ON:
        setting = ACCEPTED_UNLESS_ON[check_id][0]
        return (setting, label) not in declared
    return check_id in ACCEPTED_FOR_SSE_S3 and label in sse_s3_labels


def reason(check_id):
    if check_id in ACCEPTED_UNLESS_ON:
        return ACCEPTED_UNLESS_ON[check_id][1]
    return ACCEPTED_FOR_SSE_S3[check_id]


RESOURCE = re.compile(r'^resource\s+"([^"]+)"\s+"([^"]+)"', re.MULTILINE)


def declared_resources(module_dir):
    """(type, label) of each resource the module's files declare: gen-repl
    names a setting's resource after the bucket it belongs to, so this
    says which buckets turn each setting on."""
    return {match.groups() for path in sorted(module_dir.glob("*.tf"))
            for match in RESOURCE.finditer(path.read_text())}


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
    declared = declared_resources(module_dir)
    failed, allowed = [], []
    for check in results.get("failed_checks", []):
        entry = f"{check['check_id']} {check['resource']}"
        if accepted(check["check_id"], check["resource"], sse_s3_labels, declared):
            allowed.append(entry)
        else:
            failed.append(entry)
    return (
        len(results.get("passed_checks", [])),
        len(results.get("skipped_checks", [])),
        failed,
        allowed,
    )
