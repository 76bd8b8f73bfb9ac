"""Lambda smoke tests: each function's real binary under `cargo lambda watch`, invoked with
`cargo lambda invoke --data-file` and real AWS event payloads, against moto (S3, SQS, Secrets
Manager) and the Genesys emulator on loopback.

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
    for bucket in ("inbound", "state"):
        s3.create_bucket(Bucket=bucket)
    arn = secrets.create_secret(Name="exsync/genesys",
                                SecretString=json.dumps({"clientId": "smoke-id", "clientSecret": "smoke-secret"}))["ARN"]
    s3.put_object(Bucket="state", Key="mapping.json", Body=(ROOT / "examples/mapping.json").read_bytes())
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

    check("config-sync: scheduled event reconciles the example org", config_sync)
    check("agent-state: FIFO SQS event becomes a routing-status event", agent_state)
    check("interactions: SQS event becomes a conversation", interactions)
    check("recordings: S3 event uploads the object's bytes", recordings)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    import urllib.parse  # noqa: E402 - used by s3_event
    try:
        code = main()
    finally:
        stop_all()
    sys.exit(code)
