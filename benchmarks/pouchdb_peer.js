// The peer for bench_sync.py: PouchDB replicating the same documents to an express-pouchdb server
// on this machine, timed the same way (push 10,000 ~4 KB documents, then pull them to a fresh db).
// Usage: node pouchdb_peer.js COUNT FOLDER   (prints one JSON line of seconds)
const path = require("path");
const express = require("express");
const PouchDB = require("pouchdb");

async function main() {
  const count = Number(process.argv[2]);
  const folder = process.argv[3];
  const ServerDB = PouchDB.defaults({ prefix: path.join(folder, "server-") });
  const app = express();
  app.use("/", require("express-pouchdb")(ServerDB, { logPath: path.join(folder, "log.txt") }));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const remote = `http://127.0.0.1:${server.address().port}/visits`;

  const note = "Ada showed me her room and talked about school. ".repeat(90).slice(0, 4096);
  const local = new PouchDB(path.join(folder, "laptop"));
  const docs = [];
  for (let n = 0; n < count; n++) docs.push({ _id: `visit-${n}`, child_id: `child-${n % 60}`, what_i_saw: `${note} visit${n}` });
  for (let n = 0; n < docs.length; n += 1000) await local.bulkDocs(docs.slice(n, n + 1000));

  let start = process.hrtime.bigint();
  await local.replicate.to(remote, { batch_size: 500 });
  const push = Number(process.hrtime.bigint() - start) / 1e9;

  const fresh = new PouchDB(path.join(folder, "fresh-laptop"));
  start = process.hrtime.bigint();
  await fresh.replicate.from(remote, { batch_size: 500 });
  const pull = Number(process.hrtime.bigint() - start) / 1e9;
  const info = await fresh.info();
  console.log(JSON.stringify({ push, pull, pulled: info.doc_count }));
  server.close();
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
