# Reads a JSON list of config texts on stdin and prints, for each, what botocore's
# configloader.raw_config_parse + build_profile_map make of it: {"error": true} or the three maps.
# Uses only the standard library (configparser, shlex) with botocore 1.43's own functions copied below,
# so any python3 works (Debian's python3-botocore is older and has no "services" map).
import configparser, json, os, shlex, sys, tempfile


def _parse_nested(config_value):
    parsed = {}
    for line in config_value.splitlines():
        line = line.strip()
        if not line:
            continue
        key, value = line.split('=', 1)
        parsed[key.strip()] = value.strip()
    return parsed


def raw_config_parse(path):
    config = {}
    cp = configparser.RawConfigParser()
    cp.read([path])
    for section in cp.sections():
        config[section] = {}
        for option in cp.options(section):
            value = cp.get(section, option)
            if value.startswith('\n'):
                value = _parse_nested(value)
            config[section][option] = value
    return config


def _parse_section(key, values):
    try:
        parts = shlex.split(key)
    except ValueError:
        return {}
    return {parts[1]: values} if len(parts) == 2 else {}


def build_profile_map(parsed):
    profiles, sso_sessions, services = {}, {}, {}
    for key, values in parsed.items():
        if key.startswith('profile'):
            profiles.update(_parse_section(key, values))
        elif key.startswith('sso-session'):
            sso_sessions.update(_parse_section(key, values))
        elif key.startswith('services'):
            services.update(_parse_section(key, values))
        elif key == 'default':
            profiles[key] = values
    return {'profiles': profiles, 'sso_sessions': sso_sessions, 'services': services}


def main():
    texts = json.load(sys.stdin)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'config')
        for text in texts:
            with open(path, 'w', encoding='utf-8', newline='') as f:
                f.write(text)
            try:
                results.append(build_profile_map(raw_config_parse(path)))
            except (configparser.Error, UnicodeDecodeError, ValueError):
                results.append({'error': True})
    json.dump(results, sys.stdout)


main()
