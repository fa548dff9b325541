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
import shutil
import sys
import tempfile
import time

import checkov_gate
import fixtures
import processes
import roundtrip
from terraform import find_plugin_dir, terraform_version

REPO = pathlib.Path(__file__).resolve().parents[2]


@dataclasses.dataclass
class Context:
    repo: pathlib.Path
    gen_repl: pathlib.Path
    moto_bin: pathlib.Path
    plugin_dir: pathlib.Path
    work: pathlib.Path


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", default=[],
                        help="run this fixture only (repeatable)")
    parser.add_argument("--jobs", type=int, default=3,
                        help="fixtures run at once, each with its own emulator")
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


def run_emulator(context, selected, jobs):
    results = [roundtrip.run_selfcheck(context)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        # Fixtures with more buckets take longest: start them first.
        ordered = sorted(selected, key=lambda f: -f.path.read_text().count("region"))
        futures = [pool.submit(roundtrip.run_fixture, context, f) for f in ordered]
        try:
            for future in concurrent.futures.as_completed(futures):
                result = future.result()
                results.append(result)
                print(progress_line(result), file=sys.stderr, flush=True)
            results[1:] = sorted(results[1:], key=lambda r: r.name)
        except processes.Interrupted:
            processes.stopping.set()
            for future in futures:
                future.cancel()
            raise
    return results


def progress_line(result):
    if result.skipped:
        return f"{result.name}: skipped"
    stages = ", ".join(f"{name} {stage.status} {stage.seconds:.0f}s"
                       for name, stage in result.stages.items())
    return f"{result.name}: {stages}"


def run_checkov(context, checkov_bin, selected):
    rows = []
    for fixture in selected:
        # The module exactly as the fixture renders it, without the
        # emulator's override or substituted keys.
        scan_dir = context.work / fixture.name / "checkov"
        scan_dir.mkdir(parents=True)
        fixtures.render(context.gen_repl, context.repo, fixture, scan_dir)
        settings = fixtures.merged_settings(context.gen_repl, context.repo, fixture)
        sides = fixtures.expectation(settings, "0").sides()
        sse_s3 = {side.label for side in sides if side.sse_s3}
        log = context.work / fixture.name / "checkov.json"
        rows.append((fixture.name,
                     *checkov_gate.scan(checkov_bin, scan_dir, log, sse_s3)))
    return rows


def print_summary(emulator_rows, checkov_rows, seconds):
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
    print(f"\ntotal {seconds:.0f}s")


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
        if not args.skip_emulator:
            emulator_rows = run_emulator(context, selected, args.jobs)
        if not args.skip_checkov:
            checkov_rows = run_checkov(context, args.checkov, selected)
    except processes.Interrupted as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        processes.end_all()
    print_summary(emulator_rows, checkov_rows, time.monotonic() - started)
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
