# Times botocore's own parse of one ~/.aws/config in process: configloader.raw_config_parse followed by
# build_profile_map, the pair the AWS CLI runs. Prints JSON: {"samples_ms": [...], "profiles": N, "botocore": v}.
# Usage: /usr/bin/python3 test/bench/botocore-parse.py <config-file> [runs] [warmup]
import json
import sys
import time

import botocore
from botocore.configloader import build_profile_map, raw_config_parse


def main():
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    warmup = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    profiles = 0
    samples = []
    for i in range(warmup + runs):
        start = time.perf_counter()
        parsed = build_profile_map(raw_config_parse(path))
        elapsed = (time.perf_counter() - start) * 1000
        profiles = len(parsed['profiles'])
        if i >= warmup:
            samples.append(elapsed)
    json.dump({'samples_ms': samples, 'profiles': profiles, 'botocore': botocore.__version__}, sys.stdout)


main()
