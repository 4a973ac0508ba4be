#!/usr/bin/python3
"""Quick probe of the moto services the project uses, signed with the admin key.

  PYTHONPATH=<cache>/site /usr/bin/python3 probe_moto_services.py [MOTO_JSON]
Prints one line per call: OK/ERR, and a short result. Informational (exit 0 unless moto is down).
"""
import json
import sys
import time
import urllib.request
import uuid

import boto3
from botocore.config import Config

info = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "output/rig/moto.json"))
a = info["admin"]
kw = dict(endpoint_url=info["endpoint"], region_name=info["region"], aws_access_key_id=a["accessKeyId"],
          aws_secret_access_key=a["secretAccessKey"], config=Config(retries={"total_max_attempts": 1}))
c = lambda s: boto3.client(s, **kw)
tag = uuid.uuid4().hex[:6]


def probe(name, fn):
    t = time.time()
    try:
        out = fn()
        print(f"OK   {name} ({time.time()-t:.2f}s): {json.dumps(out, default=str)[:220]}")
        return out
    except Exception as e:
        r = getattr(e, "response", None) or {}
        print(f"ERR  {name} ({time.time()-t:.2f}s): {r.get('ResponseMetadata', {}).get('HTTPStatusCode')} "
              f"{r.get('Error', {}).get('Code')} {str(e)[:200]}")


# Athena with a queued result
q = {"results": [{"rows": [{"Data": [{"VarCharValue": "id"}, {"VarCharValue": "name"}]},
                           {"Data": [{"VarCharValue": "1"}, {"VarCharValue": "alice"}]}],
                  "column_info": [{"Name": "id", "Label": "id", "Type": "integer", "CatalogName": "hive",
                                   "SchemaName": "", "TableName": "", "Precision": 10, "Scale": 0,
                                   "Nullable": "UNKNOWN", "CaseSensitive": False},
                                  {"Name": "name", "Label": "name", "Type": "varchar", "CatalogName": "hive",
                                   "SchemaName": "", "TableName": "", "Precision": 2147483647, "Scale": 0,
                                   "Nullable": "UNKNOWN", "CaseSensitive": True}]}]}
req = urllib.request.Request(info["endpoint"] + "/moto-api/static/athena/query-results",
                             data=json.dumps(q).encode(), method="POST",
                             headers={"Content-Type": "application/json"})
print("queue athena result: HTTP", urllib.request.urlopen(req).status)
ath = c("athena")
s3 = c("s3")
probe("s3 create_bucket", lambda: s3.create_bucket(Bucket=f"kvs-{tag}")["ResponseMetadata"]["HTTPStatusCode"])
probe("s3 put_bucket_versioning", lambda: s3.put_bucket_versioning(
    Bucket=f"kvs-{tag}", VersioningConfiguration={"Status": "Enabled"}) and "Enabled")
probe("s3 put_object x2 + list_object_versions", lambda: (s3.put_object(Bucket=f"kvs-{tag}", Key="k", Body=b"1"),
      s3.put_object(Bucket=f"kvs-{tag}", Key="k", Body=b"2"),
      len(s3.list_object_versions(Bucket=f"kvs-{tag}")["Versions"]))[2])
qid = probe("athena start_query_execution", lambda: ath.start_query_execution(
    QueryString="SELECT 1", QueryExecutionContext={"Database": "default"},
    ResultConfiguration={"OutputLocation": f"s3://kvs-{tag}/athena/"})["QueryExecutionId"])
probe("athena get_query_execution", lambda: ath.get_query_execution(QueryExecutionId=qid)["QueryExecution"]["Status"])
probe("athena get_query_results", lambda: ath.get_query_results(QueryExecutionId=qid, MaxResults=1)["ResultSet"]["Rows"])
probe("athena get_query_execution unknown id", lambda: ath.get_query_execution(QueryExecutionId="nope"))
probe("athena list_work_groups", lambda: [w["Name"] for w in ath.list_work_groups()["WorkGroups"]])
probe("athena create_work_group", lambda: ath.create_work_group(Name=f"wg{tag}") and f"wg{tag}")
probe("athena list_data_catalogs", lambda: ath.list_data_catalogs()["DataCatalogsSummary"])
glue = c("glue")
probe("glue create_database", lambda: glue.create_database(DatabaseInput={"Name": f"db{tag}"}) and f"db{tag}")
probe("glue create_crawler", lambda: glue.create_crawler(Name=f"cr{tag}", Role="arn:aws:iam::123456789012:role/x",
      DatabaseName=f"db{tag}", Targets={"S3Targets": [{"Path": f"s3://kvs-{tag}/data/"}]}) and "created")
