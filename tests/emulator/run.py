"""Entry point of the emulator round trip and the checkov gate.

Run through scripts/emulator-test, which prepares the virtual environments.
Exits 0 when every stage of every fixture passed, 1 when any failed, 2 when
the harness itself could not run.
"""

import argparse
import concurrent.futures
import dataclasses
import os
import pathlib
import resource
import shutil
import sys
import tempfile
import threading
import time

import checkov_gate
import fixtures
import processes
import roundtrip
from terraform import find_plugin_dir, terraform_version

REPO = pathlib.Path(__file__).resolve().parents[2]

# Round trips that start together reach the provider's lifecycle wait
# together, and the CPUs idle through it: about 45 s of both CPUs per batch
# of six, measured on two otherwise idle CPUs. Starting them at least this
# many CPU-seconds apart (12.5 s on two CPUs) keeps them out of step. A
# round trip needs about twice as much CPU, so the spacing is shorter than
# the CPUs' own pace and does not hold the run back.
START_SPACING_CPU_SECONDS = 25


@dataclasses.dataclass
class Context:
    repo: pathlib.Path
    gen_repl: pathlib.Path
    moto_bin: pathlib.Path
    plugin_dir: pathlib.Path
    work: pathlib.Path


def usable_cpus():
    return len(os.sched_getaffinity(0))


def default_jobs():
    """Three round trips per usable CPU. A round trip waits for more than
    half of its time: the aws provider polls each lifecycle configuration
    for about 55 s against moto. Three per CPU keep the CPUs busy, and CPU
    then sets the pace: every aws provider process that Terraform configures
    first validates the provider's whole schema (about 3 s of CPU), and a
    fixture with two provider blocks needs ten of them (four to apply, two
    to plan again, four to destroy), about 50 s of CPU in all."""
    return 3 * usable_cpus()


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", default=[],
                        help="run this fixture only (repeatable)")
    parser.add_argument("--jobs", type=int, default=default_jobs(),
                        help="fixtures run at once, each with its own "
                             "emulator (default: 3 per CPU)")
    parser.add_argument("--skip-emulator", action="store_true",
                        help="run the checkov gate only")
    parser.add_argument("--skip-checkov", action="store_true",
                        help="run the emulator round trip only")
    parser.add_argument("--keep", action="store_true",
                        help="keep the work folder with modules and logs")
    parser.add_argument("--checkov", required=True, type=pathlib.Path,
                        help="checkov executable (from its own venv)")
    return parser.parse_args()


def locate_gen_repl():
    path = pathlib.Path(os.environ.get("GEN_REPL", REPO / "target/debug/gen-repl"))
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"gen-repl not found at {path}: run cargo build "
                           "or set GEN_REPL")
    return path


class StartGate:
    """Lets one caller through per `spacing` seconds at the most."""

    def __init__(self, spacing):
        self.spacing = spacing
        self._lock = threading.Lock()
        self._next = time.monotonic()

    def wait(self):
        # Waiters queue on the lock, each taking the next free slot.
        with self._lock:
            delay = self._next - time.monotonic()
            if delay > 0 and processes.stopping.wait(delay):
                raise processes.Interrupted("stopped by a signal")
            self._next = time.monotonic() + self.spacing


def longest_first(selected):
    # Fixtures with more buckets take longest: start them first, so that
    # the last round trip to start is a short one.
    return sorted(selected, key=lambda f: -f.path.read_text().count("region"))


def run_all(context, args, selected):
    """Round trips on args.jobs workers, and checkov scans one at a time on
    a worker of their own beside them: a scan needs only CPU, which the
    round trips leave idle while they wait. Returns (emulator rows with
    the self-check first, checkov rows), each in fixture order."""
    selfcheck_rows, emulator_rows, checkov_rows = [], [], []
    gate = StartGate(START_SPACING_CPU_SECONDS / usable_cpus())

    def round_trip(fixture):
        gate.wait()
        return roundtrip.run_fixture(context, fixture)

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as trips, \
            concurrent.futures.ThreadPoolExecutor(max_workers=1) as scans:
        rows_of = {}
        if not args.skip_emulator:
            rows_of[trips.submit(roundtrip.run_selfcheck, context)] = selfcheck_rows
            for fixture in longest_first(selected):
                future = trips.submit(round_trip, fixture)
                rows_of[future] = emulator_rows
        if not args.skip_checkov:
            for fixture in selected:
                future = scans.submit(scan_fixture, context, args.checkov, fixture)
                rows_of[future] = checkov_rows
        try:
            for future in concurrent.futures.as_completed(rows_of):
                row = future.result()
                rows_of[future].append(row)
                print(progress_line(row), file=sys.stderr, flush=True)
        except (processes.Interrupted, RuntimeError):
            # Leaving the executors waits for their workers: end the
            # children first so that each worker stops at once.
            processes.stopping.set()
            for future in rows_of:
                future.cancel()
            processes.end_all()
            raise
    emulator_rows.sort(key=lambda r: r.name)
    checkov_rows.sort(key=lambda row: row[0])
    return selfcheck_rows + emulator_rows, checkov_rows


