"""What must hold in the emulator after `terraform apply`, read back through
the AWS API.

Every check runs even when an earlier one failed, so one run lists all the
ways a module is wrong.
"""

import contextlib
import json

from botocore.exceptions import ClientError

import policy


class Checks:
    def __init__(self):
        self.passed = 0
        self.failures = []

    def expect(self, ok, message):
        if ok:
            self.passed += 1
        else:
            self.failures.append(message)
        return ok

    def equal(self, actual, expected, what):
        return self.expect(
            actual == expected, f"{what}: expected {expected!r}, got {actual!r}")

    @contextlib.contextmanager
    def block(self, what):
        """A group of checks that cannot go on once an API call fails."""
        try:
            yield
        except (ClientError, KeyError, ValueError, TypeError, IndexError) as error:
            self.failures.append(f"{what}: {type(error).__name__}: {error}")


def partition_of(region):
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def dns_suffix_of(region):
    return "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"


def arn_parts(arn):
    """(region, account) of an ARN."""
    parts = arn.split(":")
    return parts[3], parts[4]


def root_of(side):
    return f"arn:{partition_of(side.region)}:iam::{side.account}:root"


class Deployment:
    """The applied module as the API reports it, checked against the
    fixture's merged settings."""

    def __init__(self, accounts, expectation, outputs, configured):
        """configured: the replication rules as the plan shows them, by
        source bucket name (see replan.configured_rules)."""
        self.accounts = accounts
        self.exp = expectation
        self.out = outputs
        self.configured = configured
        self.checks = Checks()

    def client(self, service, side):
        return self.accounts.client(service, side.account, side.region)

    def output(self, side, field):
        """An output about side: `source_F`, `destination_F`, or the entry
        for its id in `destination_Fs`."""
        # Terraform leaves null outputs (a key ARN with SSE-S3) out.
        if side is self.exp.source:
            return self.out.get(f"source_{field}")
        if side.key is None:
            return self.out.get(f"destination_{field}")
        return self.out[f"destination_{field}s"].get(side.key)

    def run(self):
        c = self.checks
        for side in self.exp.sides():
            with c.block(f"{side.label} account"):
                self.check_account(side)
            with c.block(f"{side.label} bucket"):
                self.check_bucket(side)
            with c.block(f"{side.label} key"):
                self.check_key(side)
        roles = [("replication", self.out["replication_role_arn"],
                  self.exp.source, self.exp.destinations)]
        if self.exp.bidirectional:
            roles.append(("reverse", self.out["reverse_replication_role_arn"],
                          self.exp.destinations[0], [self.exp.source]))
        for name, role, origin, targets in roles:
            with c.block(f"{name} role"):
                self.check_role(role, origin, targets)
            with c.block(f"{name} configuration"):
                self.check_replication(role, origin, targets)
            for target in targets:
                with c.block(f"{target.label} bucket policy for the {name} role"):
                    self.check_target_bucket_policy(role, origin, target)
                with c.block(f"{target.label} key policy for the {name} role"):
                    self.check_target_key_policy(role, origin, target)
        with c.block("source key policy"):
            self.check_own_key_policy(self.exp.source)
        return c

    def check_account(self, side):
        identity = self.client("sts", side).get_caller_identity()
        self.checks.equal(identity["Account"], side.account,
                          f"{side.label} credentials' account")
        self.checks.equal(self.output(side, "account_id"), side.account,
                          f"{side.label} account output")

    def check_bucket(self, side):
        c, s3 = self.checks, self.client("s3", side)
        bucket = self.output(side, "bucket_name")
        arn = self.output(side, "bucket_arn")
        if side.bucket:
            c.equal(bucket, side.bucket, f"{side.label} bucket name")
        c.equal(arn, f"arn:{partition_of(side.region)}:s3:::{bucket}",
                f"{side.label} bucket ARN output")
        owned = [b["Name"] for b in s3.list_buckets()["Buckets"]]
        c.expect(bucket in owned,
                 f"{side.label} bucket {bucket} is not in account {side.account}")
        location = s3.get_bucket_location(Bucket=bucket)["LocationConstraint"]
        c.equal(location or "us-east-1", side.region, f"{side.label} bucket region")
        versioning = s3.get_bucket_versioning(Bucket=bucket)
        c.equal(versioning.get("Status"), "Enabled", f"{side.label} versioning")

        rule = s3.get_bucket_encryption(Bucket=bucket)[
            "ServerSideEncryptionConfiguration"]["Rules"][0]
        default = rule["ApplyServerSideEncryptionByDefault"]
        if side.sse_s3:
            c.equal(default["SSEAlgorithm"], "AES256", f"{side.label} encryption")
        else:
            c.equal(default["SSEAlgorithm"], "aws:kms", f"{side.label} encryption")
            used = self.client("kms", side).describe_key(
                KeyId=default["KMSMasterKeyID"])["KeyMetadata"]["Arn"]
            c.equal(used, self.output(side, "kms_key_arn"),
                    f"{side.label} default encryption key")
        if side.existing_bucket:
            return  # the rest of an existing bucket is its owner's to set

        if side.kms:
            c.equal(bool(rule.get("BucketKeyEnabled")), side.bucket_key,
                    f"{side.label} S3 Bucket Key")
        block = s3.get_public_access_block(Bucket=bucket)[
            "PublicAccessBlockConfiguration"]
        c.expect(len(block) == 4 and all(block.values()),
                 f"{side.label} public access block not all on: {block}")
        ownership = s3.get_bucket_ownership_controls(Bucket=bucket)
        c.equal(ownership["OwnershipControls"]["Rules"][0]["ObjectOwnership"],
                "BucketOwnerEnforced", f"{side.label} object ownership")
        self.check_logging_and_notifications(side, bucket)
        if self.exp.noncurrent_days is not None:
            rules = s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
            days = [r.get("NoncurrentVersionExpiration", {}).get("NoncurrentDays")
                    for r in rules if r["Status"] == "Enabled"]
            c.expect(self.exp.noncurrent_days in days,
                     f"{side.label} lifecycle: no enabled rule expiring noncurrent "
                     f"versions after {self.exp.noncurrent_days} days: {days}")
        if self.exp.tags:
            tags = s3.get_bucket_tagging(Bucket=bucket)["TagSet"]
            present = {t["Key"]: t["Value"] for t in tags}
            c.expect(self.exp.tags.items() <= present.items(),
                     f"{side.label} bucket tags {present} lack {self.exp.tags}")

        document = s3.get_bucket_policy(Bucket=bucket)["Policy"]
        c.expect(policy.denies_insecure_transport(document, arn),
                 f"{side.label} bucket policy has no Deny when "
                 "aws:SecureTransport is false")
        # The emulator is reached over plain HTTP, so the TLS rule must
        # refuse this upload.
        try:
            s3.put_object(Bucket=bucket, Key="emulator-test/tls", Body=b"x")
            c.expect(False, f"{side.label} bucket accepted an upload without TLS")
        except ClientError as error:
            status = error.response["ResponseMetadata"]["HTTPStatusCode"]
            c.equal(status, 403, f"{side.label} upload without TLS")

    def check_logging_and_notifications(self, side, bucket):
        """Access logs go where the fixture says, and only there; event
        notifications reach EventBridge exactly when it asks."""
        c, s3 = self.checks, self.client("s3", side)
        logging = s3.get_bucket_logging(Bucket=bucket).get("LoggingEnabled")
        if side.access_log_bucket:
            logging = logging or {}
            c.equal(logging.get("TargetBucket"), side.access_log_bucket,
                    f"{side.label} access log bucket")
            # gen-repl's default prefix is the logged bucket's name.
            prefix = side.access_log_prefix
            c.equal(logging.get("TargetPrefix"),
                    f"{bucket}/" if prefix is None else prefix,
                    f"{side.label} access log prefix")
        else:
            c.equal(logging, None, f"{side.label} access logging")
        # The emulator leaves EventBridgeConfiguration out of
        # GetBucketNotificationConfiguration; AWS Config's record of the
        # bucket carries it.
        item = self.client("config", side).get_resource_config_history(
            resourceType="AWS::S3::Bucket", resourceId=bucket,
            limit=1)["configurationItems"][0]
        supplementary = item["supplementaryConfiguration"]
        configurations = json.loads(
            supplementary["BucketNotificationConfiguration"])["configurations"]
        c.equal("EventBridgeConfiguration" in configurations, side.eventbridge,
                f"{side.label} event notifications to EventBridge")

    def check_key(self, side):
        c = self.checks
        arn = self.output(side, "kms_key_arn")
        if side.sse_s3:
            c.equal(arn, None, f"{side.label} key output with SSE-S3")
            return
        if side.kms_key_arn:
            c.equal(arn, side.kms_key_arn, f"{side.label} key output")
        c.equal(arn_parts(arn), (side.region, side.account),
                f"{side.label} key (region, account)")
        kms = self.client("kms", side)
        meta = kms.describe_key(KeyId=arn)["KeyMetadata"]
        c.equal(meta["KeyState"], "Enabled", f"{side.label} key state")
        c.equal(meta["KeySpec"], "SYMMETRIC_DEFAULT", f"{side.label} key spec")
        if not side.kms_key_arn:
            rotation = kms.get_key_rotation_status(KeyId=arn)
            c.expect(rotation["KeyRotationEnabled"], f"{side.label} key rotation off")

    def role_documents(self, role_arn, origin):
        # IAM is global, but per partition: ask in the origin's region.
        iam = self.client("iam", origin)
        name = role_arn.split("/")[-1]
        role = iam.get_role(RoleName=name)["Role"]
        documents = [
            iam.get_role_policy(RoleName=name, PolicyName=p)["PolicyDocument"]
            for p in iam.list_role_policies(RoleName=name)["PolicyNames"]]
        for attached in iam.list_attached_role_policies(
                RoleName=name)["AttachedPolicies"]:
            arn = attached["PolicyArn"]
            version = iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"]
            documents.append(iam.get_policy_version(
                PolicyArn=arn, VersionId=version)["PolicyVersion"]["Document"])
        return role, documents

    def check_role(self, role_arn, origin, targets):
        c = self.checks
        role, documents = self.role_documents(role_arn, origin)
        c.equal(role["Arn"], role_arn, "role ARN output")
        c.equal(arn_parts(role_arn)[1], origin.account, "role account")
        c.expect(policy.allows(role["AssumeRolePolicyDocument"],
                               "sts:AssumeRole", principal="s3.amazonaws.com"),
                 f"{role_arn} trust policy does not admit s3.amazonaws.com")
        source = self.output(origin, "bucket_arn")
        needed = [
            ("s3:GetReplicationConfiguration", source),
            ("s3:ListBucket", source),
        ]
        for target in targets:
            # An object the rule selects: grants may be scoped to its prefix.
            key = f"{getattr(target, 'prefix', None) or ''}k"
            needed += [
                ("s3:GetObjectVersionForReplication", f"{source}/{key}"),
                ("s3:GetObjectVersionAcl", f"{source}/{key}"),
                ("s3:GetObjectVersionTagging", f"{source}/{key}"),
            ]
            objects = f"{self.output(target, 'bucket_arn')}/{key}"
            needed += [("s3:ReplicateObject", objects),
                       ("s3:ReplicateDelete", objects),
                       ("s3:ReplicateTags", objects)]
            if target.account != origin.account:
                needed.append(("s3:ObjectOwnerOverrideToBucketOwner", objects))
        for action, resource in needed:
            c.expect(any(policy.allows(d, action, resource) for d in documents),
                     f"{role_arn} lacks {action} on {resource}")
        if origin.kms:
            self.check_key_grant(documents, role_arn, origin, "kms:Decrypt")
        for target in targets:
            if target.kms:
                self.check_key_grant(documents, role_arn, target, "kms:Encrypt")

    def check_key_grant(self, documents, role_arn, side, action):
        """The role may use the side's key, and any conditions on the grant
        match what S3 sends for that bucket."""
        c = self.checks
        key = self.output(side, "kms_key_arn")
        grants = [s for d in documents for s in policy.allows(d, action, key)]
        if not c.expect(grants, f"{role_arn} lacks {action} on {key}"):
            return
        bucket = self.output(side, "bucket_name")
        rule = self.client("s3", side).get_bucket_encryption(Bucket=bucket)[
            "ServerSideEncryptionConfiguration"]["Rules"][0]
        # With an S3 Bucket Key the encryption context is the bucket ARN,
        # without one it is the object ARN.
        arn = self.output(side, "bucket_arn")
        context = arn if rule.get("BucketKeyEnabled") else f"{arn}/any/k"
        service = f"s3.{side.region}.{dns_suffix_of(side.region)}"
        for grant in grants:
            for _, value in policy.condition_values(grant, "kms:ViaService"):
                c.equal(value, service, f"{action} on {key}: kms:ViaService")
            contexts = policy.condition_values(
                grant, "kms:EncryptionContext:aws:s3:arn")
            if contexts:
                c.expect(policy.covers([v for _, v in contexts], context),
                         f"{action} on {key}: encryption context "
                         f"{[v for _, v in contexts]} does not match {context}")

    def check_replication(self, role_arn, origin, targets):
        c = self.checks
        s3 = self.client("s3", origin)
        config = s3.get_bucket_replication(
            Bucket=self.output(origin, "bucket_name"))["ReplicationConfiguration"]
        c.equal(config["Role"], role_arn, f"{origin.label} replication role")
        rules = {r["Destination"]["Bucket"]: r for r in config["Rules"]}
        c.equal(len(config["Rules"]), len(targets), f"{origin.label} rule count")
        priorities = [r.get("Priority") for r in config["Rules"]]
        c.equal(len(set(priorities)), len(priorities), "distinct rule priorities")
        for target in targets:
            arn = self.output(target, "bucket_arn")
            if not c.expect(arn in rules, f"no replication rule writes to {arn}"):
                continue
            self.check_rule(rules[arn], origin, target)

    def check_rule(self, rule, origin, target):
        c, what = self.checks, f"rule to {target.label}"
        cross = target.account != origin.account
        c.equal(rule["Status"], "Enabled", f"{what}: status")
        destination = rule["Destination"]
        if cross or "Account" in destination:
            c.equal(destination.get("Account"), target.account, f"{what}: account")
        storage = getattr(target, "storage_class", "STANDARD")
        c.equal(destination.get("StorageClass"), storage, f"{what}: storage class")
        # S3 uses the replica key only for the SSE-KMS objects a rule
        # selects; an SSE-S3 source has none, and its replicas stay SSE-S3.
        replica = destination.get("EncryptionConfiguration", {}).get("ReplicaKmsKeyID")
        expected = (self.output(target, "kms_key_arn")
                    if target.kms and origin.kms else None)
        c.equal(replica, expected, f"{what}: replica key")
        owner = destination.get("AccessControlTranslation", {}).get("Owner")
        c.equal(owner, "Destination" if cross else None, f"{what}: owner translation")

        self.check_configured_rule(origin, target)
        if getattr(target, "time_control", False):
            c.equal(destination.get("ReplicationTime", {}).get("Status"), "Enabled",
                    f"{what}: replication time control")
        if getattr(target, "time_control", False) or getattr(target, "metrics", False):
            c.equal(destination.get("Metrics", {}).get("Status"), "Enabled",
                    f"{what}: replication metrics")

    def check_configured_rule(self, origin, target):
        """Filter, delete markers and object selection, as configured: the
        emulator answers these with fixed values (see replan.py)."""
        c, what = self.checks, f"configured rule to {target.label}"
        rules = self.configured.get(self.output(origin, "bucket_name"), [])
        arn = self.output(target, "bucket_arn")
        matching = [r for r in rules if r["destination"][0]["bucket"] == arn]
        if not c.expect(len(matching) == 1, f"{what}: {len(matching)} rules in the plan"):
            return
        rule = matching[0]
        found = (rule.get("filter") or [{}])[0]
        combined = (found.get("and") or [{}])[0]
        prefix = combined.get("prefix") or found.get("prefix") or None
        tags = dict(combined.get("tags") or {})
        for tag in found.get("tag") or []:
            tags[tag["key"]] = tag["value"]
        c.equal(prefix, getattr(target, "prefix", None), f"{what}: filter prefix")
        c.equal(tags, getattr(target, "filter_tags", {}), f"{what}: filter tags")
        markers = (rule.get("delete_marker_replication") or [{}])[0].get("status")
        c.equal(markers, "Enabled" if getattr(target, "delete_markers", True)
                else "Disabled", f"{what}: delete marker replication")
        selection = (rule.get("source_selection_criteria") or [{}])[0]
        kms = (selection.get("sse_kms_encrypted_objects") or [{}])[0].get("status")
        c.equal(kms, "Enabled" if origin.kms else None,
                f"{what}: SSE-KMS objects selected")
        modifications = (selection.get("replica_modifications") or [{}])[0].get("status")
        # Two-way replication syncs replica metadata changes both ways.
        wanted = (getattr(target, "replica_modifications", False)
                  or self.exp.bidirectional)
        c.equal(modifications, "Enabled" if wanted else None,
                f"{what}: replica modifications")

    def check_target_bucket_policy(self, role, origin, target):
        c = self.checks
        document = self.client("s3", target).get_bucket_policy(
            Bucket=self.output(target, "bucket_name"))["Policy"]
        key = f"{getattr(target, 'prefix', None) or ''}k"
        objects = f"{self.output(target, 'bucket_arn')}/{key}"
        actions = ["s3:ReplicateObject", "s3:ReplicateDelete"]
        if target.account != origin.account:
            actions.append("s3:ObjectOwnerOverrideToBucketOwner")
        for action in actions:
            c.expect(policy.allows(document, action, objects, principal=role),
                     f"{target.label} bucket policy does not grant {action} to {role}")

    def check_target_key_policy(self, role, origin, target):
        if not target.kms or target.kms_key_arn:
            return  # an existing key's policy is the user's to keep
        c = self.checks
        document = self.client("kms", target).get_key_policy(
            KeyId=self.output(target, "kms_key_arn"), PolicyName="default")["Policy"]
        named = policy.allows(document, "kms:Encrypt", principal=role)
        if target.account != origin.account:
            c.expect(named, f"{target.label} key policy does not grant "
                            f"kms:Encrypt to {role}")
        else:
            # Same account as the role: a root grant delegates to IAM.
            c.expect(named or policy.allows(document, "kms:Encrypt",
                                            principal=root_of(target)),
                     f"{target.label} key policy grants kms:Encrypt neither to "
                     f"{role} nor to {root_of(target)}")
        self.check_own_key_policy(target)

    def check_own_key_policy(self, side):
        if not side.kms or side.kms_key_arn:
            return
        document = self.client("kms", side).get_key_policy(
            KeyId=self.output(side, "kms_key_arn"), PolicyName="default")["Policy"]
        root = root_of(side)
        self.checks.expect(
            policy.allows(document, "kms:PutKeyPolicy", principal=root),
            f"{side.label} key policy does not let {root} manage the key")
        self.checks.expect(
            policy.allows(document, "kms:Decrypt", principal=root),
            f"{side.label} key policy does not let {root} decrypt")
