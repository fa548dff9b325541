"""Terraform in a rendered module's folder, pointed at the emulator.

The generated module is never edited: a test-only `zz_emulator_override.tf`
is merged by Terraform into the matching provider blocks (by name and alias)
and replaces only the settings it names, so regions, `assume_role`,
`profile` and `allowed_account_ids` stay as generated.
"""

import json
import os
import pathlib
import re
import shutil
import subprocess

import processes

from emulator import FAKE_KEY, FAKE_SECRET

# The same variable the rest of the test suite reads.
PLUGIN_DIR_ENV = "GEN_REPL_PROVIDER_MIRROR"
DEFAULT_PLUGIN_DIR = "/opt/tf-plugins"
PROVIDER_PATH = "registry.terraform.io/hashicorp/aws"
OVERRIDE_FILE = "zz_emulator_override.tf"

# Any request that escapes the endpoints below goes to a dead proxy and
# fails at once instead of reaching real AWS.
DEAD_PROXY = "http://127.0.0.1:9"


class TerraformError(Exception):
    def __init__(self, step, returncode, log_path):
        super().__init__(
            f"terraform {step} exited with {returncode}; see {log_path}")


def find_plugin_dir():
    """The provider mirror root, from the environment, the usual place, or a
    search of the file system; an error names what is missing."""
    candidates = []
    if os.environ.get(PLUGIN_DIR_ENV):
        candidates.append(pathlib.Path(os.environ[PLUGIN_DIR_ENV]))
    else:
        candidates.append(pathlib.Path(DEFAULT_PLUGIN_DIR))
    for root in candidates:
        if (root / PROVIDER_PATH).is_dir():
            return root
    if os.environ.get(PLUGIN_DIR_ENV):
        raise RuntimeError(
            f"{PLUGIN_DIR_ENV}={os.environ[PLUGIN_DIR_ENV]} holds no "
            f"{PROVIDER_PATH}/<version>/<os_arch>/terraform-provider-aws_*")
    found = subprocess.run(
        ["find", "/", "-xdev", "-name", "terraform-provider-aws*",
         "-path", f"*/{PROVIDER_PATH}/*", "-type", "f"],
        capture_output=True, text=True, timeout=120,
    ).stdout.split()
    for binary in sorted(found):
        # <root>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/bin
        root = pathlib.Path(binary).parents[5]
        if (root / PROVIDER_PATH).is_dir():
            return root
    raise RuntimeError(
        f"no Terraform provider mirror holding {PROVIDER_PATH} was found: "
        f"looked in {DEFAULT_PLUGIN_DIR} and searched / for "
        f"terraform-provider-aws*; set {PLUGIN_DIR_ENV} to the mirror root")


def provider_blocks(module_dir):
    """(alias, body) of each `aws` provider block in the module; alias is
    None for the default provider."""
    blocks = []
    for path in sorted(module_dir.glob("*.tf")):
        if path.name.endswith("_override.tf"):
            continue
        text = path.read_text()
        for match in re.finditer(r'^provider\s+"aws"\s*\{', text, re.M):
            body = text[match.end():]
            depth, end = 1, 0
            while depth and end < len(body):
                depth += {"{": 1, "}": -1}.get(body[end], 0)
                end += 1
            body = body[:end]
            alias = re.search(r'^\s*alias\s*=\s*"([^"]+)"', body, re.M)
            blocks.append((alias.group(1) if alias else None, body))
    return blocks


def override_text(blocks, endpoint):
    rendered = []
    for alias, body in blocks:
        # allowed_account_ids needs the account ID; the provider then asks
        # the emulator's STS, which proves the credentials land in it.
        guarded = re.search(r"^\s*allowed_account_ids\s*=", body, re.M)
        lines = ['provider "aws" {']
        if alias:
            lines.append(f'  alias = "{alias}"')
        # A named profile keeps its say: the fake shared credentials file
        # decides which emulated account it belongs to.
        if not re.search(r"^\s*profile\s*=", body, re.M):
            lines += [
                f'  access_key                  = "{FAKE_KEY}"',
                f'  secret_key                  = "{FAKE_SECRET}"',
            ]
        lines += [
            "  s3_use_path_style           = true",
            "  skip_credentials_validation = true",
            f"  skip_requesting_account_id  = {'false' if guarded else 'true'}",
            "  skip_metadata_api_check     = true",
            "  skip_region_validation      = true",
            "",
            "  endpoints {",
            f'    s3  = "{endpoint}"',
            f'    iam = "{endpoint}"',
            f'    kms = "{endpoint}"',
            f'    sts = "{endpoint}"',
            "  }",
            "}",
        ]
        rendered.append("\n".join(lines) + "\n")
    return "# Test only: points every aws provider at the emulator.\n\n" + \
        "\n".join(rendered)


