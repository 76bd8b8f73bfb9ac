"""Lambda smoke tests: each function's real binary under `cargo lambda watch`, invoked with
`cargo lambda invoke --data-file` and real AWS event payloads, against moto (S3, SQS, Kinesis,
Secrets Manager) and the Genesys emulator on loopback.

The Kinesis checks are stream-fed: Amazon Connect's agent events and contact trace records are
put on moto Kinesis streams (partition key as Connect sets it), read back with GetRecords, and
handed to the function as Lambda's event source mapping does (base64 data, sequence numbers,
`eventID` = shard:sequence). A reported batch item failure is resumed from, as Lambda does.

Run by scripts/test.sh after `cargo test` (the debug binaries are built by then). Needs the
repo's .venv (moto, boto3, cargo-lambda). Every check that fails raises; the last line is the
plain 'N passed, N failed' summary.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import boto3

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "debug"
ENV = dict(os.environ, PATH=f"{VENV_BIN}:{os.environ['PATH']}", AWS_ACCESS_KEY_ID="test",
           AWS_SECRET_ACCESS_KEY="test", AWS_REGION="us-east-1", AWS_DEFAULT_REGION="us-east-1")
PROCESSES = []


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, what, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on {port} within {timeout} s")


def start(args, log, env=None):
    proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env or ENV, cwd=ROOT,
                            start_new_session=True)
    PROCESSES.append(proc)
    return proc


def stop_all():
    for proc in PROCESSES:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    for proc in PROCESSES:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def admin(base, path):
    with urllib.request.urlopen(f"{base}/__admin/{path}") as r:
        return json.loads(r.read())


def invoke(watch_port, function, payload, workdir):
    data = Path(workdir) / f"{function}-event.json"
    data.write_text(json.dumps(payload))
    out = subprocess.run(
        ["cargo", "lambda", "invoke", "-A", "127.0.0.1", "-P", str(watch_port), function,
         "--data-file", str(data), "--output-format", "json"],
        capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=300)
    if out.returncode != 0:
        raise AssertionError(f"{function}: invoke failed ({out.returncode}): {out.stdout}{out.stderr}")
    return json.loads(out.stdout)


def stereo_wav(seconds=1, rate=8000):
    """A small stereo 16-bit PCM WAV: a tone on the left channel, another on the right."""
    import io
    import math
    import struct
    import wave
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(rate)
        frames = b"".join(struct.pack("<hh", int(8000 * math.sin(2 * math.pi * 440 * i / rate)),
                                      int(8000 * math.sin(2 * math.pi * 660 * i / rate))) for i in range(seconds * rate))
        w.writeframes(frames)
    return buf.getvalue()


def s3_event(bucket, key, size, etag):
    quoted = urllib.parse.quote_plus(key, safe="/")
    return {"Records": [{
        "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1",
        "eventTime": "2026-11-24T08:20:00.000Z", "eventName": "ObjectCreated:Put",
        "userIdentity": {"principalId": "AWS:EXAMPLE"},
        "requestParameters": {"sourceIPAddress": "127.0.0.1"},
        "responseElements": {"x-amz-request-id": "R1", "x-amz-id-2": "I1"},
        "s3": {"s3SchemaVersion": "1.0", "configurationId": "exsync",
               "bucket": {"name": bucket, "ownerIdentity": {"principalId": "A"}, "arn": f"arn:aws:s3:::{bucket}"},
               "object": {"key": quoted, "size": size, "eTag": etag, "sequencer": "0A1B2C"}}}]}


def sqs_event(queue_arn, bodies, fifo_group=None):
    records = []
    for i, body in enumerate(bodies):
        attributes = {"ApproximateReceiveCount": "1", "SentTimestamp": "1764000000000",
                      "SenderId": "AIDAEXAMPLE", "ApproximateFirstReceiveTimestamp": "1764000000001"}
        if fifo_group:
            attributes.update({"MessageGroupId": fifo_group, "MessageDeduplicationId": f"d{i}",
                               "SequenceNumber": str(18849496460467696128 + i)})
        records.append({"messageId": f"m-{i}", "receiptHandle": f"h-{i}", "body": json.dumps(body),
                        "attributes": attributes, "messageAttributes": {}, "md5OfBody": "x",
                        "eventSource": "aws:sqs", "eventSourceARN": queue_arn, "awsRegion": "us-east-1"})
    return {"Records": records}


def kinesis_batch(kinesis, stream, after=None):
    """Every record on `stream`'s only shard after sequence number `after` (or from the start), as
    the Kinesis event Lambda's event source mapping would deliver."""
    stream_desc = kinesis.describe_stream(StreamName=stream)["StreamDescription"]
    shard = stream_desc["Shards"][0]["ShardId"]
    where = {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "StartingSequenceNumber": after} if after \
        else {"ShardIteratorType": "TRIM_HORIZON"}
    iterator = kinesis.get_shard_iterator(StreamName=stream, ShardId=shard, **where)["ShardIterator"]
    records = kinesis.get_records(ShardIterator=iterator, Limit=100)["Records"]
    import base64
    return {"Records": [{
        "kinesis": {"kinesisSchemaVersion": "1.0", "partitionKey": r["PartitionKey"],
                    "sequenceNumber": r["SequenceNumber"], "data": base64.b64encode(r["Data"]).decode(),
                    "approximateArrivalTimestamp": r["ApproximateArrivalTimestamp"].timestamp()},
        "eventSource": "aws:kinesis", "eventVersion": "1.0",
        "eventID": f"{shard}:{r['SequenceNumber']}", "eventName": "aws:kinesis:record",
        "invokeIdentityArn": "arn:aws:iam::123456789012:role/exsync", "awsRegion": "us-east-1",
        "eventSourceARN": stream_desc["StreamARN"]} for r in records]}


