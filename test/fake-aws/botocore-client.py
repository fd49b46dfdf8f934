"""Drives Debian's botocore against the local AWS stand-in (used by botocore.test.ts).

Reads one JSON object on stdin:
  {"endpoint": "http://127.0.0.1:PORT", "region": "eu-west-1",
   "calls": [{"operation": "get_caller_identity", "params": {...},
              "credentials": {"accessKeyId": ..., "secretAccessKey": ..., "sessionToken": ...},
              "endpoint": ..., "region": ...,          # optional, per call
              "connect_to": "127.0.0.1:PORT",          # optional: botocore signs for `endpoint` (an AWS host
                                                       #   name), the request is then sent here with that Host
              "unsigned_payload": true}, ...]}         # optional: sign with x-amz-content-sha256: UNSIGNED-PAYLOAD
and prints {"botocore": VERSION, "results": [...]}: per call either {"ok": true, "response": {...}} or
{"ok": false, "status": 403, "error": {"Type": ..., "Code": ..., "Message": ...}}.
"""
import json
import sys
from urllib.parse import urlsplit, urlunsplit

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


def send_to(address):
    """A before-send handler: the signed request goes to `address`, keeping the Host it was signed for."""
    def handler(request, **kwargs):
        url = urlsplit(request.url)
        request.headers["Host"] = url.netloc
        request.url = urlunsplit((url.scheme, address, url.path, url.query, url.fragment))
    return handler


def sign_unsigned_payload(request, **kwargs):
    """A before-sign handler: botocore's signer then puts UNSIGNED-PAYLOAD in the canonical request (as for S3)."""
    request.headers["X-Amz-Content-SHA256"] = "UNSIGNED-PAYLOAD"


def main():
    request = json.load(sys.stdin)
    session = botocore.session.get_session()
    results = []
    for call in request["calls"]:
        creds = call["credentials"]
        endpoint = call.get("endpoint", request["endpoint"])
        region = call.get("region", request.get("region", "us-east-1"))
        client = client_for(session, endpoint, region, creds)
        if call.get("connect_to"):
            client.meta.events.register("before-send.sts.*", send_to(call["connect_to"]))
        if call.get("unsigned_payload"):
            client.meta.events.register("before-sign.sts.*", sign_unsigned_payload)
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
