# Helper of scripts/bench-python-sdk.sh: what a Python Lambda using Genesys's official SDK
# (PureCloudPlatformClientV2) does at a cold start, plus the bench's seeding, sizing and report.
#
# Subcommands:
#   seed BASE_URL FIXTURE     seed the loopback emulator (users, presence source, secondary
#                             statuses) and write the ids a function would hold (its "id map");
#                             standard library only, not timed
#   coldstart FIXTURE         the measured case: import the SDK, take a client-credentials token,
#                             send one batch of presence events and one of routing-status events
#                             through the SDK's EventsApi (the same calls agent-state makes for its
#                             first batch); --read-definitions adds GET /api/v2/presence/definitions
#   size OUT.zip              installed size of the SDK and its dependencies (from their RECORD
#                             files), and of a zipped Lambda layer holding them; run in the venv
#   report SAMPLES SIZE       print the markdown table from the samples file and the size JSON
#
# Credentials come from GENESYS_CLIENT_ID / GENESYS_CLIENT_SECRET and are never printed.

import json
import os
import sys
import uuid


def _http(method, url, body=None, headers=None):
    import urllib.request

    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        data = response.read()
        return json.loads(data) if data else None


# Mapping used for the synthetic batch: (system presence or secondary label, routing status),
# the shape of examples/mapping.json's agent-state rules.
TARGETS = [
    ("system", "Available", "Idle"),
    ("system", "OnQueue", "Interacting"),
    ("system", "Busy", "OffQueue"),
    ("secondary", "Lunch", "OffQueue"),
    ("secondary", "Short Break", "OffQueue"),
    ("system", "Training", "OffQueue"),
    ("system", "Offline", "OffQueue"),
    ("system", "OnQueue", "NotResponding"),
    ("secondary", "Team Meeting", "OffQueue"),
    ("system", "OnQueue", "Idle"),
]

SECONDARY = [("Lunch", "Meal"), ("Short Break", "Break"), ("Team Meeting", "Meeting")]


def seed(base, fixture_path, agents=10):
    import base64

    users = [str(uuid.uuid4()) for _ in range(agents)]
    source_id = str(uuid.uuid4())
    snapshot = {
        "users": [
            {"id": u, "name": f"Bench Agent {i}", "email": f"bench-agent-{i:04}@example.com"}
            for i, u in enumerate(users)
        ],
        "presenceSources": [{"id": source_id, "name": "External Contact Centre"}],
        "presenceDefinitions": [
            {"languageLabels": {"en_US": label}, "systemPresence": system, "type": "User"}
            for label, system in SECONDARY
        ],
    }
    _http("POST", base + "/__admin/seed", json.dumps(snapshot).encode(),
          {"Content-Type": "application/json"})
    basic = base64.b64encode(
        f"{os.environ['GENESYS_CLIENT_ID']}:{os.environ['GENESYS_CLIENT_SECRET']}".encode()
    ).decode()
    token = _http("POST", base + "/oauth/token", b"grant_type=client_credentials",
                  {"Authorization": "Basic " + basic,
                   "Content-Type": "application/x-www-form-urlencoded"})["access_token"]
    listing = _http("GET", base + "/api/v2/presence/definitions?localeCode=ALL",
                    headers={"Authorization": "Bearer " + token})
    system, secondary = {}, {}
    for d in listing.get("entities", []):
        if d.get("type") == "System":
            system[d["systemPresence"]] = d["id"]
        for label in (d.get("languageLabels") or {}).values():
            if d.get("type") != "System":
                secondary[label] = d["id"]
    with open(fixture_path, "w") as f:
        json.dump({"base": base, "users": users, "sourceId": source_id,
                   "system": system, "secondary": secondary}, f)


def coldstart(fixture_path, read_definitions=False):
    # The import is part of the measured cold start, as in a Lambda's init phase.
    import datetime

    import PureCloudPlatformClientV2 as sdk

    with open(fixture_path) as f:
        fx = json.load(f)
    client = sdk.ApiClient(host=fx["base"]).get_client_credentials_token(
        os.environ["GENESYS_CLIENT_ID"], os.environ["GENESYS_CLIENT_SECRET"]
    )
    if read_definitions:
        sdk.PresenceApi(client).get_presence_definitions(locale_code="ALL")
    now = datetime.datetime.now(datetime.timezone.utc)

    def model(cls, **fields):  # the SDK's models take no constructor arguments
        obj = cls()
        for name, value in fields.items():
            setattr(obj, name, value)
        return obj

    presence, routing = [], []
    for i, user in enumerate(fx["users"]):
        kind, target, status = TARGETS[i % len(TARGETS)]
        definition = fx["system" if kind == "system" else "secondary"][target]
        at = now + datetime.timedelta(milliseconds=i)
        presence.append(model(
            sdk.UserPresenceEvent, event_id=str(uuid.uuid4()), event_date_time=at,
            user_id=user, source_id=fx["sourceId"], presence_definition_id=definition))
        routing.append(model(
            sdk.UserRoutingStatusEvent, event_id=str(uuid.uuid4()), event_date_time=at,
            agent_id=user, status=status, source_id=fx["sourceId"]))
    events = sdk.EventsApi(client)
    answers = [
        events.post_events_users_presence(model(
            sdk.BatchUserPresenceEventRequest, user_presence_events=presence)),
        events.post_events_users_routingstatus(model(
            sdk.BatchUserRoutingStatusEventRequest, user_routing_status_events=routing)),
    ]
    errors = [e.message for a in answers for e in (a.errors or [])]
    if errors:
        sys.exit(f"the emulator refused events: {errors}")


