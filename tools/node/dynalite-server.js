// Starts dynalite on a loopback port and prints {"port":N} on one line.
// Usage: node dynalite-server.js [--port N] [--path DIR]
//   --port N   listen on N (default: a port the OS picks; the fault tests restart a server on the port it had)
//   --path DIR keep the tables in a LevelDB store under DIR (default: in memory), so a restarted server has the data
// The CLI's --port 0 falls back to 4567 (0 is falsy there), so tests use this launcher instead.
// It exits when its stdin closes, so a test run that dies never leaves a server behind.
'use strict';
const dynalite = require('dynalite');

function arg(name) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : undefined;
}

const port = Number(arg('--port') || 0);
const path = arg('--path');
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path });
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
const stop = () => server.close(() => process.exit(0));
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
