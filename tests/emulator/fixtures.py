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

    def inputs(self):
        """gen-repl arguments that select this fixture's settings."""
        if self.path.suffix == ".args":
            return self.path.read_text().splitlines()
        return ["--config", str(self.path)]


@dataclasses.dataclass
class Side:
    region: str
    account: str
    bucket: str | None
    kms_key_arn: str | None
    role_arn: str | None
    profile: str | None


@dataclasses.dataclass
class Expectation:
    name: str
    source: Side
    destination: Side
    storage_class: str
    noncurrent_days: int | None
    tags: dict
    profile_accounts: dict

    @property
    def cross_account(self):
        return self.source.account != self.destination.account


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


def render(gen_repl, repo, fixture, out_dir, extra=()):
    code, out = processes.run(
        [str(gen_repl), *fixture.inputs(), *extra, "-o", str(out_dir)],
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


def profile_accounts(settings):
    """Account of each named profile used without a role."""
    names = sorted({
        table["profile"]
        for table in (settings.get("source", {}), settings.get("destination", {}))
        if table.get("profile") and not table.get("role_arn")})
    return dict(zip(names, PROFILE_ACCOUNTS, strict=False))


def expectation(settings, default_account):
    source_table = settings.get("source", {})
    destination_table = settings.get("destination", {})
    profiles = profile_accounts(settings)

    def account(table):
        return (account_of(table.get("role_arn"))
                or profiles.get(table.get("profile")))

    source_account = account(source_table) or default_account
    destination_account = account(destination_table) or source_account

    def side(table, account, which):
        if not table.get("region"):
            raise RuntimeError(f"--print-config shows no [{which}] region")
        return Side(
            region=table["region"],
            account=account,
            bucket=table.get("bucket"),
            kms_key_arn=table.get("kms_key_arn"),
            role_arn=table.get("role_arn"),
            profile=table.get("profile"),
        )

    return Expectation(
        name=settings.get("name", ""),
        source=side(source_table, source_account, "source"),
        destination=side(destination_table, destination_account, "destination"),
        storage_class=settings.get("storage_class") or DEFAULT_STORAGE_CLASS,
        noncurrent_days=settings.get("noncurrent_version_expiration_days"),
        tags=settings.get("tags", {}),
        profile_accounts=profiles,
    )
