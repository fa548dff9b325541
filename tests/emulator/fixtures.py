"""Valid fixtures, rendered with the built gen-repl, and what the emulator
should hold once each is applied.

Expectations come from `gen-repl <inputs> --print-config`, the merged
settings, so the harness never re-implements the generator's defaults.
"""

import dataclasses
import pathlib
import tomllib

import processes

DEFAULT_STORAGE_CLASS = "STANDARD_IA"


@dataclasses.dataclass
class Fixture:
    name: str
    path: pathlib.Path

    def inputs(self, overrides=None):
        """gen-repl arguments that select this fixture's settings, with the
        value of each flag in overrides ({flag: (value, alias)}) replaced
        or, when the fixture does not give that flag, added."""
        if self.path.suffix == ".args":
            args = self.path.read_text().splitlines()
        else:
            args = ["--config", str(self.path)]
        for flag, (value, alias) in (overrides or {}).items():
            for index, arg in enumerate(list(args)):
                if arg in (flag, alias) and index + 1 < len(args):
                    args[index + 1] = value
                    break
                if arg.startswith((f"{flag}=", f"{alias}=")):
                    args[index] = f"{flag}={value}"
                    break
            else:
                args += [flag, value]
        return args


@dataclasses.dataclass
class Side:
    """One bucket: the source, or a destination."""
    label: str  # its resources' name in the module
    region: str
    account: str
    bucket: str | None = None
    kms_key_arn: str | None = None
    role_arn: str | None = None
    profile: str | None = None
    sse_s3: bool = False
    bucket_key: bool = True
    existing_bucket: bool = False
    access_log_bucket: str | None = None
    access_log_prefix: str | None = None  # None: gen-repl's default
    eventbridge: bool = False

    @property
    def kms(self):
        return not self.sse_s3


@dataclasses.dataclass
class Destination(Side):
    key: str | None = None  # destination id, None for a single destination
    storage_class: str = DEFAULT_STORAGE_CLASS
    prefix: str | None = None
    filter_tags: dict = dataclasses.field(default_factory=dict)
    delete_markers: bool = True
    time_control: bool = False
    metrics: bool = False
    replica_modifications: bool = False


@dataclasses.dataclass
class Expectation:
    name: str
    source: Side
    destinations: list
    noncurrent_days: int | None
    tags: dict
    profile_accounts: dict
    bidirectional: bool = False

    def cross_account(self, destination):
        return destination.account != self.source.account

    def sides(self):
        return [self.source, *self.destinations]


def discover(repo, only=()):
    valid = repo / "fixtures" / "valid"
    if not valid.is_dir():
        raise RuntimeError(f"no fixtures folder at {valid}")
    found = sorted(
        [p for p in valid.iterdir() if p.suffix in (".toml", ".json", ".args")],
        key=lambda p: p.stem)
    fixtures = [Fixture(p.stem, p) for p in found]
    if only:
        unknown = set(only) - {f.name for f in fixtures}
        if unknown:
            raise RuntimeError(f"unknown fixtures: {', '.join(sorted(unknown))}")
        fixtures = [f for f in fixtures if f.name in only]
    if not fixtures:
        raise RuntimeError(f"no valid fixtures in {valid}")
    return fixtures


def render(gen_repl, repo, fixture, out_dir, overrides=None):
    code, out = processes.run(
        [str(gen_repl), *fixture.inputs(overrides), "-o", str(out_dir)],
        cwd=repo, timeout=60)
    if code != 0:
        raise RuntimeError(f"gen-repl exited with {code}:\n{out}")
    if not any(out_dir.glob("*.tf")):
        raise RuntimeError(f"gen-repl wrote no .tf file into {out_dir}")


def merged_settings(gen_repl, repo, fixture):
    code, out = processes.run(
        [str(gen_repl), *fixture.inputs(), "--print-config"],
        cwd=repo, timeout=60)
    if code != 0:
        raise RuntimeError(f"gen-repl --print-config exited with {code}:\n{out}")
    return tomllib.loads(out)


# Accounts the emulator gives to named profiles that stand alone (no role
# on that side), one per profile name: gen-repl takes such a profile on the
# destination to mean another account, and so does this harness.
PROFILE_ACCOUNTS = ("333333333333", "444444444444")


def account_of(role_arn):
    return role_arn.split(":")[4] if role_arn else None


def destination_tables(settings):
    if "destinations" in settings:
        return settings["destinations"]
    return [settings.get("destination", {})]


def profile_accounts(settings):
    """Account of each named profile used without a role."""
    tables = [settings.get("source", {}), *destination_tables(settings)]
    names = sorted({t["profile"] for t in tables
                    if t.get("profile") and not t.get("role_arn")})
    return dict(zip(names, PROFILE_ACCOUNTS, strict=False))


def expectation(settings, default_account):
    profiles = profile_accounts(settings)

    def account(table):
        return (account_of(table.get("role_arn"))
                or profiles.get(table.get("profile")))

    def common(table, which):
        if not table.get("region"):
            raise RuntimeError(f"--print-config shows no {which} region")
        return dict(
            region=table["region"],
            bucket=table.get("bucket"),
            kms_key_arn=table.get("kms_key_arn"),
            role_arn=table.get("role_arn"),
            profile=table.get("profile"),
            sse_s3=table.get("encryption") == "sse-s3",
            bucket_key=table.get("bucket_key", True),
            existing_bucket=table.get("existing_bucket", False),
            access_log_bucket=table.get("access_log_bucket"),
            access_log_prefix=table.get("access_log_prefix"),
            eventbridge=table.get("eventbridge", False),
        )

    source_table = settings.get("source", {})
    source = Side(label="source", account=account(source_table) or default_account,
                  **common(source_table, "source"))
    several = "destinations" in settings
    destinations = []
    for table in destination_tables(settings):
        filter_table = table.get("filter", {})
        destinations.append(Destination(
            label=table["id"] if several else "destination",
            key=table["id"] if several else None,
            account=account(table) or source.account,
            storage_class=(table.get("storage_class")
                           or settings.get("storage_class") or DEFAULT_STORAGE_CLASS),
            prefix=filter_table.get("prefix"),
            filter_tags=filter_table.get("tags", {}),
            delete_markers=table.get("delete_marker_replication", True),
            time_control=table.get("replication_time_control", False),
            metrics=table.get("metrics", False),
            replica_modifications=table.get("replica_modifications", False),
            **common(table, f"destination {table.get('id', '')}".strip()),
        ))
    return Expectation(
        name=settings.get("name", ""),
        source=source,
        destinations=destinations,
        noncurrent_days=settings.get("noncurrent_version_expiration_days"),
        tags=settings.get("tags", {}),
        profile_accounts=profiles,
        bidirectional=settings.get("bidirectional", False),
    )