probe("glue get_crawler", lambda: glue.get_crawler(Name=f"cr{tag}")["Crawler"]["State"])
probe("glue start_crawler", lambda: glue.start_crawler(Name=f"cr{tag}") and "started")
probe("glue get_crawler after start", lambda: glue.get_crawler(Name=f"cr{tag}")["Crawler"]["State"])
probe("glue start_crawler again", lambda: glue.start_crawler(Name=f"cr{tag}"))
probe("glue get_crawler_metrics", lambda: glue.get_crawler_metrics(CrawlerNameList=[f"cr{tag}"]))
probe("glue create_table + get_tables", lambda: (glue.create_table(DatabaseName=f"db{tag}", TableInput={
    "Name": "t1", "StorageDescriptor": {"Columns": [{"Name": "id", "Type": "int"}], "Location": f"s3://kvs-{tag}/t1/"}}),
    [t["Name"] for t in glue.get_tables(DatabaseName=f"db{tag}")["TableList"]])[1])
iam = c("iam")
trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "glue.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
probe("iam create_role", lambda: iam.create_role(RoleName=f"r{tag}", AssumeRolePolicyDocument=trust)["Role"]["Arn"])
probe("iam put_role_policy", lambda: iam.put_role_policy(RoleName=f"r{tag}", PolicyName="p", PolicyDocument=json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})) and "ok")
probe("iam get_role_policy", lambda: iam.get_role_policy(RoleName=f"r{tag}", PolicyName="p")["PolicyDocument"])
cfn = c("cloudformation")
tpl = {"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": f"kvs-cfn-{tag}"}},
                     "D": {"Type": "AWS::Glue::Database", "Properties": {"CatalogId": "123456789012", "DatabaseInput": {"Name": f"cfndb{tag}"}}},
                     "W": {"Type": "AWS::Athena::WorkGroup", "Properties": {"Name": f"cfnwg{tag}"}}},
       "Outputs": {"BucketName": {"Value": {"Ref": "B"}}}}
probe("cloudformation create_stack", lambda: cfn.create_stack(StackName=f"st{tag}", TemplateBody=json.dumps(tpl))["StackId"])
probe("cloudformation describe_stacks", lambda: [(s["StackStatus"], s.get("Outputs")) for s in cfn.describe_stacks(StackName=f"st{tag}")["Stacks"]])
probe("cloudformation list_stack_resources", lambda: [(r["LogicalResourceId"], r["ResourceType"], r["ResourceStatus"]) for r in cfn.list_stack_resources(StackName=f"st{tag}")["StackResourceSummaries"]])
probe("glue get_database (from cfn)", lambda: glue.get_database(Name=f"cfndb{tag}")["Database"]["Name"])
qs = c("quicksight")
probe("quicksight create_data_set", lambda: qs.create_data_set(AwsAccountId="123456789012", DataSetId=f"ds{tag}", Name="ds",
      ImportMode="SPICE", PhysicalTableMap={"t": {"RelationalTable": {"DataSourceArn": "arn:aws:quicksight:us-east-1:123456789012:datasource/x",
      "Name": "t", "InputColumns": [{"Name": "id", "Type": "INTEGER"}]}}})["Arn"])
probe("quicksight create_ingestion", lambda: qs.create_ingestion(AwsAccountId="123456789012", DataSetId=f"ds{tag}", IngestionId="i1")["IngestionStatus"])
probe("quicksight describe_ingestion", lambda: qs.describe_ingestion(AwsAccountId="123456789012", DataSetId=f"ds{tag}", IngestionId="i1")["Ingestion"]["IngestionStatus"])
probe("quicksight describe_data_set", lambda: qs.describe_data_set(AwsAccountId="123456789012", DataSetId=f"ds{tag}")["DataSet"]["Name"])
probe("quicksight create_data_source", lambda: qs.create_data_source(AwsAccountId="123456789012", DataSourceId=f"src{tag}", Name="s", Type="ATHENA"))
ddb = c("dynamodb")
probe("dynamodb create_table", lambda: ddb.create_table(TableName=f"t{tag}", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
      AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")["TableDescription"]["TableStatus"])
probe("dynamodb put/get_item", lambda: (ddb.put_item(TableName=f"t{tag}", Item={"pk": {"S": "a"}, "v": {"N": "1"}}),
      ddb.get_item(TableName=f"t{tag}", Key={"pk": {"S": "a"}})["Item"])[1])
probe("dynamodb conditional put (fails)", lambda: ddb.put_item(TableName=f"t{tag}", Item={"pk": {"S": "a"}}, ConditionExpression="attribute_not_exists(pk)"))
probe("sts get_caller_identity", lambda: c("sts").get_caller_identity()["Arn"])
probe("serverlessrepo list_applications", lambda: c("serverlessrepo").list_applications())
