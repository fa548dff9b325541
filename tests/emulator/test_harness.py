"""Unit tests of the harness's own judgement, so that a round trip that
passes is known to be able to fail. Run with `python -m unittest` from this
folder; scripts/emulator-test runs them first."""

import copy
import json
import pathlib
import tempfile
import unittest

import checkov_gate
import checks
import fixtures
import policy
import replan
from terraform import override_text, provider_blocks

RULE = {
    "id": "replication-to-us-west-2",
    "status": "Enabled",
    "priority": 1,
    "delete_marker_replication": [{"status": "Disabled"}],
    "source_selection_criteria": [],
    "destination": [{"bucket": "arn:aws:s3:::b", "storage_class": "STANDARD_IA"}],
}
CONFIGURED = {
    "delete_marker_replication": [{"status": "Enabled"}],
    "source_selection_criteria": [
        {"replica_modifications": [],
         "sse_kms_encrypted_objects": [{"status": "Enabled"}]}],
}


def plan_with(before, after, actions=("update",),
              address=replan.REPLICATION + "replication"):
    return {
        "resource_changes": [{
            "address": address,
            "mode": "managed",
            "change": {"actions": list(actions), "before": before,
                       "after": after, "after_unknown": {}},
        }],
        "output_changes": {"x": {"actions": ["no-op"]}},
    }


def config(rule):
    return {"bucket": "src", "role": "arn:aws:iam::1:role/r", "rule": [rule]}


class ReplanTest(unittest.TestCase):
    def test_emulator_artefact_is_accepted(self):
        plan = plan_with(config(RULE), config({**RULE, **CONFIGURED}))
        failures, artefact = replan.check_replan(plan)
        self.assertEqual(failures, [])
        self.assertIn("delete_marker_replication", artefact)

    def test_eventbridge_read_back_as_off_is_accepted(self):
        before = {"bucket": "src", "eventbridge": False, "queue": []}
        plan = plan_with(before, {**before, "eventbridge": True},
                         address=replan.NOTIFICATION + "source")
        failures, artefact = replan.check_replan(plan)
        self.assertEqual(failures, [])
        self.assertIn("eventbridge", artefact)

    def test_other_notification_changes_are_rejected(self):
        before = {"bucket": "src", "eventbridge": False, "queue": []}
        turned_off = plan_with({**before, "eventbridge": True}, before,
                               address=replan.NOTIFICATION + "source")
        more = plan_with(before, {**before, "eventbridge": True, "queue": [{}]},
                         address=replan.NOTIFICATION + "source")
        for plan in (turned_off, more):
            failures, _ = replan.check_replan(plan)
            self.assertNotEqual(failures, [])

    def test_other_rule_change_is_rejected(self):
        after = {**RULE, **CONFIGURED, "priority": 2}
        failures, _ = replan.check_replan(plan_with(config(RULE), config(after)))
        self.assertTrue(failures)

    def test_unexpected_read_back_is_rejected(self):
        before = {**RULE, "delete_marker_replication": [{"status": "Other"}]}
        after = {**RULE, **CONFIGURED}
        failures, _ = replan.check_replan(plan_with(config(before), config(after)))
        self.assertTrue(failures)

    def test_change_to_another_resource_is_rejected(self):
        plan = plan_with({"a": 1}, {"a": 2}, address="aws_s3_bucket.source")
        failures, _ = replan.check_replan(plan)
        self.assertEqual(failures, ["aws_s3_bucket.source: unexpected update"])

    def test_replacement_of_the_configuration_is_rejected(self):
        plan = plan_with(config(RULE), config(RULE), actions=("delete", "create"))
        failures, _ = replan.check_replan(plan)
        self.assertTrue(failures)

    def test_output_change_is_rejected(self):
        plan = plan_with(config(RULE), config(RULE), actions=("no-op",))
        plan["output_changes"]["x"]["actions"] = ["update"]
        failures, _ = replan.check_replan(plan)
        self.assertEqual(failures, ["output x: unexpected update"])


TLS_DENY = {
    "Effect": "Deny", "Principal": "*", "Action": "s3:*",
    "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
}


