// Starts dynalite in memory on a loopback port chosen by the OS and prints {"port":N} on one line.
// The CLI's --port 0 falls back to 4567 (0 is falsy there), so tests use this launcher instead.
// It exits when its stdin closes, so a test run that dies never leaves a server behind.
'use strict';
const dynalite = require('dynalite');

const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
const stop = () => server.close(() => process.exit(0));
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
