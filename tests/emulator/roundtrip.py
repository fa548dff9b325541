"""One fixture's round trip: render, apply, assert, re-plan, destroy, each
against its own emulator so that fixtures cannot see each other's state."""

import dataclasses
import subprocess
import time

import checks
import fixtures
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
    skipped: str | None = None
    details: list = dataclasses.field(default_factory=list)
    note: str | None = None

    @property
    def failed(self):
        return self.skipped is None and (
            any(s.status == "FAIL" for s in self.stages.values())
            or self.details)


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
        except (TerraformError, RuntimeError, subprocess.TimeoutExpired) as error:
            failures = [str(error)]
        record.seconds = time.monotonic() - started
        record.status = "FAIL" if failures else "ok"
        self.result.details += [f"{stage}: {f}" for f in failures]
        return not failures


def emulator_gaps(expectation):
    """Why the emulator cannot run this fixture, or None."""
    existing = [n for n in ("source", "destination")
                if getattr(expectation, n).kms_key_arn]
    if existing:
        return (f"existing {' and '.join(existing)} KMS key ARN: moto cannot "
                "create a key with a given ARN")
    return None


def run_fixture(context, fixture):
    result = Result(fixture.name)
    work = context.work / fixture.name
    module = work / "module"
    module.mkdir(parents=True)
    try:
        settings = fixtures.merged_settings(context.gen_repl, context.repo, fixture)
        expectation = fixtures.expectation(settings, DEFAULT_ACCOUNT)
        fixtures.render(context.gen_repl, context.repo, fixture, module)
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        result.details.append(f"render: {error}")
        result.stages["apply"].status = "FAIL"
        return result
    result.skipped = emulator_gaps(expectation)
    if result.skipped:
        return result

    profiles = {s.profile for s in (expectation.source, expectation.destination)
                if s.profile}
    with MotoServer(context.moto_bin, work / "moto.log") as server:
        accounts = Accounts(server.endpoint)
        terraform = Terraform(module, context.plugin_dir, work, sorted(profiles))
        terraform.write_override(server.endpoint)
        timed = Timed(result)
        outputs = {}

        def apply():
            terraform.init()
            terraform.apply()
            outputs.update(terraform.outputs())

        def assert_deployment():
            return checks.Deployment(accounts, expectation, outputs).run().failures

        def second_plan():
            failures, artefact = replan.check_replan(terraform.plan_json())
            result.note = artefact
            return failures

        def destroy():
            terraform.destroy()
            return checks.check_cleanup(accounts, expectation).failures

        if timed("apply", apply):
            timed("assert", assert_deployment)
            timed("replan", second_plan)
        # Destroy even after a failed apply: it must clean up partial state.
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
