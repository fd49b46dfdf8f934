"""Drives Debian's botocore's IAM Identity Center clients against the local AWS stand-in (botocore-sso.test.ts).

Reads one JSON object on stdin and prints {"botocore": VERSION, "results": [...]}, one result per call:
{"ok": true, "response": {...}} or {"ok": false, "status": 400, "error": {"Code": ..., "Message": ...}}.

  {"calls": [{"service": "sso-oidc" | "sso" | "sts", "operation": "create_token", "params": {...},
              "endpoint": "http://127.0.0.1:PORT/sso-oidc/eu-west-1", "region": "eu-west-1",
              "credentials": {...},                 # sts only
              "paginate": {"PageSize": 2}}, ...]}   # optional: botocore's paginator, every page returned

  {"profile": "sso-data", "stand_in": "127.0.0.1:PORT", "calls": [{"service": "sts", "operation": ...}]}
      botocore resolves the profile from AWS_CONFIG_FILE (its SSO token provider, SSO credential provider and,
      for role_arn + source_profile, AssumeRole) with the token cache under $HOME/.aws/sso/cache; every request
      to an AWS host name is sent to the stand-in with that Host header. Each result also carries the cache.
"""
import glob
import json
import os
import sys
from urllib.parse import urlsplit, urlunsplit

import botocore
import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError


def to_json(value):
    return json.loads(json.dumps(value, default=str))


def send_to(address):
    """A before-send handler: the request goes to the stand-in's plain address, keeping its AWS Host name."""
    def handler(request, **kwargs):
        url = urlsplit(request.url)
        request.headers["Host"] = url.netloc
        request.url = urlunsplit(("http", address, url.path, url.query, url.fragment))
    return handler


def run(client, call):
    try:
        if call.get("paginate") is not None:
            paginator = client.get_paginator(call["operation"])
            pages = paginator.paginate(**call.get("params", {}), PaginationConfig=call["paginate"])
            response = {"pages": [{k: v for k, v in page.items() if k != "ResponseMetadata"} for page in pages]}
        else:
            response = getattr(client, call["operation"])(**call.get("params", {}))
            response.pop("ResponseMetadata", None)
        return {"ok": True, "response": to_json(response)}
    except ClientError as e:
        return {
            "ok": False,
            "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
            "error": {"Code": e.response["Error"]["Code"], "Message": e.response["Error"].get("Message", "")},
        }


def direct(session, call):
    creds = call.get("credentials") or {}
    client = session.create_client(
        call["service"],
        region_name=call.get("region", "eu-west-1"),
        endpoint_url=call["endpoint"],
        aws_access_key_id=creds.get("accessKeyId"),
        aws_secret_access_key=creds.get("secretAccessKey"),
        aws_session_token=creds.get("sessionToken"),
        config=Config(retries={"total_max_attempts": 1, "mode": "standard"}),
    )
    return run(client, call)


def token_cache():
    found = {}
    for path in glob.glob(os.path.expanduser("~/.aws/sso/cache/*.json")):
        with open(path) as f:
            found[os.path.basename(path)] = json.load(f)
    return found


def main():
    request = json.load(sys.stdin)
    session = botocore.session.get_session()
    results = []
    if "profile" in request:
        session.set_config_variable("profile", request["profile"])
        session.register("before-send", send_to(request["stand_in"]))
        for call in request["calls"]:
            client = session.create_client(
                call["service"],
                region_name=call.get("region", "eu-west-1"),
                config=Config(retries={"total_max_attempts": 1, "mode": "standard"}),
            )
            try:
                result = run(client, call)
            except Exception as e:  # a credential provider's failure: not a ClientError of the call itself
                result = {"ok": False, "status": 0, "error": {"Code": type(e).__name__, "Message": str(e)}}
            result["cache"] = token_cache()
            results.append(result)
    else:
        for call in request["calls"]:
            results.append(direct(session, call))
    print(json.dumps({"botocore": botocore.__version__, "results": results}))


if __name__ == "__main__":
    main()
