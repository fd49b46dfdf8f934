"""Drives Debian's botocore against the local AWS stand-in (used by botocore.test.ts).

Reads one JSON object on stdin:
  {"endpoint": "http://127.0.0.1:PORT", "region": "eu-west-1",
   "calls": [{"operation": "get_caller_identity", "params": {...},
              "credentials": {"accessKeyId": ..., "secretAccessKey": ..., "sessionToken": ...}}, ...]}
and prints {"botocore": VERSION, "results": [...]}: per call either {"ok": true, "response": {...}} or
{"ok": false, "status": 403, "error": {"Type": ..., "Code": ..., "Message": ...}}.
"""
import json
import sys

import botocore
import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError


def client_for(session, endpoint, region, creds):
    return session.create_client(
        "sts",
        region_name=region,
        endpoint_url=endpoint,
        aws_access_key_id=creds["accessKeyId"],
        aws_secret_access_key=creds["secretAccessKey"],
        aws_session_token=creds.get("sessionToken"),
        config=Config(retries={"total_max_attempts": 1, "mode": "standard"}),
    )


def main():
    request = json.load(sys.stdin)
    session = botocore.session.get_session()
    results = []
    for call in request["calls"]:
        creds = call["credentials"]
        client = client_for(session, request["endpoint"], request.get("region", "us-east-1"), creds)
        try:
            response = getattr(client, call["operation"])(**call.get("params", {}))
            response.pop("ResponseMetadata", None)
            results.append({"ok": True, "response": response})
        except ClientError as error:
            results.append({
                "ok": False,
                "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
                "error": error.response["Error"],
            })
    json.dump({"botocore": botocore.__version__, "results": results}, sys.stdout, default=str)


if __name__ == "__main__":
    main()
