// The ingest benchmark's peer: POST /api/v1/ratings as a typical Node.js
// service would write it, on Express and better-sqlite3, with the same
// durability as Yeyou (WAL, synchronous=FULL: an acknowledged rating is on
// disk). It checks the bearer token against the kiosks table, validates the
// rating's fields, stores it idempotently by its id and answers 201 (200 for
// a repeat). No cases, statistics or contact sealing: less work than Yeyou.
// Usage: node server.js DB PORT
'use strict';
const express = require('express');
const Database = require('better-sqlite3');

const [dbPath, port] = process.argv.slice(2);
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
db.exec(`CREATE TABLE IF NOT EXISTS peer_ratings (
  id TEXT PRIMARY KEY, kiosk TEXT NOT NULL, subject_kind TEXT NOT NULL, subject_id TEXT NOT NULL,
  level INTEGER NOT NULL, body TEXT NOT NULL, received_at TEXT NOT NULL)`);
const tokens = new Set(process.env.YEYOU_TOKENS ? process.env.YEYOU_TOKENS.split(',') : []);
const insert = db.prepare(`INSERT OR IGNORE INTO peer_ratings (id, kiosk, subject_kind, subject_id, level, body, received_at)
  VALUES (?, ?, ?, ?, ?, ?, ?)`);
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const app = express();
app.use(express.json({ limit: '64kb' }));
app.post('/api/v1/:kind(ratings|complaints)', (req, res) => {
  const auth = req.get('authorization') || '';
  const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
  if (!tokens.has(token)) return res.status(401).json({ error: { code: 'unauthorized' } });
  const r = req.body || {};
  const errors = {};
  if (typeof r.id !== 'string' || !uuid.test(r.id)) errors.id = 'must be a UUID';
  if (!r.subject || typeof r.subject.kind !== 'string' || typeof r.subject.id !== 'string') errors.subject = 'is required';
  const level = req.params.kind === 'ratings' ? r.level : 3;
  if (!Number.isInteger(level) || level < 1 || level > 5) errors.level = 'must be 1..5';
  if (Object.keys(errors).length) return res.status(400).json({ error: { code: 'validation_failed', fields: errors } });
  const info = insert.run(r.id, token.slice(0, 8), r.subject.kind, r.subject.id, level, JSON.stringify(r),
                          new Date().toISOString());
  res.status(info.changes ? 201 : 200).json({ ...r, received_at: new Date().toISOString() });
});
app.get('/api/v1/health', (req, res) => res.json({ status: 'ok' }));
app.listen(Number(port), '127.0.0.1', () => console.error(`peer listening on ${port}`));
