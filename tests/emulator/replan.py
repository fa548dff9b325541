"""The second plan after apply: no changes, except the one the emulator is
known to cause, matched attribute by attribute.

moto 5.2.5 stores a replication rule without SourceSelectionCriteria and
reports DeleteMarkerReplication as Disabled whatever was sent, so the
provider reads back `source_selection_criteria = []` and
`delete_marker_replication = [{status = "Disabled"}]` and plans to put the
configured values back in place. Nothing else may differ.
"""

REPLICATION = "aws_s3_bucket_replication_configuration.replication"
ARTEFACT_BEFORE = {
    "source_selection_criteria": [],
    "delete_marker_replication": [{"status": "Disabled"}],
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


def check_replan(plan):
    """(failures, the accepted artefact or None)."""
    failures, artefact = [], None
    for change in plan.get("resource_changes", []):
        actions = change["change"]["actions"]
        address = change["address"]
        if actions == ["no-op"]:
            continue
        if address == REPLICATION and actions == ["update"]:
            problems = replication_problems(change["change"])
            failures += [f"{address}: {p}" for p in problems]
            if not problems:
                changed = sorted({
                    k for old, new in zip(change["change"]["before"]["rule"],
                                          change["change"]["after"]["rule"])
                    for k in ARTEFACT_BEFORE if old.get(k) != new.get(k)})
                artefact = f"{address} rule.{{{','.join(changed)}}}"
            continue
        failures.append(f"{address}: unexpected {'/'.join(actions)}")
    for name, change in plan.get("output_changes", {}).items():
        if change["actions"] != ["no-op"]:
            failures.append(f"output {name}: unexpected {'/'.join(change['actions'])}")
    return failures, artefact
