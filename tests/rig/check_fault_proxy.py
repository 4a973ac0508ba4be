#!/usr/bin/python3
"""Self-test of fault-proxy.py against moto (run by check-fault-proxy.sh).

  check_fault_proxy.py MOTO_JSON PROXY_JSON
Sets the proxy to rate 0.3 / seed 42 / mode before, then makes 40 non-idempotent Glue
CreateDatabase calls and 10 IAM (Query protocol) calls through it with botocore's standard retry
mode (10 attempts): every call must succeed exactly once (no AlreadyExists from a retried request),
faults of every kind must have been injected, and a queued fault must be seen as-is.
"""
import json
import sys
import urllib.request
import uuid

import boto3
from botocore.config import Config

moto = json.load(open(sys.argv[1]))
proxy = json.load(open(sys.argv[2]))
ep = proxy["endpoint"]


def ctl(path, obj=None):
    req = urllib.request.Request(ep + path, data=None if obj is None else json.dumps(obj).encode(),
                                 method="GET" if obj is None else "POST")
    with urllib.request.urlopen(req) as r:
        return json.load(r)


ctl("/__proxy/reset", {})
ctl("/__proxy/config", {"rate": 0.3, "seed": 42, "mode": "before"})
a = moto["admin"]
kw = dict(endpoint_url=ep, region_name=moto["region"], aws_access_key_id=a["accessKeyId"],
          aws_secret_access_key=a["secretAccessKey"])
retry = Config(retries={"mode": "standard", "max_attempts": 10}, connect_timeout=2, read_timeout=10)
glue = boto3.client("glue", config=retry, **kw)
iam = boto3.client("iam", config=retry, **kw)
tag = uuid.uuid4().hex[:6]
ok = True
for i in range(40):
    glue.create_database(DatabaseInput={"Name": f"fp_{tag}_{i}"})
names = {d["Name"] for d in boto3.client("glue", config=Config(retries={"total_max_attempts": 1}), **{**kw, "endpoint_url": moto["endpoint"]}).get_databases()["DatabaseList"]}
made = sum(1 for i in range(40) if f"fp_{tag}_{i}" in names)
for i in range(10):
    iam.list_users()
stats = ctl("/__proxy/stats")
print("after 40 CreateDatabase + 10 ListUsers through the proxy:", json.dumps(stats["injected"]),
      "requests", stats["requests"], "forwarded", stats["forwarded"])
if made != 40:
    ok = False; print("FAIL: databases created:", made)
if not all(stats["injected"][k] > 0 for k in stats["injected"]):
    ok = False; print("FAIL: not every fault kind was injected")

# A queued fault with retries off is seen by the client as-is.
ctl("/__proxy/queue", {"faults": ["throttle429", "throttle400", "internal500", "unavailable503"]})
noretry = boto3.client("glue", config=Config(retries={"total_max_attempts": 1}), **kw)
seen = []
for _ in range(4):
    try:
        noretry.get_databases()
        seen.append("ok")
    except noretry.exceptions.ClientError as e:
        seen.append(f'{e.response["ResponseMetadata"]["HTTPStatusCode"]} {e.response["Error"]["Code"]}')
print("queued faults seen by a client without retries:", seen)
if seen[:2] != ["429 ThrottlingException", "400 ThrottlingException"]:
    ok = False; print("FAIL: throttles not seen as ThrottlingException")
ctl("/__proxy/config", {"rate": 0})
print("fault proxy self-test:", "OK" if ok else "FAILED")
sys.exit(0 if ok else 1)