class PolicyTest(unittest.TestCase):
    def test_tls_deny_is_recognised(self):
        document = json.dumps({"Statement": [TLS_DENY]})
        self.assertTrue(policy.denies_insecure_transport(document, "arn:aws:s3:::b"))

    def test_tls_deny_on_objects_only_is_not_enough(self):
        statement = {**TLS_DENY, "Resource": "arn:aws:s3:::b/*"}
        document = {"Statement": [statement]}
        self.assertFalse(policy.denies_insecure_transport(document, "arn:aws:s3:::b"))

    def test_tls_allow_is_not_a_deny(self):
        document = {"Statement": [{**TLS_DENY, "Effect": "Allow"}]}
        self.assertFalse(policy.denies_insecure_transport(document, "arn:aws:s3:::b"))

    def test_wildcard_action_grants(self):
        document = {"Statement": [{"Effect": "Allow", "Action": "s3:Replicate*",
                                   "Resource": "arn:aws:s3:::b/*"}]}
        self.assertTrue(policy.allows(document, "s3:ReplicateObject", "arn:aws:s3:::b/k"))
        self.assertFalse(policy.allows(document, "s3:ReplicateObject", "arn:aws:s3:::c/k"))
        self.assertFalse(policy.allows(document, "s3:GetObject", "arn:aws:s3:::b/k"))

    def test_grant_to_another_principal_does_not_count(self):
        document = {"Statement": [{"Effect": "Allow", "Action": "kms:Encrypt",
                                   "Resource": "*",
                                   "Principal": {"AWS": "arn:aws:iam::1:role/other"}}]}
        self.assertFalse(policy.allows(document, "kms:Encrypt",
                                       principal="arn:aws:iam::1:role/r"))


class ExpectationTest(unittest.TestCase):
    def test_destination_role_names_the_account(self):
        settings = {"source": {"region": "eu-west-1"},
                    "destination": {"region": "eu-central-1",
                                    "role_arn": "arn:aws:iam::222222222222:role/d"}}
        exp = fixtures.expectation(settings, "123456789012")
        [destination] = exp.destinations
        self.assertEqual(destination.account, "222222222222")
        self.assertTrue(exp.cross_account(destination))
        self.assertEqual(destination.storage_class, "STANDARD_IA")
        self.assertEqual(destination.label, "destination")

    def test_no_role_means_same_account(self):
        settings = {"source": {"region": "eu-west-1"},
                    "destination": {"region": "eu-central-1"}}
        exp = fixtures.expectation(settings, "123456789012")
        self.assertFalse(exp.cross_account(exp.destinations[0]))

    def test_standalone_profile_is_another_account(self):
        settings = {"source": {"region": "eu-west-1"},
                    "destination": {"region": "eu-central-1", "profile": "backup"}}
        exp = fixtures.expectation(settings, "123456789012")
        self.assertEqual(exp.destinations[0].account, fixtures.PROFILE_ACCOUNTS[0])

    def test_each_destination_has_its_id_and_settings(self):
        settings = {
            "storage_class": "STANDARD",
            "source": {"region": "us-east-1", "encryption": "sse-s3"},
            "destinations": [
                {"id": "dr", "region": "us-west-2"},
                {"id": "eu", "region": "eu-west-1", "storage_class": "GLACIER",
                 "role_arn": "arn:aws:iam::333333333333:role/d",
                 "filter": {"prefix": "p/", "tags": {"a": "b"}}},
            ]}
        exp = fixtures.expectation(settings, "123456789012")
        dr, eu = exp.destinations
        self.assertTrue(exp.source.sse_s3)
        self.assertEqual((dr.label, dr.key, dr.storage_class), ("dr", "dr", "STANDARD"))
        self.assertEqual((eu.account, eu.storage_class, eu.prefix, eu.filter_tags),
                         ("333333333333", "GLACIER", "p/", {"a": "b"}))

    def test_access_logging_and_eventbridge_are_read_per_side(self):
        settings = {"source": {"region": "us-east-1", "access_log_bucket": "logs",
                               "eventbridge": True},
                    "destination": {"region": "us-west-2", "access_log_bucket": "l2",
                                    "access_log_prefix": ""}}
        exp = fixtures.expectation(settings, "123456789012")
        source, destination = exp.sides()
        self.assertEqual((source.access_log_bucket, source.access_log_prefix,
                          source.eventbridge), ("logs", None, True))
        self.assertEqual((destination.access_log_bucket, destination.access_log_prefix,
                          destination.eventbridge), ("l2", "", False))

    def test_missing_region_is_an_error(self):
        with self.assertRaises(RuntimeError):
            fixtures.expectation({"source": {}, "destination": {}}, "1")


class FakeClient:
    """Answers the S3 and AWS Config calls of the logging check."""

    def __init__(self, logging, notifications):
        self.logging, self.notifications = logging, notifications

    def get_bucket_logging(self, Bucket):
        return {"LoggingEnabled": self.logging} if self.logging else {}

    def get_resource_config_history(self, **_):
        supplementary = {"BucketNotificationConfiguration": json.dumps(
            {"configurations": self.notifications})}
        return {"configurationItems": [{"supplementaryConfiguration": supplementary}]}


