#!/usr/bin/python3
"""Prove that the running moto checks signatures and IAM policies.

  check_moto_auth.py [MOTO_JSON] [ENDPOINT_OVERRIDE]
Uses the trixie boto3 from the rig cache (PYTHONPATH set by check-moto-auth.sh).
Exit 0 only if: admin key succeeds; wrong secret -> SignatureDoesNotMatch;
unknown key -> InvalidClientTokenId; limited user -> AccessDenied outside its policy
and no auth error inside it.
"""
import json
import re
import sys
import uuid

import boto3
from botocore.config import Config

info = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "output/rig/moto.json"))
endpoint = sys.argv[2] if len(sys.argv) > 2 else info["endpoint"]
cfg = Config(retries={"total_max_attempts": 1})


def client(svc, key, secret):
    return boto3.client(svc, endpoint_url=endpoint, region_name=info["region"],
                        aws_access_key_id=key, aws_secret_access_key=secret, config=cfg)


results = []


def check(name, fn, expect_code=None):
    try:
        out = fn()
        ok = expect_code is None
        got = "OK " + (json.dumps(out, default=str)[:120] if out is not None else "")
    except Exception as e:  # botocore ClientError
        code = getattr(e, "response", {}).get("Error", {}).get("Code", type(e).__name__)
        status = getattr(e, "response", {}).get("ResponseMetadata", {}).get("HTTPStatusCode")
        if code.isdigit():
            # moto quirk: on JSON services auth failures come back as an XML <ErrorResponse>
            # (Content-Type text/html), which botocore cannot parse; read <Code> from the raw body.
            m = re.search(r"<Code>([^<]+)</Code>", e.response.get("Error", {}).get("Message", ""))
            code = m.group(1) if m else code
        ok = expect_code is not None and code == expect_code
        got = f"{code} (HTTP {status})"
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'}  {name}: expected {expect_code or 'success'}, got {got}")


a = info["admin"]; l = info["limited"]
sts_admin = client("sts", a["accessKeyId"], a["secretAccessKey"])
glue_admin = client("glue", a["accessKeyId"], a["secretAccessKey"])
db = "kvs_auth_check_" + uuid.uuid4().hex[:8]
check("admin sts:GetCallerIdentity", lambda: sts_admin.get_caller_identity()["Arn"])
check("admin glue:CreateDatabase", lambda: glue_admin.create_database(DatabaseInput={"Name": db}) and db)
check("wrong secret glue:GetDatabases",
      lambda: client("glue", a["accessKeyId"], a["secretAccessKey"] + "x").get_databases(),
      "SignatureDoesNotMatch")
check("unknown key glue:GetDatabases",
      lambda: client("glue", "AKIAXXXXXXXXXXXXXXXX", "secret").get_databases(), "InvalidClientTokenId")
glue_lim = client("glue", l["accessKeyId"], l["secretAccessKey"])
check("limited glue:GetDatabases (not allowed)", lambda: glue_lim.get_databases(), "AccessDenied")
check("limited glue:CreateDatabase (not allowed)",
      lambda: glue_lim.create_database(DatabaseInput={"Name": db + "_x"}), "AccessDenied")
# Allowed action: passes auth; moto then answers EntityNotFoundException for a missing crawler.
check("limited glue:GetCrawler (allowed; crawler missing)",
      lambda: glue_lim.get_crawler(Name="no-such-crawler"), "EntityNotFoundException")
check("cleanup admin glue:DeleteDatabase", lambda: glue_admin.delete_database(Name=db) and db)
print(f"auth checks: {sum(results)}/{len(results)} as expected")
sys.exit(0 if all(results) else 1)
