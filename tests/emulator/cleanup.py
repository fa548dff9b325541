"""What must be gone after `terraform destroy`, and what must still be
there: the emulator is read in every account and region the fixture used."""

from checks import Checks


def check_cleanup(accounts, expectation, kept_keys=(), kept_buckets=()):
    """Nothing the module created is left; keys wait for deletion; what
    existed before apply is still there."""
    checks = Checks()
    places = sorted({(s.account, s.region) for s in expectation.sides()})
    for account, region in places:
        with checks.block(f"account {account} in {region}"):
            s3 = accounts.client("s3", account, region)
            buckets = [b["Name"] for b in s3.list_buckets()["Buckets"]]
            left = sorted(set(buckets) - set(kept_buckets))
            checks.equal(left, [], f"buckets left in {account}")
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
