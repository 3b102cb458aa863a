// Starts fauxqs (an SQS emulator speaking the JSON protocol the AWS SDKs use) on a loopback port the OS picks and
// prints {"port":N} on one line. fauxqs' own startFauxqs() listens on every interface, so this builds its app and
// listens on 127.0.0.1 only. It exits when its stdin closes, so a test run that dies never leaves a server behind.
'use strict';

async function main() {
  const { buildApp } = await import('fauxqs');
  const app = buildApp({ logger: false, host: '127.0.0.1' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(JSON.stringify({ port: app.server.address().port }) + '\n');
  const stop = () => app.close().then(() => process.exit(0));
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
}

main().catch((err) => { process.stderr.write(String(err && err.stack || err) + '\n'); process.exit(1); });
