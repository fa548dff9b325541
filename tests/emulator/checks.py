"""What must hold in the emulator after `terraform apply`, read back through
the AWS API, and what must be gone after `terraform destroy`.

Every check runs even when an earlier one failed, so one run lists all the
ways a module is wrong.
"""

import contextlib

from botocore.exceptions import ClientError

import policy

SIDES = ("source", "destination")
OUTPUTS = (
    "source_bucket_name", "source_bucket_arn", "destination_bucket_name",
    "destination_bucket_arn", "source_kms_key_arn", "destination_kms_key_arn",
    "replication_role_arn", "source_account_id", "destination_account_id",
)


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
        except (ClientError, KeyError, ValueError, TypeError) as error:
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


def key_arn(kms, key_id):
    return kms.describe_key(KeyId=key_id)["KeyMetadata"]["Arn"]


class Deployment:
    """The applied module as the API reports it, checked against the
    fixture's merged settings."""

    def __init__(self, accounts, expectation, outputs):
        self.accounts = accounts
        self.exp = expectation
        self.out = outputs
        self.checks = Checks()

    def side(self, name):
        return getattr(self.exp, name)

    def client(self, service, name):
        side = self.side(name)
        return self.accounts.client(service, side.account, side.region)

    def run(self):
        c = self.checks
        c.expect(set(OUTPUTS) <= set(self.out),
                 f"outputs missing: {sorted(set(OUTPUTS) - set(self.out))}")
        if c.failures:
            return c
        for name in SIDES:
            with c.block(f"{name} account"):
                self.check_account(name)
            with c.block(f"{name} bucket"):
                self.check_bucket(name)
            with c.block(f"{name} key"):
                self.check_key(name)
        with c.block("replication role"):
            self.check_role()
        with c.block("replication configuration"):
            self.check_replication()
        with c.block("destination bucket policy"):
            self.check_destination_bucket_policy()
        with c.block("key policies"):
            self.check_key_policies()
        return c

    def check_account(self, name):
        side = self.side(name)
        identity = self.client("sts", name).get_caller_identity()
        self.checks.equal(identity["Account"], side.account,
                          f"{name} credentials' account")
        self.checks.equal(self.out[f"{name}_account_id"], side.account,
                          f"output {name}_account_id")

    def check_bucket(self, name):
        c, side = self.checks, self.side(name)
        s3 = self.client("s3", name)
        bucket = self.out[f"{name}_bucket_name"]
        if side.bucket:
            c.equal(bucket, side.bucket, f"{name} bucket name")
        c.equal(self.out[f"{name}_bucket_arn"],
                f"arn:{partition_of(side.region)}:s3:::{bucket}",
                f"output {name}_bucket_arn")
        owned = [b["Name"] for b in s3.list_buckets()["Buckets"]]
        c.expect(bucket in owned,
                 f"{name} bucket {bucket} is not in account {side.account}")
        location = s3.get_bucket_location(Bucket=bucket)["LocationConstraint"]
        c.equal(location or "us-east-1", side.region, f"{name} bucket region")

        versioning = s3.get_bucket_versioning(Bucket=bucket)
        c.equal(versioning.get("Status"), "Enabled", f"{name} versioning")

        rules = s3.get_bucket_encryption(Bucket=bucket)[
            "ServerSideEncryptionConfiguration"]["Rules"]
        default = rules[0]["ApplyServerSideEncryptionByDefault"]
        c.equal(default["SSEAlgorithm"], "aws:kms", f"{name} default encryption")
        used = key_arn(self.client("kms", name), default["KMSMasterKeyID"])
        c.equal(used, self.out[f"{name}_kms_key_arn"],
                f"{name} default encryption key")

        block = s3.get_public_access_block(Bucket=bucket)[
            "PublicAccessBlockConfiguration"]
        c.expect(all(block.values()) and len(block) == 4,
                 f"{name} public access block not all on: {block}")
        ownership = s3.get_bucket_ownership_controls(Bucket=bucket)
        c.equal(ownership["OwnershipControls"]["Rules"][0]["ObjectOwnership"],
                "BucketOwnerEnforced", f"{name} object ownership")

        if self.exp.noncurrent_days is not None:
            lifecycle = s3.get_bucket_lifecycle_configuration(Bucket=bucket)
            days = [r.get("NoncurrentVersionExpiration", {}).get("NoncurrentDays")
                    for r in lifecycle["Rules"] if r["Status"] == "Enabled"]
            c.expect(self.exp.noncurrent_days in days,
                     f"{name} lifecycle: no enabled rule expiring noncurrent "
                     f"versions after {self.exp.noncurrent_days} days: {days}")
        if self.exp.tags:
            tags = s3.get_bucket_tagging(Bucket=bucket)["TagSet"]
            present = {t["Key"]: t["Value"] for t in tags}
            c.expect(self.exp.tags.items() <= present.items(),
                     f"{name} bucket tags {present} lack {self.exp.tags}")

        bucket_policy = s3.get_bucket_policy(Bucket=bucket)["Policy"]
        c.expect(policy.denies_insecure_transport(
            bucket_policy, self.out[f"{name}_bucket_arn"]),
            f"{name} bucket policy has no Deny when aws:SecureTransport is false")
        # The emulator is reached over plain HTTP, so the TLS rule must
        # refuse this upload.
        try:
            s3.put_object(Bucket=bucket, Key="emulator-test/tls", Body=b"x")
            c.expect(False, f"{name} bucket accepted an upload without TLS")
        except ClientError as error:
            status = error.response["ResponseMetadata"]["HTTPStatusCode"]
            c.equal(status, 403, f"{name} upload without TLS")

    def check_key(self, name):
        c, side = self.checks, self.side(name)
        arn = self.out[f"{name}_kms_key_arn"]
        if side.kms_key_arn:
            c.equal(arn, side.kms_key_arn, f"output {name}_kms_key_arn")
        c.equal(arn_parts(arn), (side.region, side.account),
                f"{name} key (region, account)")
        kms = self.client("kms", name)
        meta = kms.describe_key(KeyId=arn)["KeyMetadata"]
        c.equal(meta["KeyState"], "Enabled", f"{name} key state")
        c.equal(meta["KeySpec"], "SYMMETRIC_DEFAULT", f"{name} key spec")
        if not side.kms_key_arn:
            rotation = kms.get_key_rotation_status(KeyId=arn)
            c.expect(rotation["KeyRotationEnabled"], f"{name} key rotation is off")

    def role_documents(self):
        # IAM is global, but per partition: ask in the source region.
        iam = self.accounts.client("iam", self.exp.source.account,
                                   self.exp.source.region)
        name = self.out["replication_role_arn"].split("/")[-1]
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

    def check_role(self):
        c = self.checks
        role, documents = self.role_documents()
        c.equal(role["Arn"], self.out["replication_role_arn"],
                "output replication_role_arn")
        c.expect(policy.allows(role["AssumeRolePolicyDocument"],
                               "sts:AssumeRole", principal="s3.amazonaws.com"),
                 "replication role trust policy does not admit s3.amazonaws.com")

        source = self.out["source_bucket_arn"]
        destination = self.out["destination_bucket_arn"]
        needed = [
            ("s3:GetReplicationConfiguration", source),
            ("s3:ListBucket", source),
            ("s3:GetObjectVersionForReplication", f"{source}/k"),
            ("s3:GetObjectVersionAcl", f"{source}/k"),
            ("s3:GetObjectVersionTagging", f"{source}/k"),
            ("s3:ReplicateObject", f"{destination}/k"),
            ("s3:ReplicateDelete", f"{destination}/k"),
            ("s3:ReplicateTags", f"{destination}/k"),
        ]
        if self.exp.cross_account:
            needed.append(("s3:ObjectOwnerOverrideToBucketOwner", f"{destination}/k"))
        for action, resource in needed:
            c.expect(any(policy.allows(d, action, resource) for d in documents),
                     f"replication role lacks {action} on {resource}")
        self.check_role_key_grant(documents, "source", "kms:Decrypt")
        self.check_role_key_grant(documents, "destination", "kms:Encrypt")

    def check_role_key_grant(self, documents, name, action):
        """The role may use the key, and any conditions on the grant match
        what S3 sends for this bucket."""
        c, side = self.checks, self.side(name)
        key = self.out[f"{name}_kms_key_arn"]
        grants = [s for d in documents for s in policy.allows(d, action, key)]
        if not c.expect(grants, f"replication role lacks {action} on {key}"):
            return
        bucket = self.out[f"{name}_bucket_name"]
        s3 = self.client("s3", name)
        rule = s3.get_bucket_encryption(Bucket=bucket)[
            "ServerSideEncryptionConfiguration"]["Rules"][0]
        # With an S3 Bucket Key the encryption context is the bucket ARN,
        # without one it is the object ARN.
        arn = self.out[f"{name}_bucket_arn"]
        context = arn if rule.get("BucketKeyEnabled") else f"{arn}/k"
        service = f"s3.{side.region}.{dns_suffix_of(side.region)}"
        for grant in grants:
            for _, value in policy.condition_values(grant, "kms:ViaService"):
                c.equal(value, service, f"{action} grant kms:ViaService")
            contexts = policy.condition_values(
                grant, "kms:EncryptionContext:aws:s3:arn")
            if contexts:
                c.expect(policy.covers([v for _, v in contexts], context),
                         f"{action} grant encryption context {contexts} does "
                         f"not match {context} (bucket key "
                         f"{'on' if rule.get('BucketKeyEnabled') else 'off'})")

    def check_replication(self):
        c, exp = self.checks, self.exp
        s3 = self.client("s3", "source")
        config = s3.get_bucket_replication(
            Bucket=self.out["source_bucket_name"])["ReplicationConfiguration"]
        c.equal(config["Role"], self.out["replication_role_arn"],
                "replication configuration role")
        c.equal(len(config["Rules"]), 1, "replication rule count")
        rule = config["Rules"][0]
        c.equal(rule["Status"], "Enabled", "replication rule status")
        destination = rule["Destination"]
        c.equal(destination["Bucket"], self.out["destination_bucket_arn"],
                "replication destination bucket")
        if exp.cross_account or "Account" in destination:
            c.equal(destination.get("Account"), exp.destination.account,
                    "replication destination account")
        c.equal(destination.get("StorageClass"), exp.storage_class,
                "replication storage class")
        replica = destination.get("EncryptionConfiguration", {}).get(
            "ReplicaKmsKeyID")
        c.equal(replica, self.out["destination_kms_key_arn"], "replica key")
        owner = destination.get("AccessControlTranslation", {}).get("Owner")
        c.equal(owner, "Destination" if exp.cross_account else None,
                "owner translation")

    def check_destination_bucket_policy(self):
        c = self.checks
        s3 = self.client("s3", "destination")
        document = s3.get_bucket_policy(
            Bucket=self.out["destination_bucket_name"])["Policy"]
        role = self.out["replication_role_arn"]
        objects = f"{self.out['destination_bucket_arn']}/k"
        actions = ["s3:ReplicateObject", "s3:ReplicateDelete"]
        if self.exp.cross_account:
            actions.append("s3:ObjectOwnerOverrideToBucketOwner")
        for action in actions:
            c.expect(policy.allows(document, action, objects, principal=role),
                     f"destination bucket policy does not grant {action} "
                     f"to {role}")

    def check_key_policies(self):
        c = self.checks
        role = self.out["replication_role_arn"]
        for name, action in (("destination", "kms:Encrypt"),
                             ("source", "kms:Decrypt")):
            side = self.side(name)
            if side.kms_key_arn:
                continue  # an existing key's policy is the user's to keep
            document = self.client("kms", name).get_key_policy(
                KeyId=self.out[f"{name}_kms_key_arn"], PolicyName="default")["Policy"]
            root = f"arn:{partition_of(side.region)}:iam::{side.account}:root"
            c.expect(policy.allows(document, "kms:PutKeyPolicy", principal=root),
                     f"{name} key policy does not let {root} manage the key")
            named = policy.allows(document, action, principal=role)
            if name == "destination":
                c.expect(named, f"destination key policy does not grant "
                                f"{action} to {role}")
            else:
                # Same account as the role: the root grant delegates to IAM.
                c.expect(named or policy.allows(document, action, principal=root),
                         f"source key policy grants {action} neither to the "
                         f"role nor to {root}")