class FakeAccounts:
    def __init__(self, client):
        self.fake = client

    def client(self, service, account, region):
        return self.fake


class LoggingCheckTest(unittest.TestCase):
    SIDE = fixtures.Side(label="source", region="us-east-1", account="1",
                         access_log_bucket="logs", eventbridge=True)
    EVENTBRIDGE = {"EventBridgeConfiguration": {}}

    def failures(self, side, logging, notifications):
        accounts = FakeAccounts(FakeClient(logging, notifications))
        exp = fixtures.Expectation("n", side, [], None, {}, {})
        deployment = checks.Deployment(accounts, exp, {}, {})
        deployment.check_logging_and_notifications(side, "b")
        return deployment.checks.failures

    def test_logging_under_the_default_prefix_passes(self):
        logging = {"TargetBucket": "logs", "TargetPrefix": "b/"}
        self.assertEqual(self.failures(self.SIDE, logging, self.EVENTBRIDGE), [])

    def test_logging_elsewhere_or_under_another_prefix_fails(self):
        for logging in ({"TargetBucket": "other", "TargetPrefix": "b/"},
                        {"TargetBucket": "logs", "TargetPrefix": ""}, None):
            self.assertTrue(self.failures(self.SIDE, logging, self.EVENTBRIDGE))

    def test_eventbridge_must_match_the_setting(self):
        logging = {"TargetBucket": "logs", "TargetPrefix": "b/"}
        self.assertTrue(self.failures(self.SIDE, logging, {}))
        plain = fixtures.Side(label="source", region="us-east-1", account="1")
        self.assertTrue(self.failures(plain, None, self.EVENTBRIDGE))
        self.assertTrue(self.failures(plain, logging, {}))
        self.assertEqual(self.failures(plain, None, {}), [])


class CheckovGateTest(unittest.TestCase):
    def test_opt_in_checks_are_accepted_only_where_the_setting_is_off(self):
        sides = [
            fixtures.Side(label="source", region="us-east-1", account="1",
                          access_log_bucket="logs"),
            fixtures.Side(label="destination", region="us-west-2",
                          account="2", sse_s3=True, eventbridge=True),
        ]
        for check, label, expected in [
                ("CKV_AWS_18", "source", False),
                ("CKV_AWS_18", "destination", True),
                ("CKV2_AWS_62", "source", True),
                ("CKV2_AWS_62", "destination", False),
                ("CKV_AWS_145", "source", False),
                ("CKV_AWS_145", "destination", True),
                ("CKV_AWS_18", "log_bucket", False),
                ("CKV_AWS_21", "destination", False)]:
            with self.subTest(check=check, label=label):
                self.assertEqual(checkov_gate.accepted(
                    check, f"aws_s3_bucket.{label}", sides), expected)


class InputsTest(unittest.TestCase):
    def test_a_flag_the_fixture_gives_is_replaced(self):
        with tempfile.TemporaryDirectory() as folder:
            path = pathlib.Path(folder) / "f.args"
            path.write_text("--src-region\nus-east-1\n--source-kms-key-arn\nold\n")
            fixture = fixtures.Fixture("f", path)
            args = fixture.inputs({"--src-kms-key-arn": ("new", "--source-kms-key-arn"),
                                   "--dst-kms-key-arn": ("d", "--destination-kms-key-arn")})
        self.assertEqual(args, ["--src-region", "us-east-1", "--source-kms-key-arn",
                                "new", "--dst-kms-key-arn", "d"])


class OverrideTest(unittest.TestCase):
    def test_every_provider_block_is_overridden(self):
        with tempfile.TemporaryDirectory() as folder:
            root = pathlib.Path(folder)
            (root / "providers.tf").write_text(
                'provider "aws" {\n  region = "eu-west-1"\n}\n\n'
                'provider "aws" {\n  alias  = "destination"\n'
                '  profile = "backup"\n  allowed_account_ids = ["2"]\n'
                '  assume_role {\n    role_arn = "x"\n  }\n}\n')
            blocks = provider_blocks(root)
        self.assertEqual([alias for alias, _ in blocks], [None, "destination"])
        text = override_text(copy.deepcopy(blocks), "http://127.0.0.1:1")
        default, destination = text.split('provider "aws" {')[1:]
        self.assertIn("access_key", default)
        self.assertIn("skip_requesting_account_id  = true", default)
        # The profile decides the account, and allowed_account_ids is checked.
        self.assertNotIn("access_key", destination)
        self.assertIn("skip_requesting_account_id  = false", destination)
        self.assertEqual(text.count('sts = "http://127.0.0.1:1"'), 2)


if __name__ == "__main__":
    unittest.main()
