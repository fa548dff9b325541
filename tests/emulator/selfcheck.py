"""Checks that prove the harness can fail: the emulator must refuse what AWS
refuses, or a passing round trip would prove nothing.

A replication configuration on an unversioned bucket is rejected (called
directly: through Terraform the provider retries it for minutes), and an
upload without TLS succeeds on a bucket without the TLS rule but is refused
once the rule is in place.
"""

import json

from botocore.exceptions import ClientError

from checks import Checks
from emulator import DEFAULT_ACCOUNT

REGION = "eu-west-1"


def refused(call, code=None, status=None):
    try:
        call()
    except ClientError as error:
        if code is not None:
            return error.response["Error"]["Code"] == code
        return error.response["ResponseMetadata"]["HTTPStatusCode"] == status
    return False


def run(accounts):
    checks = Checks()
    s3 = accounts.client("s3", DEFAULT_ACCOUNT, REGION)
    where = {"LocationConstraint": REGION}
    with checks.block("unversioned bucket"):
        s3.create_bucket(Bucket="selfcheck-unversioned",
                         CreateBucketConfiguration=where)
        s3.create_bucket(Bucket="selfcheck-target",
                         CreateBucketConfiguration=where)
        s3.put_bucket_versioning(Bucket="selfcheck-target",
                                 VersioningConfiguration={"Status": "Enabled"})
        rule = {
            "ID": "all", "Priority": 0, "Filter": {}, "Status": "Enabled",
            "DeleteMarkerReplication": {"Status": "Disabled"},
            "Destination": {"Bucket": "arn:aws:s3:::selfcheck-target"},
        }
        checks.expect(refused(lambda: s3.put_bucket_replication(
            Bucket="selfcheck-unversioned",
            ReplicationConfiguration={
                "Role": f"arn:aws:iam::{DEFAULT_ACCOUNT}:role/selfcheck",
                "Rules": [rule]}), code="InvalidRequest"),
            "replication on an unversioned bucket was not rejected")

    with checks.block("TLS rule"):
        bucket = "selfcheck-tls"
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration=where)

        def upload():
            s3.put_object(Bucket=bucket, Key="k", Body=b"x")

        checks.expect(not refused(upload, status=403),
                      "upload refused before any bucket policy")
        s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                "Resource": [f"arn:aws:s3:::{bucket}",
                             f"arn:aws:s3:::{bucket}/*"],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            }],
        }))
        checks.expect(refused(upload, status=403),
                      "upload without TLS accepted despite the TLS rule")
    return checks
