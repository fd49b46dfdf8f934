# Times botocore's own parse of one ~/.aws/config in process: configloader.raw_config_parse followed by
# build_profile_map, the pair the AWS CLI runs. config-bench.ts drives it one run at a time, so that its runs
# and Rolecall's take turns on the same machine (this VM's speed drifts by a third within minutes).
# Protocol: stdin "run" -> stdout one line, the run's milliseconds; stdin "done" (or EOF) -> stdout one line of
# JSON, {"profiles": N, "botocore": version}. Each run starts like the last one ended: the previous result is
# dropped inside the timed region, as `parsed = ...` in any loop of botocore's would.
# Usage: /usr/bin/python3 test/bench/botocore-parse.py <config-file>
import json
import sys
import time

import botocore
from botocore.configloader import build_profile_map, raw_config_parse


def main():
    path = sys.argv[1]
    parsed = {'profiles': {}}
    for line in sys.stdin:
        if line.strip() != 'run':
            break
        start = time.perf_counter()
        parsed = build_profile_map(raw_config_parse(path))
        elapsed = (time.perf_counter() - start) * 1000
        print(f'{elapsed:.3f}', flush=True)
    print(json.dumps({'profiles': len(parsed['profiles']), 'botocore': botocore.__version__}), flush=True)


main()
