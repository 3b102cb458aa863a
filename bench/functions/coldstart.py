#!/usr/bin/env python3
"""Cold start, memory and package size of the Lambda bootstrap (issue 4 figures).

Runs the published Native AOT `bootstrap` and the same code on the JIT (`dotnet bootstrap.dll`) against a local
Lambda Runtime API emulator, dynalite (DynamoDB) and an SNS capture server, and reports medians of:
  - exec -> first `next` request (the runtime is ready),
  - exec -> first alert published to SNS (one alerting event, through ledger claim, publish and confirm);
then the peak RSS of the AOT bootstrap after 1,000 events, and the zipped deployable size.

Usage: bench/functions/coldstart.py [--runs 20] [--events 1000]
Needs: scripts/publish-functions.sh output (run here), tools/node installed (./test.sh or tools/setup.sh), zip.
"""
import argparse, glob, http.server, json, os, queue, shutil, socketserver, statistics, subprocess, sys, tempfile, threading, time, uuid

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TOPIC = "arn:aws:sns:us-east-1:111122223333:guard-alerts-bench"


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def start(handler_cls):
    server = Server(("127.0.0.1", 0), handler_cls)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class Sns(http.server.BaseHTTPRequestHandler):
    published = queue.Queue()
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Sns.published.put(time.perf_counter())
        body = b'<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m</MessageId></PublishResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>'
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def runtime_handler(events, first_next, done):
    class Runtime(http.server.BaseHTTPRequestHandler):
        # Keep-alive, as Lambda's Runtime API: HTTP/1.0 closes each connection and races the client's reuse of it.
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            first_next.put(time.perf_counter())
            request_id, payload = events.get()
            self.send_response(200)
            self.send_header("Lambda-Runtime-Aws-Request-Id", request_id)
            self.send_header("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 60000))
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(202)
            self.send_header("Content-Length", "0")
            self.end_headers()
            done.put((self.path, body))

        def log_message(self, *args):
            pass

    return Runtime


def alerting_event(hour):
    with open(os.path.join(ROOT, "events", "cloudtrail", "StopLogging.json")) as f:
        event = json.load(f)
    stamp = time.strftime("%Y-%m-%dT%H:00:00Z", time.gmtime(1_700_000_000 + hour * 3600))
    event["id"] = str(uuid.uuid4())
    event["detail"]["eventID"] = str(uuid.uuid4())
    event["time"] = event["detail"]["eventTime"] = stamp
    return json.dumps(event).encode()


def environment(runtime_port, sns_port, dynalite_url, table, handler="cloudtrail"):
    return {
        "PATH": os.environ["PATH"], "HOME": tempfile.gettempdir(),
        "DOTNET_ROOT": os.environ.get("DOTNET_ROOT", "/usr/share/dotnet"),
        "AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{runtime_port}", "_HANDLER": handler,
        "GUARDALERTS_TABLE": table, "GUARDALERTS_TOPIC_ARN": TOPIC, "AWS_REGION": "us-east-1",
        # The policy layer's files; the bootstrap embeds no policy of its own.
        "GUARDALERTS_POLICY_DIR": os.path.join(ROOT, "config"),
        "AWS_ACCESS_KEY_ID": "AKIDLOCAL", "AWS_SECRET_ACCESS_KEY": "local-secret",
        "AWS_ENDPOINT_URL_DYNAMODB": dynalite_url, "AWS_ENDPOINT_URL_SNS": f"http://127.0.0.1:{sns_port}/",
        "AWS_EC2_METADATA_DISABLED": "true",
    }


def one_run(command, env_base, hour):
    events, first_next, done = queue.Queue(), queue.Queue(), queue.Queue()
    runtime = start(runtime_handler(events, first_next, done))
    env = dict(env_base, AWS_LAMBDA_RUNTIME_API=f"127.0.0.1:{runtime.server_address[1]}")
    while not Sns.published.empty():
        Sns.published.get()
    events.put(("req-1", alerting_event(hour)))
    t0 = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        t_next = first_next.get(timeout=60)
        t_alert = Sns.published.get(timeout=60)
        path, body = done.get(timeout=60)
        if not path.endswith("/response") or b'"alert"' not in body:
            raise RuntimeError(f"unexpected result {path} {body[:200]}")
    finally:
        process.kill()
        process.wait()
        runtime.shutdown()
    return (t_next - t0) * 1000, (t_alert - t0) * 1000


def peak_rss(command, env_base, count):
    events, first_next, done = queue.Queue(), queue.Queue(), queue.Queue()
    runtime = start(runtime_handler(events, first_next, done))
    env = dict(env_base, AWS_LAMBDA_RUNTIME_API=f"127.0.0.1:{runtime.server_address[1]}")
    samples = []
    for file in sorted(glob.glob(os.path.join(ROOT, "events", "cloudtrail", "*.json"))):
        with open(file) as f:
            data = json.load(f)
        samples.extend(data if isinstance(data, list) else [data])
    log = open(os.path.join(tempfile.gettempdir(), "guard-alerts-bench-rss.log"), "w")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=log)
    try:
        for i in range(count):
            event = json.loads(json.dumps(samples[i % len(samples)]))
            event["id"] = str(uuid.uuid4())
            event["detail"]["eventID"] = str(uuid.uuid4())
            events.put((f"req-{i}", json.dumps(event).encode()))
            try:
                done.get(timeout=60)
            except queue.Empty:
                raise RuntimeError(f"no answer to event {i} ({event['detail'].get('eventName')}); bootstrap exit code {process.poll()}")
        with open(f"/proc/{process.pid}/status") as f:
            status = dict(line.split(":", 1) for line in f if ":" in line)
        return int(status["VmHWM"].split()[0]) / 1024, int(status["VmRSS"].split()[0]) / 1024
    finally:
        process.kill()
        process.wait()
        runtime.shutdown()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--events", type=int, default=1000)
    args = parser.parse_args()

    package = os.path.join(ROOT, "artifacts", "bench-functions")
    subprocess.run([os.path.join(ROOT, "scripts", "publish-functions.sh"), package], check=True, stdout=subprocess.DEVNULL)
    jit = os.path.join(ROOT, "artifacts", "bench-functions-jit")
    subprocess.run(["dotnet", "publish", os.path.join(ROOT, "src", "GuardAlerts.Functions"), "-c", "Release", "-p:PublishAot=false",
                    "-o", jit, "--nologo", "-v", "quiet"], check=True, stdout=subprocess.DEVNULL)

    dynalite = subprocess.Popen(["node", "dynalite-server.js"], cwd=os.path.join(ROOT, "tools", "node"), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    dynalite_url = f"http://127.0.0.1:{json.loads(dynalite.stdout.readline())['port']}"
    sns = start(Sns)
    table = "bench-" + uuid.uuid4().hex[:8]
    env = environment(0, sns.server_address[1], dynalite_url, table)
    empty = tempfile.mkdtemp()
    subprocess.run(["dotnet", "run", "--project", os.path.join(ROOT, "src", "GuardAlerts.Cli"), "-c", "Release", "--", "replay", empty,
                    "--table", table, "--topic-arn", TOPIC, "--create-table"], env=dict(os.environ, **env), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    results = {}
    hour = 0
    for name, command in (("aot", [os.path.join(package, "bootstrap")]), ("jit", ["dotnet", os.path.join(jit, "bootstrap.dll")])):
        first, alert = [], []
        for _ in range(args.runs):
            hour += 1
            n, a = one_run(command, env, hour)
            first.append(n)
            alert.append(a)
        results[name] = (statistics.median(first), statistics.median(alert))
        print(f"{name}: exec->first next median {results[name][0]:.1f} ms (min {min(first):.1f}, max {max(first):.1f}); "
              f"exec->first alert median {results[name][1]:.1f} ms (min {min(alert):.1f}, max {max(alert):.1f}); runs {args.runs}")
    print(f"JIT/AOT: first next {results['jit'][0] / results['aot'][0]:.1f}x, first alert {results['jit'][1] / results['aot'][1]:.1f}x")

    hwm, rss = peak_rss([os.path.join(package, "bootstrap")], env, args.events)
    print(f"aot: peak RSS after {args.events} events {hwm:.1f} MB (current {rss:.1f} MB)")

    archive = shutil.make_archive(os.path.join(tempfile.mkdtemp(), "functions"), "zip", package)
    print(f"deployable: bootstrap {os.path.getsize(os.path.join(package, 'bootstrap')) / 1e6:.1f} MB, zipped {os.path.getsize(archive) / 1e6:.2f} MB")
    dynalite.stdin.close()
    dynalite.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