def progress_line(row):
    if not isinstance(row, roundtrip.Result):
        name, passed, _, failed, accepted = row
        return (f"{name}: checkov {len(failed)} failed, {passed} passed, "
                f"{len(accepted)} accepted")
    if row.skipped:
        return f"{row.name}: skipped"
    stages = ", ".join(f"{name} {stage.status} {stage.seconds:.0f}s"
                       for name, stage in row.stages.items())
    return f"{row.name}: {stages}"


def scan_fixture(context, checkov_bin, fixture):
    # The module exactly as the fixture renders it, without the emulator's
    # override or substituted keys.
    scan_dir = context.work / fixture.name / "checkov"
    scan_dir.mkdir(parents=True)
    fixtures.render(context.gen_repl, context.repo, fixture, scan_dir)
    settings = fixtures.merged_settings(context.gen_repl, context.repo, fixture)
    sides = fixtures.expectation(settings, "0").sides()
    log = context.work / fixture.name / "checkov.json"
    return (fixture.name, *checkov_gate.scan(checkov_bin, scan_dir, log, sides))


def print_summary(emulator_rows, checkov_rows, seconds, jobs):
    print("\n== emulator round trip " + "=" * 50)
    header = f"{'fixture':<28}" + "".join(f"{s:>14}" for s in roundtrip.STAGES)
    print(header)
    for r in emulator_rows:
        if r.skipped:
            print(f"{r.name:<28}  skipped: {r.skipped}")
            continue
        cells = "".join(
            f"{st.status:>7} {st.seconds:5.0f}s" if st.status not in ("-", "n/a")
            else f"{st.status:>14}" for st in r.stages.values())
        print(f"{r.name:<28}{cells}")
        if r.note:
            print(f"{'':<28}  accepted emulator artefact: {r.note}")
        for detail in r.details:
            print(f"{'':<28}  - {detail}")
    if checkov_rows:
        print("\n== checkov " + "=" * 62)
        print(f"{'fixture':<28}{'passed':>8}{'failed':>8}{'accepted':>10}{'skipped':>9}")
        for name, passed, skipped, failed, accepted in checkov_rows:
            print(f"{name:<28}{passed:>8}{len(failed):>8}{len(accepted):>10}{skipped:>9}")
            for entry in failed:
                print(f"{'':<28}  - failed {entry}")
        ids = sorted({e.split()[0] for row in checkov_rows for e in row[4]})
        for check_id in ids:
            print(f"accepted {check_id}: {checkov_gate.reason(check_id)}")
    # CPU time and load tell a slow run on a busy machine from a slow
    # harness: the stage is bound by CPU once the jobs fill the CPUs.
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = children.ru_utime + children.ru_stime
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\ntotal {seconds:.0f}s, {cpu:.0f}s CPU in child processes, "
          f"{jobs} jobs on {usable_cpus()} CPUs, "
          f"load average {load} at the end")


def main():
    args = parse_args()
    processes.install_signal_handlers()
    started = time.monotonic()
    work = pathlib.Path(tempfile.mkdtemp(prefix="gen-repl-emulator-"))
    emulator_rows, checkov_rows = [], []
    try:
        context = Context(
            repo=REPO,
            gen_repl=locate_gen_repl(),
            moto_bin=pathlib.Path(sys.executable).with_name("moto_server"),
            plugin_dir=find_plugin_dir() if not args.skip_emulator else None,
            work=work,
        )
        selected = fixtures.discover(REPO, args.only)
        print(f"terraform {terraform_version()}, provider mirror "
              f"{context.plugin_dir}, {len(selected)} fixtures, work {work}",
              flush=True)
        emulator_rows, checkov_rows = run_all(context, args, selected)
    except processes.Interrupted as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        processes.end_all()
    print_summary(emulator_rows, checkov_rows, time.monotonic() - started,
                  args.jobs)
    failed = [r.name for r in emulator_rows if r.failed]
    failed += [row[0] for row in checkov_rows if row[3]]
    checked = len(emulator_rows) + len(checkov_rows)
    failures = (sum(r.failed for r in emulator_rows)
                + sum(bool(row[3]) for row in checkov_rows))
    # One line per run that CI reads: round trips and scans, each counted.
    print(f"emulator-test: {checked - failures} passed, {failures} failed")
    if failed:
        print(f"FAILED: {', '.join(sorted(set(failed)))} (logs in {work})")
        return 1
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    print("all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