def connect_agent_event(event_id, agent_arn, kind, at, status, contacts=()):
    """A Connect agent event in the documented shape (the fields exsync reads, and some it does not)."""
    instance = agent_arn.split("/agent/")[0]
    return {"AWSAccountId": "123456789012", "AgentARN": agent_arn, "EventId": event_id,
            "EventTimestamp": at, "EventType": kind, "InstanceARN": instance, "Version": "2019-05-25",
            "CurrentAgentSnapshot": {
                "AgentStatus": {"ARN": f"{instance}/agent-state/{status[1]}", "Name": status[1],
                                "StartTimestamp": at, "Type": status[0]},
                "NextAgentStatus": None,
                "Configuration": {"Username": "smoke", "FirstName": "S", "LastName": "M",
                                  "RoutingProfile": {"ARN": f"{instance}/routing-profile/rp", "Name": "RP"}},
                "Contacts": [{"ContactId": f"k-{i}", "Channel": "VOICE", "InitiationMethod": "INBOUND",
                              "State": state, "StateStartTimestamp": at, "ConnectedToAgentTimestamp": at,
                              "Queue": {"ARN": f"{instance}/queue/q", "Name": None}}
                             for i, state in enumerate(contacts)]},
            "PreviousAgentSnapshot": None}


def main():
    workdir = tempfile.mkdtemp(prefix="exsync-smoke-")
    log = open(Path(workdir) / "processes.log", "w")
    moto_port, emulator_port, watch_port = free_port(), free_port(), free_port()
    moto = f"http://127.0.0.1:{moto_port}"
    start([str(VENV_BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(moto_port)], log)
    start([str(TARGET / "exsync"), "emulator", "--port", str(emulator_port),
           "--client-id", "smoke-id", "--client-secret", "smoke-secret"], log)
    wait_for_port(moto_port, "moto")
    wait_for_port(emulator_port, "the emulator")
    emulator = f"http://127.0.0.1:{emulator_port}"

    aws = dict(endpoint_url=moto, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
    s3, sqs, secrets = boto3.client("s3", **aws), boto3.client("sqs", **aws), boto3.client("secretsmanager", **aws)
    kinesis = boto3.client("kinesis", **aws)
    for stream in ("connect-agent-events", "connect-ctr"):
        kinesis.create_stream(StreamName=stream, ShardCount=1)
    for bucket in ("inbound", "state"):
        s3.create_bucket(Bucket=bucket)
    arn = secrets.create_secret(Name="exsync/genesys",
                                SecretString=json.dumps({"clientId": "smoke-id", "clientSecret": "smoke-secret"}))["ARN"]
    # the example mapping with Connect's default status table beside its own (their states differ)
    mapping = json.loads((ROOT / "examples/mapping.json").read_text())
    connect_rules = json.loads((ROOT / "examples/connect/mapping.json").read_text())["agentState"]["rules"]
    mapping["agentState"]["rules"] += connect_rules
    s3.put_object(Bucket="state", Key="mapping.json", Body=json.dumps(mapping).encode())
    s3.put_object(Bucket="inbound", Key="config/snapshot.json", Body=(ROOT / "examples/config/initial.json").read_bytes())
    queue = sqs.create_queue(QueueName="agent-state.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]

    env_vars = ",".join([
        f"GENESYS_API_BASE={emulator}", f"GENESYS_LOGIN_BASE={emulator}", f"GENESYS_CLIENT_SECRET_ARN={arn}",
        "GENESYS_RATE_PER_MINUTE=60000", f"AWS_ENDPOINT_URL={moto}", "EXSYNC_S3_PATH_STYLE=true",
        "EXSYNC_STATE_URL=s3://state/exsync", "EXSYNC_MAPPING_URL=s3://state/mapping.json",
        "EXSYNC_CONFIG_URL=s3://inbound/config/snapshot.json", f"EXSYNC_UPLOAD_HOSTS=127.0.0.1:{emulator_port}",
        "AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test", "AWS_REGION=us-east-1"])
    start(["cargo", "lambda", "watch", "-A", "127.0.0.1", "-P", str(watch_port), "--ignore-changes", "--timeout", "300",
           "--env-var", env_vars], log)
    wait_for_port(watch_port, "cargo lambda watch")

    passed, failed = 0, 0

    def check(name, fn):
        nonlocal passed, failed
        try:
            fn()
            print(f"ok   {name}")
            passed += 1
        except Exception as e:  # noqa: BLE001 - every failure is reported and counted
            print(f"FAIL {name}: {e}")
            failed += 1

    def config_sync():
        # a local invocation has the runtime's default timeout (seconds): the initial sync may take
        # several invocations, each continuing where the last stopped, until one finds nothing to do
        scheduled = json.loads((ROOT / "tests/fixtures/events/config-sync-scheduled.json").read_text())
        for _ in range(20):
            run = invoke(watch_port, "config-sync", scheduled, workdir)["runs"][0]
            assert run["counts"]["failed"] == 0, run
            if run["status"] == "unchanged":
                break
        assert run["status"] == "unchanged", run
        state = admin(emulator, "state")
        assert sum(1 for u in state["users"] if u["email"].endswith("@example.com")) == 60, "60 users synced"

    def agent_state():
        first = json.loads((ROOT / "examples/config/initial.json").read_text())["users"][1]["id"]
        body = {"schema": "exsync.agent-state/v1", "eventId": "smoke-1", "agentId": first,
                "occurredAt": "2026-11-24T08:00:03.250Z", "state": "READY", "reason": None, "activity": "IDLE"}
        out = invoke(watch_port, "agent-state", sqs_event(queue_arn, [body], fifo_group=first), workdir)
        assert out == {"batchItemFailures": []}, out
        state = admin(emulator, "state")
        user = next(u for u in state["users"] if any(x["externalKey"] == first for x in u.get("externalIds", [])))
        assert user["routingStatusHistory"][-1]["status"] == "Idle", user["routingStatusHistory"]

    def interactions():
        call = json.loads(sorted((ROOT / "examples/interactions").glob("*.json"))[0].read_text())
        out = invoke(watch_port, "interactions", sqs_event(queue_arn.replace("agent-state.fifo", "interactions"), [call]), workdir)
        assert out == {"batchItemFailures": []}, out
        conversations = admin(emulator, "state")["conversations"]
        assert any(c.get("interactionId") == call["interactionId"] for c in conversations), "conversation built"

    def recordings():
        call = json.loads(sorted((ROOT / "examples/interactions").glob("*.json"))[0].read_text())
        wav = stereo_wav()
        key = f"recordings/{call['interactionId']}.wav"
        etag = s3.put_object(Bucket="inbound", Key=key, Body=wav)["ETag"].strip('"')
        out = invoke(watch_port, "recordings", s3_event("inbound", key, len(wav), etag), workdir)
        uploads = admin(emulator, "state")["uploads"]
        assert any(u.get("sizeBytes") == len(wav) for u in uploads), uploads

    def connect_agent_events():
        arn = "arn:aws:connect:us-east-1:123456789012:instance/i-smoke/agent/agent-1002"
        events = [
            connect_agent_event("e1", arn, "LOGIN", "2026-11-24T08:00:00.000Z", ("OFFLINE", "Offline")),
            connect_agent_event("e2", arn, "STATE_CHANGE", "2026-11-24T08:00:05.000Z", ("ROUTABLE", "Available")),
            connect_agent_event("e3", arn, "STATE_CHANGE", "2026-11-24T08:01:00.000Z", ("ROUTABLE", "Available"),
                                contacts=["CONNECTED"]),
        ]
        for event in events:
            kinesis.put_record(StreamName="connect-agent-events", PartitionKey=arn, Data=json.dumps(event).encode())
        batch = kinesis_batch(kinesis, "connect-agent-events")
        assert len(batch["Records"]) == 3, batch
        out = invoke(watch_port, "agent-state", batch, workdir)
        assert out == {"batchItemFailures": []}, out

        def user():
            state = admin(emulator, "state")
            return next(u for u in state["users"]
                        if any(x["externalKey"] == "agent-1002" for x in u.get("externalIds", [])))
        history = user()["routingStatusHistory"]
        assert history[-1]["status"] == "Interacting", history
        # Lambda redelivers the same batch after a timeout: nothing is sent twice
        before = len(history)
        out = invoke(watch_port, "agent-state", batch, workdir)
        assert out == {"batchItemFailures": []}, out
        assert len(user()["routingStatusHistory"]) == before, user()["routingStatusHistory"]

        # an unreadable record is the checkpoint: reported by sequence number, the records after it
        # are delivered again from there (as the event source mapping resumes)
        kinesis.put_record(StreamName="connect-agent-events", PartitionKey=arn, Data=b"{not json")
        kinesis.put_record(StreamName="connect-agent-events", PartitionKey=arn, Data=json.dumps(
            connect_agent_event("e4", arn, "STATE_CHANGE", "2026-11-24T08:05:00.000Z", ("CUSTOM", "Lunch"))).encode())
        last = batch["Records"][-1]["kinesis"]["sequenceNumber"]
        batch = kinesis_batch(kinesis, "connect-agent-events", after=last)
        bad = batch["Records"][0]["kinesis"]["sequenceNumber"]
        out = invoke(watch_port, "agent-state", batch, workdir)
        assert out == {"batchItemFailures": [{"itemIdentifier": bad}]}, out

    def connect_contact_records():
        ctr = (ROOT / "shared/tests/fixtures/connect/ctr/transfer-first.json").read_text()
        for connect_id, example_id in (("4f9c2a10-8d3e-4b71-a0c5-2e6f7a8b9c03", "agent-1003"),
                                       ("9e2d1c30-5a4b-4c6d-8e7f-0a1b2c3d4e01", "q-billing-de")):
            ctr = ctr.replace(connect_id, example_id)
        contact = json.loads(ctr)["ContactId"]
        kinesis.put_record(StreamName="connect-ctr", PartitionKey=contact, Data=ctr.encode())
        batch = kinesis_batch(kinesis, "connect-ctr")
        out = invoke(watch_port, "interactions", batch, workdir)
        assert out == {"batchItemFailures": []}, out
        conversations = admin(emulator, "state")["conversations"]
        assert any(c.get("interactionId") == contact for c in conversations), "conversation built from the CTR"

    check("config-sync: scheduled event reconciles the example org", config_sync)
    check("agent-state: FIFO SQS event becomes a routing-status event", agent_state)
    check("interactions: SQS event becomes a conversation", interactions)
    check("recordings: S3 event uploads the object's bytes", recordings)
    check("agent-state: Connect agent events from moto Kinesis, redelivered, then a bad record as checkpoint",
          connect_agent_events)
    check("interactions: a Connect contact trace record from moto Kinesis becomes a conversation",
          connect_contact_records)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    import urllib.parse  # noqa: E402 - used by s3_event
    try:
        code = main()
    finally:
        stop_all()
    sys.exit(code)