def check_cleanup(accounts, expectation, kept_keys=()):
    """Nothing the module created is left; keys wait for deletion."""
    checks = Checks()
    places = {(expectation.source.account, expectation.source.region),
              (expectation.destination.account, expectation.destination.region)}
    for account, region in sorted(places):
        with checks.block(f"account {account} in {region}"):
            s3 = accounts.client("s3", account, region)
            buckets = [b["Name"] for b in s3.list_buckets()["Buckets"]]
            checks.equal(buckets, [], f"buckets left in {account}")
            iam = accounts.client("iam", account, region)
            roles = [r["Arn"] for r in iam.list_roles()["Roles"]]
            checks.equal(roles, [], f"roles left in {account}")
            kms = accounts.client("kms", account, region)
            for key in kms.list_keys()["Keys"]:
                meta = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
                if meta["KeyManager"] != "CUSTOMER":
                    continue
                # An existing key is the user's: destroy must leave it alone.
                expected = "Enabled" if meta["Arn"] in kept_keys else "PendingDeletion"
                checks.equal(meta["KeyState"], expected, f"key {meta['Arn']} state")
            aliases = [a["AliasName"] for a in kms.list_aliases()["Aliases"]
                       if not a["AliasName"].startswith("alias/aws/")]
            checks.equal(aliases, [], f"aliases left in {account}/{region}")
    return checks
