#!/usr/bin/python3
"""Start moto's server for the test rig with IAM authentication switched on.

Run by start-moto.sh with /usr/bin/python3 and PYTHONPATH=<cache>/site (the trixie moto/boto3).
  start_moto.py OUT_JSON SITE_DIR

1. picks a free loopback port, starts `python3 -m moto.server -H 127.0.0.1 -p PORT` detached,
   with INITIAL_NO_AUTH_ACTION_COUNT set so that only this script's setup calls run unchecked;
2. waits until it answers;
3. creates IAM users kvs-test-admin (inline policy: * on *) and kvs-test-limited (only
   glue:GetCrawler), each with an access key;
4. then switches moto to "check every request" (POST /moto-api/reset-auth 0) and proves it:
   an unsigned-by-a-real-key request must be refused;
5. writes OUT_JSON (see README.md for the schema).
"""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

REGION = "us-east-1"
ACCOUNT_ID = "123456789012"
ADMIN_USER = "kvs-test-admin"
LIMITED_USER = "kvs-test-limited"
LIMITED_ACTIONS = ["glue:GetCrawler"]
SETUP_CALLS = 6  # create_user, create_access_key, put_user_policy  x 2 users
PYTHON = "/usr/bin/python3"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method: str, url: str, body: bytes = None, timeout: float = 2.0):
    # moto's /moto-api handlers read the raw body; a form content type would hide it.
    headers = {"Content-Type": "application/json"} if body is not None else {}
    req = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def start_server(site: str, log_path: str, tries: int = 3):
    env = dict(os.environ)
    env["PYTHONPATH"] = site
    env["INITIAL_NO_AUTH_ACTION_COUNT"] = str(SETUP_CALLS)
    env.setdefault("MOTO_CALL_RESET_API", "true")
    env.pop("AWS_PROFILE", None)
    last_err = ""
    for _ in range(tries):
        port = free_port()
        log = open(log_path, "ab", buffering=0)
        log.write(f"--- {time.strftime('%Y-%m-%dT%H:%M:%S')} starting moto on 127.0.0.1:{port}\n".encode())
        proc = subprocess.Popen(
            [PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            env=env, start_new_session=True, close_fds=True,
        )
        log.close()
        url = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while time.time() < deadline:
            if proc.poll() is not None:
                last_err = f"moto exited with {proc.returncode} (see {log_path})"
                break
            try:
                status, _ = http("GET", url + "/moto-api/config", timeout=1.0)
                if status in (200, 201):
                    return proc, port, url
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.05)
        else:
            last_err = f"moto did not answer on {url} within 60 s"
            proc.kill()
    raise SystemExit(f"start_moto: {last_err}")


def main():
    out_json, site = sys.argv[1], sys.argv[2]
    out_dir = os.path.dirname(os.path.abspath(out_json))
    os.makedirs(out_dir, exist_ok=True)
    log_path = os.path.splitext(os.path.abspath(out_json))[0] + ".log"
    t0 = time.time()
    proc, port, url = start_server(site, log_path)
    t_up = time.time() - t0

    try:
        import boto3  # the trixie boto3 from PYTHONPATH
        from botocore.config import Config

        iam = boto3.client(
            "iam", endpoint_url=url, region_name=REGION,
            aws_access_key_id="setup", aws_secret_access_key="setup",
            config=Config(retries={"total_max_attempts": 1}),
        )

        def make_user(name, actions):
            user = iam.create_user(UserName=name)["User"]
            key = iam.create_access_key(UserName=name)["AccessKey"]
            policy = {"Version": "2012-10-17",
                      "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]}
            iam.put_user_policy(UserName=name, PolicyName=name + "-policy",
                                PolicyDocument=json.dumps(policy))
            return {"userName": name, "arn": user["Arn"],
                    "accessKeyId": key["AccessKeyId"], "secretAccessKey": key["SecretAccessKey"],
                    "allowedActions": actions}

        admin = make_user(ADMIN_USER, ["*"])
        limited = make_user(LIMITED_USER, LIMITED_ACTIONS)

        # From now on every request is authenticated, whatever the setup call count was.
        status, body = http("POST", url + "/moto-api/reset-auth", b"0")
        if status != 200:
            raise RuntimeError(f"reset-auth failed: {status} {body!r}")
        # Prove it: a key that does not exist in moto must be refused.
        bogus = boto3.client("sts", endpoint_url=url, region_name=REGION,
                             aws_access_key_id="AKIANOTAREALKEY00000",
                             aws_secret_access_key="nope", config=Config(retries={"total_max_attempts": 1}))
        try:
            bogus.get_caller_identity()
            raise RuntimeError("moto accepted an unknown access key: authentication is NOT on")
        except bogus.exceptions.ClientError as e:
            auth_probe = e.response["Error"]["Code"]
    except BaseException:
        proc.kill()
        raise

    info = {
        "endpoint": url,
        "host": "127.0.0.1",
        "port": port,
        "pid": proc.pid,
        "region": REGION,
        "accountId": ACCOUNT_ID,
        "admin": admin,
        "limited": limited,
        "authEnforced": True,
        "authProbe": auth_probe,
        "python": PYTHON,
        "pythonPath": site,
        "botocoreData": os.path.join(site, "botocore", "data"),
        "logFile": log_path,
        "startedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t0)),
        "startSeconds": round(t_up, 3),
        "readySeconds": round(time.time() - t0, 3),
    }
    tmp = out_json + ".tmp"
    with open(tmp, "w") as f:
        json.dump(info, f, indent=2)
    os.chmod(tmp, 0o600)
    os.replace(tmp, out_json)
    print(json.dumps(info, indent=2))


if __name__ == "__main__":
    main()
