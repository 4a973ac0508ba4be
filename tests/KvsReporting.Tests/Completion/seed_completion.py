"""Creates one of each resource the module's AWS completers list, in the moto test rig, under a unique
prefix, and prints their names as JSON. Usage: seed_completion.py <moto.json> <prefix>"""
import json
import sys

import boto3

cfg = json.load(open(sys.argv[1]))
p = sys.argv[2]
kw = dict(endpoint_url=cfg["endpoint"], region_name=cfg["region"],
          aws_access_key_id=cfg["admin"]["accessKeyId"], aws_secret_access_key=cfg["admin"]["secretAccessKey"])
account = cfg["accountId"]
trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "quicksight.amazonaws.com"}, "Action": "sts:AssumeRole"}]})

iam = boto3.client("iam", **kw)
role = iam.create_role(RoleName=p + "-quicksight-role", Path="/service-role/", AssumeRolePolicyDocument=trust)["Role"]

glue = boto3.client("glue", **kw)
glue.create_database(DatabaseInput={"Name": p + "_db"})
glue.create_table(DatabaseName=p + "_db", TableInput={"Name": p + "_detections", "TableType": "EXTERNAL_TABLE"})
glue.create_crawler(Name=p + "-crawler", Role=role["Arn"], DatabaseName=p + "_db",
                    Targets={"DynamoDBTargets": [{"Path": "LicensePlateDetections"}]})

athena = boto3.client("athena", **kw)
athena.create_work_group(Name=p + "-wg", Description="completion test",
                         Configuration={"ResultConfiguration": {"OutputLocation": "s3://" + p + "-results/"}})
athena.create_data_catalog(Name=p + "cat", Type="LAMBDA",
                           Parameters={"function": "arn:aws:lambda:%s:%s:function:%s" % (cfg["region"], account, p)})

cfn = boto3.client("cloudformation", **kw)
template = {"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": p + "-stack-bucket"}}}}
cfn.create_stack(StackName=p + "-stack", TemplateBody=json.dumps(template))

dynamodb = boto3.client("dynamodb", **kw)
dynamodb.create_table(TableName=p + "-detections", BillingMode="PAY_PER_REQUEST",
                      AttributeDefinitions=[{"AttributeName": "image_name", "AttributeType": "S"}],
                      KeySchema=[{"AttributeName": "image_name", "KeyType": "HASH"}])

qs = boto3.client("quicksight", **kw)
user = qs.register_user(AwsAccountId=account, Namespace="default", IdentityType="QUICKSIGHT",
                        Email="analyst@example.com", UserRole="AUTHOR", UserName=p + "-analyst")["User"]
group = qs.create_group(AwsAccountId=account, Namespace="default", GroupName=p + "-group")["Group"]

print(json.dumps({
    "role": role["RoleName"], "database": p + "_db", "table": p + "_detections", "crawler": p + "-crawler", "dynamoTable": p + "-detections",
    "workGroup": p + "-wg", "catalog": p + "cat", "stack": p + "-stack", "userArn": user["Arn"], "groupArn": group["Arn"],
}))