class Terraform:
    def __init__(self, module_dir, plugin_dir, log_dir):
        self.module_dir = module_dir
        self.plugin_dir = plugin_dir
        self.log_dir = log_dir
        self.env = self._environment()
        self.set_profiles({})

    def set_profiles(self, profiles):
        """Fake shared config and credentials files: profiles maps each
        profile name the module uses to the (access key, secret key) it
        stands for in the emulator."""
        shared = self.log_dir / "aws-config"
        shared.write_text("".join(f"[profile {p}]\n\n" for p in sorted(profiles)))
        credentials = self.log_dir / "aws-credentials"
        credentials.write_text("".join(
            f"[{p}]\naws_access_key_id = {key}\n"
            f"aws_secret_access_key = {secret}\n\n"
            for p, (key, secret) in sorted(profiles.items())))

    def _environment(self):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("AWS_", "TF_"))}
        cli_config = self.log_dir / "terraformrc"
        cli_config.write_text("disable_checkpoint = true\n")
        env.update({
            "TF_CLI_CONFIG_FILE": str(cli_config),
            "TF_IN_AUTOMATION": "1",
            "TF_INPUT": "0",
            "CHECKPOINT_DISABLE": "1",
            # Each provider start builds the whole AWS schema; a lazier
            # garbage collector saves about a third of that CPU time,
            # which bounds this stage on two cores.
            "GOGC": "400",
            "AWS_CONFIG_FILE": str(self.log_dir / "aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(self.log_dir / "aws-credentials"),
            "AWS_EC2_METADATA_DISABLED": "true",
            "HTTPS_PROXY": DEAD_PROXY,
            "HTTP_PROXY": DEAD_PROXY,
            "NO_PROXY": "127.0.0.1,localhost",
        })
        return env

    def write_override(self, endpoint):
        blocks = provider_blocks(self.module_dir)
        if not blocks:
            raise RuntimeError(f"no provider \"aws\" block in {self.module_dir}")
        (self.module_dir / OVERRIDE_FILE).write_text(
            override_text(blocks, endpoint))

    def run(self, step, *args, timeout=900, ok_codes=(0,)):
        log_path = self.log_dir / f"terraform-{step}.log"
        with open(log_path, "w") as log:
            returncode, _ = processes.run(
                ["terraform", *args, "-no-color"],
                cwd=self.module_dir, env=self.env, stdout=log,
                timeout=timeout)
        if returncode not in ok_codes:
            raise TerraformError(step, returncode, log_path)
        return returncode

    def _capture(self, *args):
        returncode, out = processes.run(
            ["terraform", *args], cwd=self.module_dir, env=self.env,
            timeout=120)
        if returncode != 0:
            raise RuntimeError(f"terraform {' '.join(args)}: {out}")
        return out

    def init(self):
        self.run("init", "init", "-backend=false", "-input=false",
                 f"-plugin-dir={self.plugin_dir}", timeout=300)

    def apply(self):
        self.run("apply", "apply", "-auto-approve", "-input=false",
                 "-var", "force_destroy=true")

    def plan_json(self):
        """A fresh plan as `terraform show -json` prints it."""
        plan_file = self.log_dir / "replan.tfplan"
        self.run("plan", "plan", "-input=false", "-detailed-exitcode",
                 "-var", "force_destroy=true", f"-out={plan_file}",
                 timeout=600, ok_codes=(0, 2))
        shown = self._capture("show", "-json", str(plan_file))
        (self.log_dir / "replan.json").write_text(shown)
        return json.loads(shown)

    def outputs(self):
        shown = self._capture("output", "-json")
        return {k: v["value"] for k, v in json.loads(shown).items()}

    def destroy(self):
        # The second plan has just refreshed the state; refreshing again
        # would only start the provider once more.
        self.run("destroy", "destroy", "-auto-approve", "-input=false",
                 "-refresh=false", "-var", "force_destroy=true")


def terraform_version():
    if shutil.which("terraform") is None:
        raise RuntimeError("terraform is not on PATH")
    out = subprocess.run(["terraform", "version", "-json"],
                         capture_output=True, text=True, timeout=60)
    return json.loads(out.stdout)["terraform_version"]