def size(zip_path):
    import importlib.metadata as md
    import re
    import zipfile

    def closure(name, seen):
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            return
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            return
        seen[key] = dist
        for req in dist.requires or []:
            if "extra ==" in req:
                continue
            closure(re.split(r"[\s;<>=!~\[(]", req, maxsplit=1)[0], seen)

    dists = {}
    closure("PureCloudPlatformClientV2", dists)
    files, per_dist, pyc = [], {}, 0
    for key, dist in dists.items():
        total = 0
        for f in dist.files or []:
            path = f.locate()
            if os.path.isfile(path):
                files.append((str(path), os.path.join("python", str(f))))
                total += os.path.getsize(path)
                if str(f).endswith(".pyc"):
                    pyc += os.path.getsize(path)
        per_dist[f"{dist.metadata['Name']} {dist.version}"] = total
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:
        for path, arc in files:
            z.write(path, arc)
    sdk = md.distribution("PureCloudPlatformClientV2")
    py = sum(1 for f in sdk.files or [] if str(f).endswith(".py"))
    json.dump({
        "sdk": f"PureCloudPlatformClientV2 {sdk.version}",
        "python": sys.version.split()[0],
        "per_dist": per_dist,
        "installed_bytes": sum(per_dist.values()),
        "pyc_bytes": pyc,
        "files": len(files),
        "sdk_py_files": py,
        "zip_bytes": os.path.getsize(zip_path),
    }, sys.stdout)


def report(samples_path, size_path):
    import statistics

    order, rows = [], {}
    with open(samples_path) as f:
        for line in f:
            case, wall_ms, cpu_ms, rss_kb = line.rstrip("\n").split("\t")
            if case not in rows:
                order.append(case)
                rows[case] = []
            rows[case].append((float(wall_ms), float(cpu_ms), int(rss_kb) / 1024))
    with open(size_path) as f:
        sz = json.load(f)
    mib = 1024 * 1024
    print(f"{sz['sdk']} on CPython {sz['python']}:")
    print()
    print("| case | runs | wall ms: median (min–max) | CPU ms: median (min–max) "
          "| peak RSS MiB: median (min–max) |")
    print("|---|---|---|---|---|")

    def cell(values, fmt):
        return (f"{statistics.median(values):{fmt}} "
                f"({min(values):{fmt}}–{max(values):{fmt}})")

    for case in order:
        wall, cpu, rss = ([sample[k] for sample in rows[case]] for k in range(3))
        print(f"| {case} | {len(wall)} | {cell(wall, '.0f')} | {cell(cpu, '.0f')} "
              f"| {cell(rss, '.1f')} |")
    print()
    print("| deployment package (SDK and its dependencies) | size |")
    print("|---|---|")
    print(f"| installed, unzipped ({sz['files']} files, .pyc included) | "
          f"{sz['installed_bytes'] / mib:.1f} MiB |")
    print(f"| &nbsp;&nbsp;of which byte-compiled .pyc | {sz['pyc_bytes'] / mib:.1f} MiB |")
    for name, b in sorted(sz["per_dist"].items(), key=lambda kv: -kv[1]):
        print(f"| &nbsp;&nbsp;{name} | {b / mib:.1f} MiB |")
    print(f"| zipped layer (deflate) | {sz['zip_bytes'] / mib:.1f} MiB |")


def main(argv):
    if len(argv) < 2:
        sys.exit("usage: python_sdk_cold_start.py seed|coldstart|size|report ... "
                 "(see the header comment)")
    cmd, args = argv[1], argv[2:]
    if cmd == "seed":
        seed(args[0], args[1])
    elif cmd == "coldstart":
        coldstart(args[0], read_definitions="--read-definitions" in args[1:])
    elif cmd == "size":
        size(args[0])
    elif cmd == "report":
        report(args[0], args[1])
    else:
        sys.exit(f"unknown subcommand {cmd}")


if __name__ == "__main__":
    main(sys.argv)
