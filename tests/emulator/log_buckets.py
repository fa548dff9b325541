"""Log buckets that a fixture's access logging delivers to: the user owns
them before the module is applied, so the harness makes them first."""

import json

from checks import partition_of


def create_log_buckets(accounts, expectation):
    """Each log bucket a fixture names, as its owner would have made it: in
    the logged bucket's account and region, with a policy that lets the S3
    logging service put objects (moto refuses logging into a bucket without
    one). Returns their names."""
    names = []
    for side in expectation.sides():
        if not side.access_log_bucket or side.access_log_bucket in names:
            continue
        s3 = accounts.client("s3", side.account, side.region)
        where = ({} if side.region == "us-east-1" else
                 {"CreateBucketConfiguration": {"LocationConstraint": side.region}})
        s3.create_bucket(Bucket=side.access_log_bucket, **where)
        arn = f"arn:{partition_of(side.region)}:s3:::{side.access_log_bucket}"
        s3.put_bucket_policy(Bucket=side.access_log_bucket, Policy=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Principal": {"Service": "logging.s3.amazonaws.com"},
                "Action": "s3:PutObject",
                "Resource": f"{arn}/*",
                "Condition": {"StringEquals": {"aws:SourceAccount": side.account}},
            }],
        }))
        names.append(side.access_log_bucket)
    return names
