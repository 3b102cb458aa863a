// The conformance test's reference client: publishes one message with the official AWS SDK for JavaScript
// (@aws-sdk/client-sns) to a capture endpoint, with the credentials, clock and message given on stdin as JSON:
// { endpoint, region, accessKeyId, secretAccessKey, sessionToken, epochMillis, topicArn, subject, message,
//   attributes: [[name, value], ...] }. Prints the MessageId the endpoint returned.
'use strict';
const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

async function main() {
  const input = JSON.parse(await readStdin());

  // A fixed clock: the signer reads the time through Date.
  const RealDate = Date;
  global.Date = class FixedDate extends RealDate {
    constructor(...args) { if (args.length === 0) { super(input.epochMillis); } else { super(...args); } }
    static now() { return input.epochMillis; }
  };

  const client = new SNSClient({
    region: input.region,
    endpoint: input.endpoint,
    maxAttempts: 1,
    credentials: {
      accessKeyId: input.accessKeyId,
      secretAccessKey: input.secretAccessKey,
      sessionToken: input.sessionToken,
    },
  });

  // The SDK adds telemetry headers (a random invocation id, attempt counter, SDK version) and signs whatever
  // headers are present. They are not part of the SNS protocol; removing them just before signing leaves the
  // protocol's own headers, so two clients' signatures can be compared.
  client.middlewareStack.addRelativeTo(
    (next) => async (args) => {
      for (const name of Object.keys(args.request.headers)) {
        if (['amz-sdk-invocation-id', 'amz-sdk-request', 'x-amz-user-agent', 'user-agent'].includes(name.toLowerCase())) {
          delete args.request.headers[name];
        }
      }
      return next(args);
    },
    { relation: 'before', toMiddleware: 'httpSigningMiddleware', name: 'stripTelemetryHeaders' });

  const attributes = {};
  for (const [name, value] of input.attributes) {
    attributes[name] = { DataType: 'String', StringValue: value };
  }

  const result = await client.send(new PublishCommand({
    TopicArn: input.topicArn,
    Subject: input.subject,
    Message: input.message,
    MessageStructure: 'json',
    MessageAttributes: attributes,
  }));
  process.stdout.write(result.MessageId + '\n');
}

main().catch((err) => { process.stderr.write(String(err && err.stack || err) + '\n'); process.exit(1); });
