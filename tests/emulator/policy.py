"""Reading IAM policy documents as AWS evaluates them: actions and resources
may be wildcards, and single values may stand where lists are allowed."""

import fnmatch
import json


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def statements(document):
    if isinstance(document, str):
        document = json.loads(document)
    return as_list(document.get("Statement"))


def principals(statement):
    principal = statement.get("Principal")
    if principal == "*":
        return ["*"]
    if isinstance(principal, dict):
        return as_list(principal.get("AWS")) + as_list(principal.get("Service"))
    return []


def covers(patterns, value, case_sensitive=True):
    """Whether any pattern (with `*` and `?` wildcards) matches value."""
    for pattern in as_list(patterns):
        if case_sensitive:
            if fnmatch.fnmatchcase(value, pattern):
                return True
        elif fnmatch.fnmatchcase(value.lower(), pattern.lower()):
            return True
    return False


def allows(document, action, resource=None, principal=None):
    """Allow statements granting action (on resource, to principal), with
    any conditions they carry; empty when nothing grants it."""
    found = []
    for statement in statements(document):
        if statement.get("Effect") != "Allow" or "NotAction" in statement:
            continue
        if not covers(statement.get("Action"), action, case_sensitive=False):
            continue
        if resource is not None and not covers(statement.get("Resource"), resource):
            continue
        if principal is not None and principal not in principals(statement):
            continue
        found.append(statement)
    return found


def denies_insecure_transport(document, bucket_arn):
    """Whether a Deny for everyone on the bucket and its objects applies
    when aws:SecureTransport is false."""
    for statement in statements(document):
        if statement.get("Effect") != "Deny":
            continue
        if principals(statement) != ["*"]:
            continue
        if not covers(statement.get("Action"), "s3:GetObject", False):
            continue
        if not covers(statement.get("Action"), "s3:PutObject", False):
            continue
        resources = statement.get("Resource")
        if not (covers(resources, bucket_arn)
                and covers(resources, f"{bucket_arn}/any-key")):
            continue
        condition = statement.get("Condition", {}).get("Bool", {})
        if str(condition.get("aws:SecureTransport")).lower() == "false":
            return True
    return False


def condition_values(statement, key):
    """Values a statement's conditions require for key, any operator."""
    values = []
    for operator, tests in statement.get("Condition", {}).items():
        for name, value in tests.items():
            if name.lower() == key.lower():
                values += [(operator, v) for v in as_list(value)]
    return values
