"""One fixture's round trip: render, apply, assert, re-plan, destroy, each
against its own emulator so that fixtures cannot see each other's state."""

import dataclasses
import subprocess
import time

from botocore.exceptions import ClientError

import checks
import cleanup
import fixtures
import log_buckets
import processes
import replan
import selfcheck
from emulator import DEFAULT_ACCOUNT, Accounts, MotoServer
from terraform import Terraform, TerraformError

STAGES = ("apply", "assert", "replan", "destroy")


@dataclasses.dataclass
class Stage:
    status: str = "-"
    seconds: float = 0.0


@dataclasses.dataclass
class Result:
    name: str
    stages: dict = dataclasses.field(
        default_factory=lambda: {s: Stage() for s in STAGES})
    skipped: str | None = None  # why the emulator cannot run it
    details: list = dataclasses.field(default_factory=list)
    note: str | None = None

    @property
    def failed(self):
        return self.skipped is None and (
            any(s.status == "FAIL" for s in self.stages.values())
            or bool(self.details))


class Timed:
    """Runs one stage, records its outcome and time; returns False on
    failure so the caller can decide what still makes sense."""

    def __init__(self, result):
        self.result = result

    def __call__(self, stage, action):
        processes.check_stopping()
        record = self.result.stages[stage]
        started = time.monotonic()
        try:
            failures = action() or []
        except (TerraformError, RuntimeError, ClientError,
                subprocess.TimeoutExpired) as error:
            failures = [str(error)]
        record.seconds = time.monotonic() - started
        record.status = "FAIL" if failures else "ok"
        self.result.details += [f"{stage}: {f}" for f in failures]
        return not failures


def unsupported(expectation):
    """Why the emulator cannot run this fixture, or None."""
    for side in expectation.destinations:
        if side.key is not None and side.kms_key_arn:
            return (f"destination `{side.key}` names an existing key, and "
                    "gen-repl has no flag to substitute one made in the emulator")
    return None


def create_existing_keys(accounts, expectation):
    """Keys for a fixture that names existing ones: moto cannot create a key
    with a given ARN, so the fixture is rendered again with keys made in the
    same region and in the bucket's account. Returns the gen-repl flags that
    name them (see Fixture.inputs)."""
    overrides = {}
    sides = [(expectation.source, "--src-kms-key-arn", "--source-kms-key-arn")]
    sides += [(d, "--dst-kms-key-arn", "--destination-kms-key-arn")
              for d in expectation.destinations]
    for side, flag, alias in sides:
        if not side.kms_key_arn:
            continue
        kms = accounts.client("kms", side.account, side.kms_key_arn.split(":")[3])
        # Always a single-Region key: moto writes multi-Region key IDs as
        # `mrk-` and a dashed UUID, which AWS (and gen-repl) never accept.
        created = kms.create_key(
            Description=f"existing {side.label} key, made by the emulator test",
        )["KeyMetadata"]["Arn"]
        side.kms_key_arn = created
        overrides[flag] = (created, alias)
    return overrides


def create_existing_buckets(accounts, expectation):
    """Buckets the fixture says exist already, as their owner would have
    made them: encrypted, not yet versioned. Returns their names."""
    names = []
    for side in expectation.sides():
        if not side.existing_bucket:
            continue
        s3 = accounts.client("s3", side.account, side.region)
        where = ({} if side.region == "us-east-1" else
                 {"CreateBucketConfiguration": {"LocationConstraint": side.region}})
        s3.create_bucket(Bucket=side.bucket, **where)
        default = {"SSEAlgorithm": "AES256"}
        if side.kms:
            default = {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": side.kms_key_arn}
        s3.put_bucket_encryption(Bucket=side.bucket, ServerSideEncryptionConfiguration={
            "Rules": [{"ApplyServerSideEncryptionByDefault": default,
                       "BucketKeyEnabled": side.kms and side.bucket_key}]})
        names.append(side.bucket)
    return names


def run_fixture(context, fixture):
    result = Result(fixture.name)
    work = context.work / fixture.name
    module = work / "module"
    module.mkdir(parents=True)
    try:
        settings = fixtures.merged_settings(context.gen_repl, context.repo, fixture)
        expectation = fixtures.expectation(settings, DEFAULT_ACCOUNT)
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        result.details.append(f"render: {error}")
        result.stages["apply"].status = "FAIL"
        return result

    result.skipped = unsupported(expectation)
    if result.skipped:
        return result
    profiles = {s.profile for s in expectation.sides() if s.profile}
    with MotoServer(context.moto_bin, work / "moto.log") as server:
        accounts = Accounts(server.endpoint)
        timed = Timed(result)
        outputs, kept_keys, kept_buckets = {}, [], []

        def apply():
            terraform.set_profiles({
                p: accounts.static_credentials(
                    expectation.profile_accounts.get(p, DEFAULT_ACCOUNT))
                for p in profiles})
            overrides = create_existing_keys(accounts, expectation)
            kept_keys.extend(value for value, _ in overrides.values())
            kept_buckets.extend(create_existing_buckets(accounts, expectation))
            kept_buckets.extend(log_buckets.create_log_buckets(accounts, expectation))
            fixtures.render(context.gen_repl, context.repo, fixture, module, overrides)
            terraform.write_override(server.endpoint)
            terraform.init()
            terraform.apply()
            outputs.update(terraform.outputs())

        configured = {}

        def assert_deployment():
            return checks.Deployment(
                accounts, expectation, outputs, configured).run().failures

        def second_plan():
            plan = terraform.plan_json()
            configured.update(replan.configured_rules(plan))
            failures, artefact = replan.check_replan(plan)
            result.note = artefact
            return failures

        def destroy():
            terraform.destroy()
            failures = cleanup.check_cleanup(
                accounts, expectation, kept_keys, kept_buckets).failures
            # Destroying an adopted aws_s3_bucket_versioning suspends
            # versioning on a bucket the module does not own: say so.
            for side in expectation.sides():
                if side.existing_bucket:
                    s3 = accounts.client("s3", side.account, side.region)
                    status = s3.get_bucket_versioning(Bucket=side.bucket).get("Status")
                    note = f"existing bucket {side.bucket} left with versioning {status}"
                    result.note = f"{result.note}; {note}" if result.note else note
            return failures

        terraform = Terraform(module, context.plugin_dir, work)
        # The second plan runs first: the assertions need the configured
        # rules it shows, which the emulator does not report.
        if timed("apply", apply):
            timed("replan", second_plan)
            timed("assert", assert_deployment)
        # Destroy even after a failed apply: it must clean up partial state.
        if any(module.glob("*.tf")):
            timed("destroy", destroy)
    return result


def run_selfcheck(context):
    result = Result("(harness self-check)")
    work = context.work / "selfcheck"
    work.mkdir(parents=True)
    with MotoServer(context.moto_bin, work / "moto.log") as server:
        timed = Timed(result)
        timed("assert", lambda: selfcheck.run(Accounts(server.endpoint)).failures)
    for stage in ("apply", "replan", "destroy"):
        result.stages[stage].status = "n/a"
    return result
