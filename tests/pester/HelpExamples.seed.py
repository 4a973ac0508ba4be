"""Creates, idempotently, the reporting resources under the seed's names in the moto test rig, so help
examples marked '# requires: aws' find what a deployed reporting stack provides (moto's CloudFormation
skips Glue and Athena resources). Usage: HelpExamples.seed.py <moto.json>"""
import os
# explicit keys below: profile settings another test left in the environment must not reach botocore
for _name in ('AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'):
    os.environ.pop(_name, None)
import json
import sys

import boto3

cfg = json.load(open(sys.argv[1]))
kw = dict(endpoint_url=cfg["endpoint"], region_name=cfg["region"],
          aws_access_key_id=cfg["admin"]["accessKeyId"], aws_secret_access_key=cfg["admin"]["secretAccessKey"])


def ignore_exists(call, *args, **kwargs):
    try:
        return call(*args, **kwargs)
    except Exception as error:  # AlreadyExists / EntityAlreadyExists / ResourceInUse / InvalidRequest
        if "exist" not in str(error).lower() and "in use" not in str(error).lower():
            raise


trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "glue.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
iam = boto3.client("iam", **kw)
ignore_exists(iam.create_role, RoleName="KvsExamplesGlueRole", AssumeRolePolicyDocument=trust)
role_arn = "arn:aws:iam::%s:role/KvsExamplesGlueRole" % cfg["accountId"]
qs_trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "quicksight.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
ignore_exists(iam.create_role, RoleName="aws-quicksight-service-role-v0", Path="/service-role/", AssumeRolePolicyDocument=qs_trust)

dynamodb = boto3.client("dynamodb", **kw)
ignore_exists(dynamodb.create_table, TableName="LicensePlateDetections", BillingMode="PAY_PER_REQUEST",
              AttributeDefinitions=[{"AttributeName": "image_name", "AttributeType": "S"}],
              KeySchema=[{"AttributeName": "image_name", "KeyType": "HASH"}])

s3 = boto3.client("s3", **kw)
ignore_exists(s3.create_bucket, Bucket="kvs-examples-athena-results")

glue = boto3.client("glue", **kw)
ignore_exists(glue.create_database, DatabaseInput={"Name": "kvsworkshop_db"})
ignore_exists(glue.create_crawler, Name="LicensePlateDetectionsCrawler", Role=role_arn, DatabaseName="kvsworkshop_db",
              Targets={"DynamoDBTargets": [{"Path": "LicensePlateDetections"}]}, Schedule="cron(0 0 * * ? *)",
              SchemaChangePolicy={"UpdateBehavior": "UPDATE_IN_DATABASE", "DeleteBehavior": "LOG"})

athena = boto3.client("athena", **kw)
ignore_exists(athena.create_work_group, Name="KVSWorkshopWorkgroup",
              Configuration={"ResultConfiguration": {"OutputLocation": "s3://kvs-examples-athena-results/athena-results/"},
                             "EnforceWorkGroupConfiguration": True, "PublishCloudWatchMetricsEnabled": True})
print("seeded")
