"""The second plan after apply: no changes, except the one the emulator is
known to cause, matched attribute by attribute, on any replication
configuration (one per replicating bucket).

moto 5.2.5 answers GetBucketReplication with a fixed DeleteMarkerReplication
(Disabled) and Filter (an empty prefix) and without SourceSelectionCriteria,
whatever was sent (moto/s3/responses.py, get_bucket_replication). So the
provider reads back exactly the values below and plans to put the configured
ones back in place. Nothing else may differ.

It also answers GetBucketNotificationConfiguration without
EventBridgeConfiguration, so a bucket notification configured with
`eventbridge = true` reads back as false and is planned back to true; that
update, with nothing else changing, is the second accepted artefact.

The configured filter, delete marker and selection settings cannot be read
through the emulator's API for the same reason; configured_rules() gives
them from the plan instead, for the deployment checks.
"""

REPLICATION = "aws_s3_bucket_replication_configuration."
NOTIFICATION = "aws_s3_bucket_notification."
ARTEFACT_BEFORE = {
    "source_selection_criteria": [],
    "delete_marker_replication": [{"status": "Disabled"}],
    "filter": [{"and": [], "prefix": "", "tag": []}],
}


def without(rule, keys):
    return {k: v for k, v in rule.items() if k not in keys}


def replication_problems(change):
    """Why an update of the replication configuration is more than the
    emulator artefact; empty when it is exactly that."""
    problems = []
    before, after = change["before"], change["after"]
    if change.get("after_unknown"):
        unknown = {k: v for k, v in change["after_unknown"].items() if v}
        if unknown:
            problems.append(f"values unknown until apply: {unknown}")
    others = set(before) | set(after)
    others.discard("rule")
    for key in sorted(others):
        if before.get(key) != after.get(key):
            problems.append(f"{key}: {before.get(key)!r} -> {after.get(key)!r}")
    rules_before, rules_after = before.get("rule", []), after.get("rule", [])
    if len(rules_before) != len(rules_after):
        return problems + [f"rule count {len(rules_before)} -> {len(rules_after)}"]
    for index, (old, new) in enumerate(zip(rules_before, rules_after)):
        if without(old, ARTEFACT_BEFORE) != without(new, ARTEFACT_BEFORE):
            problems.append(f"rule[{index}] differs beyond the emulator artefact")
        for key, read_back in ARTEFACT_BEFORE.items():
            if old.get(key) != new.get(key) and old.get(key) != read_back:
                problems.append(
                    f"rule[{index}].{key}: {old.get(key)!r} -> "
                    f"{new.get(key)!r} is not the emulator's read-back")
    return problems


def notification_problems(change):
    """Why an update of a bucket notification is more than EventBridge
    being read back as off; empty when it is exactly that."""
    before, after = change["before"], change["after"]
    problems = []
    if (before.get("eventbridge"), after.get("eventbridge")) != (False, True):
        problems.append(f"eventbridge: {before.get('eventbridge')!r} -> "
                        f"{after.get('eventbridge')!r} is not the emulator's read-back")
    for key in sorted((set(before) | set(after)) - {"eventbridge"}):
        if before.get(key) != after.get(key):
            problems.append(f"{key}: {before.get(key)!r} -> {after.get(key)!r}")
    unknown = {k: v for k, v in (change.get("after_unknown") or {}).items() if v}
    if unknown:
        problems.append(f"values unknown until apply: {unknown}")
    return problems


def check_replan(plan):
    """(failures, the accepted artefact or None)."""
    failures, artefacts = [], []
    for change in plan.get("resource_changes", []):
        actions = change["change"]["actions"]
        address = change["address"]
        if actions == ["no-op"]:
            continue
        if address.startswith(REPLICATION) and actions == ["update"]:
            problems = replication_problems(change["change"])
            failures += [f"{address}: {p}" for p in problems]
            if not problems:
                changed = sorted({
                    k for old, new in zip(change["change"]["before"]["rule"],
                                          change["change"]["after"]["rule"])
                    for k in ARTEFACT_BEFORE if old.get(k) != new.get(k)})
                artefacts.append(f"{address} rule.{{{','.join(changed)}}}")
            continue
        if address.startswith(NOTIFICATION) and actions == ["update"]:
            problems = notification_problems(change["change"])
            failures += [f"{address}: {p}" for p in problems]
            if not problems:
                artefacts.append(f"{address} eventbridge")
            continue
        failures.append(f"{address}: unexpected {'/'.join(actions)}")
    for name, change in plan.get("output_changes", {}).items():
        if change["actions"] != ["no-op"]:
            failures.append(f"output {name}: unexpected {'/'.join(change['actions'])}")
    return failures, "; ".join(artefacts) or None


def configured_rules(plan):
    """Rules as configured (the plan's `after`), by source bucket name."""
    rules = {}
    for change in plan.get("resource_changes", []):
        if change["address"].startswith(REPLICATION):
            after = change["change"]["after"]
            rules[after["bucket"]] = after["rule"]
    return rules
