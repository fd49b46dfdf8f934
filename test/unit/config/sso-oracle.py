# Reads a JSON list of {"text", "profile"} on stdin and prints, for each, what botocore's own SSO credential
# provider makes of it (credentials.SSOProvider._load_sso_config on configloader's parse of the text):
# null, the settings dict, or {"error": <exception class>, "message": <its text>}. Imports botocore itself
# (Debian's python3-botocore in CI), so the answers are botocore's, not a copy's.
import json, os, sys, tempfile

from botocore.configloader import build_profile_map, raw_config_parse
from botocore.credentials import SSOProvider


def sso_config(path, profile):
    provider = SSOProvider(
        load_config=lambda: build_profile_map(raw_config_parse(path)),
        client_creator=None,
        profile_name=profile,
        token_cache={},
    )
    try:
        return provider._load_sso_config()
    except Exception as error:  # botocore's refusals, and its TypeError on a sub-section session name
        return {'error': type(error).__name__, 'message': str(error)}


def main():
    cases = json.load(sys.stdin)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'config')
        for case in cases:
            with open(path, 'w', encoding='utf-8', newline='') as f:
                f.write(case['text'])
            results.append(sso_config(path, case['profile']))
    json.dump(results, sys.stdout)


main()
