/* Numbered schema migrations of the SQLite backend. Append only: never edit a
 * migration that has shipped; add the next number. The version is kept in
 * PRAGMA user_version and each step is recorded in schema_migration. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/xalloc.h"
#include "store/sqlite/internal.h"
#include "store/sqlite/search_sql.h"

static const char *const migrations[] = {
	/* 1: reference data */
	"CREATE TABLE meta (\n"
	"  key TEXT PRIMARY KEY,\n"
	"  value TEXT NOT NULL\n"
	") STRICT;\n"
	"CREATE TABLE schema_migration (\n"
	"  version INTEGER PRIMARY KEY,\n"
	"  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))\n"
	") STRICT;\n"
	"CREATE TABLE region (\n"
	"  code TEXT PRIMARY KEY CHECK (length(code) = 3),\n"
	"  level TEXT NOT NULL CHECK (level IN ('world', 'region', 'subregion', 'intermediate')),\n"
	"  parent TEXT REFERENCES region(code),\n"
	"  name_ar TEXT NOT NULL, name_zh TEXT NOT NULL, name_en TEXT NOT NULL,\n"
	"  name_fr TEXT NOT NULL, name_ru TEXT NOT NULL, name_es TEXT NOT NULL\n"
	") STRICT;\n"
	"CREATE TABLE country (\n"
	"  alpha2 TEXT PRIMARY KEY CHECK (length(alpha2) = 2),\n"
	"  alpha3 TEXT NOT NULL UNIQUE CHECK (length(alpha3) = 3),\n"
	"  numeric TEXT NOT NULL UNIQUE CHECK (length(numeric) = 3),\n"
	"  official_name TEXT,\n"
	"  name_ar TEXT NOT NULL, name_zh TEXT NOT NULL, name_en TEXT NOT NULL,\n"
	"  name_fr TEXT NOT NULL, name_ru TEXT NOT NULL, name_es TEXT NOT NULL,\n"
	"  region TEXT REFERENCES region(code),\n"
	"  subregion TEXT REFERENCES region(code),\n"
	"  intermediate TEXT REFERENCES region(code)\n"
	") STRICT;\n"
	"CREATE INDEX country_region ON country(region);\n"
	"CREATE INDEX country_subregion ON country(subregion);\n"
	"CREATE INDEX country_intermediate ON country(intermediate);\n"
	"CREATE TABLE instrument (\n"
	"  id TEXT PRIMARY KEY,\n"
	"  short_name TEXT NOT NULL,\n"
	"  title TEXT NOT NULL,\n"
	"  adopted TEXT NOT NULL,\n"
	"  work_uri TEXT NOT NULL,\n"
	"  article_count INTEGER NOT NULL\n"
	") STRICT;\n"
	"CREATE TABLE chapter (\n"
	"  instrument TEXT NOT NULL REFERENCES instrument(id),\n"
	"  code TEXT NOT NULL,\n"
	"  parent TEXT,\n"
	"  ordinal INTEGER NOT NULL,\n"
	"  title TEXT NOT NULL,\n"
	"  PRIMARY KEY (instrument, code)\n"
	") STRICT;\n"
	"CREATE TABLE article (\n"
	"  instrument TEXT NOT NULL REFERENCES instrument(id),\n"
	"  number INTEGER NOT NULL CHECK (number > 0),\n"
	"  title TEXT NOT NULL,\n"
	"  chapter TEXT NOT NULL,\n"
	"  category TEXT NOT NULL CHECK (category IN ('definitions', 'criminalization',\n"
	"    'liability', 'jurisdiction', 'procedural', 'safeguards', 'cooperation',\n"
	"    'assistance', 'prevention', 'final')),\n"
	"  PRIMARY KEY (instrument, number),\n"
	"  FOREIGN KEY (instrument, chapter) REFERENCES chapter(instrument, code)\n"
	") STRICT;\n"
	"CREATE TABLE crosswalk (\n"
	"  ordinal INTEGER PRIMARY KEY,\n"
	"  topic TEXT NOT NULL,\n"
	"  a_instrument TEXT NOT NULL REFERENCES instrument(id),\n"
	"  a_number INTEGER,\n"
	"  b_instrument TEXT NOT NULL REFERENCES instrument(id),\n"
	"  b_number INTEGER,\n"
	"  relation TEXT NOT NULL CHECK (relation IN ('equivalent', 'related')),\n"
	"  FOREIGN KEY (a_instrument, a_number) REFERENCES article(instrument, number),\n"
	"  FOREIGN KEY (b_instrument, b_number) REFERENCES article(instrument, number),\n"
	"  CHECK (a_number IS NOT NULL OR b_number IS NOT NULL)\n"
	") STRICT;\n"
	"CREATE INDEX crosswalk_a ON crosswalk(a_instrument, a_number);\n"
	"CREATE INDEX crosswalk_b ON crosswalk(b_instrument, b_number);\n",

	/* 2: the repository: records, legislation, case law, lessons, mappings */
	"CREATE TABLE record (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('legislation', 'case', 'lesson')),\n"
	"  country TEXT REFERENCES country(alpha2),\n"
	"  region TEXT REFERENCES region(code),\n"
	"  language TEXT NOT NULL,\n"
	"  title TEXT NOT NULL,\n"
	"  source_url TEXT,\n"
	"  status TEXT NOT NULL DEFAULT 'draft'\n"
	"    CHECK (status IN ('draft', 'submitted', 'published', 'withdrawn')),\n"
	"  tlp TEXT NOT NULL DEFAULT 'CLEAR'\n"
	"    CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),\n"
	"  revision INTEGER NOT NULL DEFAULT 1,\n"
	"  created_at TEXT NOT NULL, created_by TEXT NOT NULL,\n"
	"  changed_at TEXT NOT NULL, changed_by TEXT NOT NULL\n"
	") STRICT;\n"
	"CREATE INDEX record_kind_country ON record(kind, country, status);\n"
	"CREATE INDEX record_status ON record(status, changed_at);\n"
	"CREATE INDEX record_tlp ON record(tlp);\n"
	"CREATE TABLE record_revision (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  record_id INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,\n"
	"  revision INTEGER NOT NULL,\n"
	"  status TEXT NOT NULL,\n"
	"  snapshot TEXT NOT NULL,\n"
	"  changed_at TEXT NOT NULL, changed_by TEXT NOT NULL,\n"
	"  note TEXT\n"
	") STRICT;\n"
	"CREATE INDEX record_revision_record ON record_revision(record_id, id);\n"
	"CREATE TABLE work (\n"
	"  record_id INTEGER PRIMARY KEY REFERENCES record(id) ON DELETE CASCADE,\n"
	"  uri TEXT NOT NULL UNIQUE,\n"
	"  type TEXT NOT NULL,\n"
	"  subtype TEXT, number TEXT, date TEXT\n"
	") STRICT;\n"
	"CREATE TABLE expression (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  work_id INTEGER NOT NULL REFERENCES work(record_id) ON DELETE CASCADE,\n"
	"  language TEXT NOT NULL,\n"
	"  date TEXT NOT NULL,\n"
	"  status TEXT NOT NULL DEFAULT 'in_force'\n"
	"    CHECK (status IN ('in_force', 'amended', 'repealed')),\n"
	"  title TEXT,\n"
	"  UNIQUE (work_id, language, date)\n"
	") STRICT;\n"
	"CREATE TABLE provision (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  expression_id INTEGER NOT NULL REFERENCES expression(id) ON DELETE CASCADE,\n"
	"  parent_id INTEGER REFERENCES provision(id) ON DELETE CASCADE,\n"
	"  ordinal INTEGER NOT NULL,\n"
	"  depth INTEGER NOT NULL,\n"
	"  eid TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL,\n"
	"  num TEXT, heading TEXT, text TEXT,\n"
	"  UNIQUE (expression_id, eid)\n"
	") STRICT;\n"
	"CREATE INDEX provision_order ON provision(expression_id, ordinal);\n"
	"CREATE INDEX provision_parent ON provision(parent_id);\n"
	"CREATE TABLE caselaw (\n"
	"  record_id INTEGER PRIMARY KEY REFERENCES record(id) ON DELETE CASCADE,\n"
	"  court TEXT, decided TEXT, citation TEXT, parties TEXT, summary TEXT,\n"
	"  facts TEXT, outcome TEXT, evidence_issues TEXT, keywords TEXT,\n"
	"  work_uri TEXT\n"
	") STRICT;\n"
	"CREATE TABLE case_provision (\n"
	"  case_id INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,\n"
	"  work_uri TEXT NOT NULL,\n"
	"  eid TEXT NOT NULL,\n"
	"  PRIMARY KEY (case_id, work_uri, eid)\n"
	") STRICT;\n"
	"CREATE INDEX case_provision_work ON case_provision(work_uri, eid);\n"
	"CREATE TABLE lesson (\n"
	"  record_id INTEGER PRIMARY KEY REFERENCES record(id) ON DELETE CASCADE,\n"
	"  topic TEXT, body TEXT NOT NULL, date TEXT\n"
	") STRICT;\n"
	"CREATE TABLE mapping (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  work_id INTEGER NOT NULL REFERENCES work(record_id) ON DELETE CASCADE,\n"
	"  eid TEXT NOT NULL,\n"
	"  instrument TEXT NOT NULL,\n"
	"  article INTEGER NOT NULL,\n"
	"  state TEXT NOT NULL CHECK (state IN ('suggested', 'accepted', 'rejected')),\n"
	"  extent TEXT CHECK (extent IN ('full', 'partial')),\n"
	"  score REAL, reason TEXT, comment TEXT,\n"
	"  changed_at TEXT NOT NULL, changed_by TEXT NOT NULL,\n"
	"  UNIQUE (work_id, eid, instrument, article),\n"
	"  FOREIGN KEY (instrument, article) REFERENCES article(instrument, number),\n"
	"  CHECK ((state = 'accepted') = (extent IS NOT NULL))\n"
	") STRICT;\n"
	"CREATE INDEX mapping_article ON mapping(instrument, article, state);\n",

	/* 3: full-text search over provisions, cases and lessons, kept in step by
	 * triggers in the same transaction as every change. A provision's row id is
	 * its own id; a case's or lesson's is minus its record id. */
	"CREATE VIRTUAL TABLE search USING fts5(\n"
	"  title, heading, body,\n"
	"  record_id UNINDEXED, expression_id UNINDEXED, eid UNINDEXED,\n"
	"  tokenize = 'unicode61 remove_diacritics 2'\n"
	");\n"
	"CREATE TRIGGER search_provision_ai AFTER INSERT ON provision BEGIN\n"
	"  INSERT INTO search(rowid, title, heading, body, record_id, expression_id, eid)\n"
	"  SELECT NEW.id, coalesce(x.title, r.title),\n"
	"         trim(coalesce(NEW.num, '') || ' ' || coalesce(NEW.heading, '')),\n"
	"         NEW.text, x.work_id, NEW.expression_id, NEW.eid\n"
	"  FROM expression x JOIN record r ON r.id = x.work_id WHERE x.id = NEW.expression_id;\n"
	"END;\n"
	"CREATE TRIGGER search_provision_ad AFTER DELETE ON provision BEGIN\n"
	"  DELETE FROM search WHERE rowid = OLD.id;\n"
	"END;\n"
	"CREATE TRIGGER search_case_ai AFTER INSERT ON caselaw BEGIN\n"
	"  INSERT INTO search(rowid, title, heading, body, record_id, expression_id, eid)\n"
	"  SELECT -NEW.record_id, r.title, trim(coalesce(NEW.court, '') || ' ' || coalesce(NEW.citation, '') || ' ' || coalesce(NEW.parties, '')),\n"
	"         coalesce(NEW.summary, '') || char(10, 10) || coalesce(NEW.facts, '') ||\n"
	"         char(10, 10) || coalesce(NEW.outcome, '') || char(10, 10) ||\n"
	"         coalesce(NEW.evidence_issues, '') || char(10, 10) || coalesce(NEW.keywords, ''), NEW.record_id, NULL, NULL\n"
	"  FROM record r WHERE r.id = NEW.record_id;\n"
	"END;\n"
	"CREATE TRIGGER search_case_au AFTER UPDATE ON caselaw BEGIN\n"
	"  DELETE FROM search WHERE rowid = -OLD.record_id;\n"
	"  INSERT INTO search(rowid, title, heading, body, record_id, expression_id, eid)\n"
	"  SELECT -NEW.record_id, r.title, trim(coalesce(NEW.court, '') || ' ' || coalesce(NEW.citation, '') || ' ' || coalesce(NEW.parties, '')),\n"
	"         coalesce(NEW.summary, '') || char(10, 10) || coalesce(NEW.facts, '') ||\n"
	"         char(10, 10) || coalesce(NEW.outcome, '') || char(10, 10) ||\n"
	"         coalesce(NEW.evidence_issues, '') || char(10, 10) || coalesce(NEW.keywords, ''), NEW.record_id, NULL, NULL\n"
	"  FROM record r WHERE r.id = NEW.record_id;\n"
	"END;\n"
	"CREATE TRIGGER search_case_ad AFTER DELETE ON caselaw BEGIN\n"
	"  DELETE FROM search WHERE rowid = -OLD.record_id;\n"
	"END;\n"
	"CREATE TRIGGER search_lesson_ai AFTER INSERT ON lesson BEGIN\n"
	"  INSERT INTO search(rowid, title, heading, body, record_id, expression_id, eid)\n"
	"  SELECT -NEW.record_id, r.title, NEW.topic, NEW.body, NEW.record_id, NULL, NULL\n"
	"  FROM record r WHERE r.id = NEW.record_id;\n"
	"END;\n"
	"CREATE TRIGGER search_lesson_au AFTER UPDATE ON lesson BEGIN\n"
	"  DELETE FROM search WHERE rowid = -OLD.record_id;\n"
	"  INSERT INTO search(rowid, title, heading, body, record_id, expression_id, eid)\n"
	"  SELECT -NEW.record_id, r.title, NEW.topic, NEW.body, NEW.record_id, NULL, NULL\n"
	"  FROM record r WHERE r.id = NEW.record_id;\n"
	"END;\n"
	"CREATE TRIGGER search_lesson_ad AFTER DELETE ON lesson BEGIN\n"
	"  DELETE FROM search WHERE rowid = -OLD.record_id;\n"
	"END;\n"
	/* a case's or lesson's title lives in record */
	"CREATE TRIGGER search_record_title AFTER UPDATE OF title ON record\n"
	"WHEN OLD.title IS NOT NEW.title AND NEW.kind <> 'legislation' BEGIN\n"
	"  UPDATE search SET title = NEW.title WHERE rowid = -NEW.id;\n"
	"END;\n"
	/* what was stored before this migration */
	"INSERT INTO search(rowid, title, heading, body, record_id, expression_id, eid)\n"
	"  SELECT v.id, coalesce(x.title, r.title),\n"
	"         trim(coalesce(v.num, '') || ' ' || coalesce(v.heading, '')), v.text,\n"
	"         x.work_id, v.expression_id, v.eid\n"
	"  FROM provision v JOIN expression x ON x.id = v.expression_id\n"
	"  JOIN record r ON r.id = x.work_id;\n"
	"INSERT INTO search(rowid, title, heading, body, record_id, expression_id, eid)\n"
	"  SELECT -c.record_id, r.title, trim(coalesce(c.court, '') || ' ' || coalesce(c.citation, '') || ' ' || coalesce(c.parties, '')),\n"
	"         coalesce(c.summary, '') || char(10, 10) || coalesce(c.facts, '') ||\n"
	"         char(10, 10) || coalesce(c.outcome, '') || char(10, 10) ||\n"
	"         coalesce(c.evidence_issues, '') || char(10, 10) || coalesce(c.keywords, ''), c.record_id, NULL, NULL\n"
	"  FROM caselaw c JOIN record r ON r.id = c.record_id;\n"
	"INSERT INTO search(rowid, title, heading, body, record_id, expression_id, eid)\n"
	"  SELECT -l.record_id, r.title, l.topic, l.body, l.record_id, NULL, NULL\n"
	"  FROM lesson l JOIN record r ON r.id = l.record_id;\n",
	/* 4: the search index again, with ccrepo's tokenizer (stems, Chinese pairs; see
	 * fts.c), filter tags, a table of facts for facets, and only the current
	 * version of each law (see search_sql.h) */
	"DROP TRIGGER search_provision_ai;\n"
	"DROP TRIGGER search_provision_ad;\n"
	"DROP TRIGGER search_case_ai;\n"
	"DROP TRIGGER search_case_au;\n"
	"DROP TRIGGER search_case_ad;\n"
	"DROP TRIGGER search_lesson_ai;\n"
	"DROP TRIGGER search_lesson_au;\n"
	"DROP TRIGGER search_lesson_ad;\n"
	"DROP TRIGGER search_record_title;\n"
	"DROP TABLE search;\n"
	"CREATE VIEW search_source_provision AS " SEARCH_SOURCE_PROVISION_V4 ";\n"
	"CREATE VIEW search_source_case AS " SEARCH_SOURCE_CASE_V4 ";\n"
	"CREATE VIEW search_source_lesson AS " SEARCH_SOURCE_LESSON_V4 ";\n"
	"CREATE TABLE search_doc (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  record_id INTEGER NOT NULL,\n"
	"  eid TEXT,\n"
	"  kind TEXT NOT NULL,\n"
	"  country TEXT, region TEXT,\n"
	"  language TEXT NOT NULL,\n"
	"  year INTEGER,\n"
	"  articles TEXT\n"
	") STRICT;\n"
	"CREATE INDEX search_doc_record ON search_doc(record_id, eid);\n"
	"CREATE INDEX search_doc_year ON search_doc(year);\n"
	"CREATE VIRTUAL TABLE search USING fts5(lang, title, heading, body, tags,\n"
	"  tokenize = 'ccrepo');\n"
	/* rows changed by each generation of the index (facets.c) */
	"CREATE TABLE search_changed (\n"
	"  generation INTEGER NOT NULL,\n"
	"  id INTEGER NOT NULL\n"
	") STRICT;\n"
	"CREATE INDEX search_changed_generation ON search_changed(generation);\n"
	/* what to index again before the transaction commits (see search_sql.h) */
	"CREATE TABLE search_queue (\n"
	"  record_id INTEGER,\n"
	"  provision_id INTEGER,\n"
	"  CHECK ((record_id IS NULL) <> (provision_id IS NULL))\n"
	") STRICT;\n"
	"CREATE TRIGGER search_provision_ai AFTER INSERT ON provision BEGIN\n"
	"  INSERT INTO search_queue(provision_id) VALUES (NEW.id);\n"
	"END;\n"
	"CREATE TRIGGER search_provision_au AFTER UPDATE ON provision BEGIN\n"
	"  INSERT INTO search_queue(provision_id) VALUES (OLD.id), (NEW.id);\n"
	"END;\n"
	"CREATE TRIGGER search_provision_ad AFTER DELETE ON provision BEGIN\n"
	"  INSERT INTO search_queue(provision_id) VALUES (OLD.id);\n"
	"END;\n"
	/* a newer version of a law in a language takes the older one's place */
	"CREATE TRIGGER search_expression_ai AFTER INSERT ON expression BEGIN\n"
	"  INSERT INTO search_queue(record_id) VALUES (NEW.work_id);\n"
	"END;\n"
	"CREATE TRIGGER search_expression_au AFTER UPDATE OF date, language, title ON expression\n"
	"WHEN OLD.date IS NOT NEW.date OR OLD.language IS NOT NEW.language\n"
	"  OR OLD.title IS NOT NEW.title BEGIN\n"
	"  INSERT INTO search_queue(record_id) VALUES (NEW.work_id);\n"
	"END;\n"
	"CREATE TRIGGER search_expression_ad AFTER DELETE ON expression BEGIN\n"
	"  INSERT INTO search_queue(record_id) VALUES (OLD.work_id);\n"
	"END;\n"
	"CREATE TRIGGER search_record_au AFTER UPDATE OF title, status, tlp, country, region,\n"
	"  language ON record\n"
	"WHEN OLD.title IS NOT NEW.title OR OLD.status IS NOT NEW.status\n"
	"  OR OLD.tlp IS NOT NEW.tlp OR OLD.country IS NOT NEW.country\n"
	"  OR OLD.region IS NOT NEW.region OR OLD.language IS NOT NEW.language BEGIN\n"
	"  INSERT INTO search_queue(record_id) VALUES (NEW.id);\n"
	"END;\n"
	"CREATE TRIGGER search_record_ad AFTER DELETE ON record BEGIN\n"
	"  INSERT INTO search_queue(record_id) VALUES (OLD.id);\n"
	"END;\n"
	"CREATE TRIGGER search_work_au AFTER UPDATE OF date ON work\n"
	"WHEN OLD.date IS NOT NEW.date BEGIN\n"
	"  INSERT INTO search_queue(record_id) VALUES (NEW.record_id);\n"
	"END;\n"
	"CREATE TRIGGER search_case_ai AFTER INSERT ON caselaw BEGIN\n"
	"  INSERT INTO search_queue(record_id) VALUES (NEW.record_id);\n"
	"END;\n"
	"CREATE TRIGGER search_case_au AFTER UPDATE ON caselaw BEGIN\n"
	"  INSERT INTO search_queue(record_id) VALUES (NEW.record_id);\n"
	"END;\n"
	"CREATE TRIGGER search_case_ad AFTER DELETE ON caselaw BEGIN\n"
	"  INSERT INTO search_queue(record_id) VALUES (OLD.record_id);\n"
	"END;\n"
	"CREATE TRIGGER search_lesson_ai AFTER INSERT ON lesson BEGIN\n"
	"  INSERT INTO search_queue(record_id) VALUES (NEW.record_id);\n"
	"END;\n"
	"CREATE TRIGGER search_lesson_au AFTER UPDATE ON lesson BEGIN\n"
	"  INSERT INTO search_queue(record_id) VALUES (NEW.record_id);\n"
	"END;\n"
	"CREATE TRIGGER search_lesson_ad AFTER DELETE ON lesson BEGIN\n"
	"  INSERT INTO search_queue(record_id) VALUES (OLD.record_id);\n"
	"END;\n"
	/* accepted mappings are tags of the provision (article: filter, facet) */
	"CREATE TRIGGER search_mapping_ai AFTER INSERT ON mapping\n"
	"WHEN NEW.state = 'accepted' BEGIN\n"
	"  INSERT INTO search_queue(provision_id) SELECT v.id FROM provision v JOIN expression x\n"
	"    ON x.id = v.expression_id WHERE x.work_id = NEW.work_id AND v.eid = NEW.eid;\n"
	"END;\n"
	"CREATE TRIGGER search_mapping_au AFTER UPDATE ON mapping\n"
	"WHEN OLD.state = 'accepted' OR NEW.state = 'accepted' BEGIN\n"
	"  INSERT INTO search_queue(provision_id) SELECT v.id FROM provision v JOIN expression x\n"
	"    ON x.id = v.expression_id WHERE (x.work_id = NEW.work_id AND v.eid = NEW.eid)\n"
	"    OR (x.work_id = OLD.work_id AND v.eid = OLD.eid);\n"
	"END;\n"
	"CREATE TRIGGER search_mapping_ad AFTER DELETE ON mapping\n"
	"WHEN OLD.state = 'accepted' BEGIN\n"
	"  INSERT INTO search_queue(provision_id) SELECT v.id FROM provision v JOIN expression x\n"
	"    ON x.id = v.expression_id WHERE x.work_id = OLD.work_id AND v.eid = OLD.eid;\n"
	"END;\n"
	SEARCH_REBUILD_V4,
	/* 5: accounts: organisations, users, sessions, API tokens, failed sign-ins,
	 * sharing groups (domain/user.h, docs/security.md). Secrets are stored only as
	 * BLAKE2b-256 hashes, passwords as argon2id strings. */
	"CREATE TABLE organisation (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('national_authority', 'unodc', 'donor',\n"
	"    'implementing', 'private_sector', 'civil_society', 'academia')),\n"
	"  country TEXT REFERENCES country(alpha2),\n"
	"  created_at TEXT NOT NULL\n"
	") STRICT;\n"
	"CREATE TABLE app_user (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 3 AND 64\n"
	"    AND username NOT GLOB '*[^a-z0-9._-]*'),\n"
	"  display_name TEXT,\n"
	"  email TEXT,\n"
	"  org_id INTEGER NOT NULL REFERENCES organisation(id),\n"
	"  role TEXT NOT NULL CHECK (role IN ('reader', 'focal_point', 'provider', 'curator',\n"
	"    'admin')),\n"
	"  country TEXT REFERENCES country(alpha2),\n"
	"  password_hash TEXT NOT NULL,\n"
	"  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),\n"
	"  created_at TEXT NOT NULL,\n"
	"  password_changed_at TEXT NOT NULL,\n"
	"  CHECK ((role = 'focal_point') = (country IS NOT NULL))\n"
	") STRICT;\n"
	"CREATE INDEX app_user_org ON app_user(org_id);\n"
	"CREATE TABLE session (\n"
	"  id_hash BLOB PRIMARY KEY CHECK (length(id_hash) = 32),\n"
	"  user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,\n"
	"  csrf TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL,\n"
	"  expires_at TEXT NOT NULL,\n"
	"  last_seen_at TEXT NOT NULL,\n"
	"  ip TEXT\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE INDEX session_user ON session(user_id);\n"
	"CREATE TABLE api_token (\n"
	"  id TEXT PRIMARY KEY CHECK (length(id) = 16),\n"
	"  user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,\n"
	"  name TEXT NOT NULL,\n"
	"  scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),\n"
	"  secret_hash BLOB NOT NULL CHECK (length(secret_hash) = 32),\n"
	"  created_at TEXT NOT NULL,\n"
	"  last_used_at TEXT,\n"
	"  revoked_at TEXT\n"
	") STRICT;\n"
	"CREATE INDEX api_token_user ON api_token(user_id);\n"
	"CREATE TABLE sign_in_failure (\n"
	"  key TEXT PRIMARY KEY,\n"
	"  failures INTEGER NOT NULL CHECK (failures >= 0),\n"
	"  window_start TEXT NOT NULL,\n"
	"  locked_until TEXT\n"
	") STRICT;\n"
	"CREATE TABLE sharing_group (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200)\n"
	") STRICT;\n"
	"CREATE TABLE sharing_group_member (\n"
	"  group_id INTEGER NOT NULL REFERENCES sharing_group(id) ON DELETE CASCADE,\n"
	"  org_id INTEGER NOT NULL REFERENCES organisation(id),\n"
	"  PRIMARY KEY (group_id, org_id)\n"
	") STRICT;\n"
	"CREATE INDEX sharing_group_member_org ON sharing_group_member(org_id);\n",
	/* 6: the audit log, hash-chained (domain/audit.c) and append-only from SQL */
	"CREATE TABLE audit_log (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  at TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  action TEXT NOT NULL,\n"
	"  target TEXT,\n"
	"  address TEXT,\n"
	"  detail TEXT,\n"
	"  prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),\n"
	"  hash BLOB NOT NULL CHECK (length(hash) = 32)\n"
	") STRICT;\n"
	"CREATE INDEX audit_log_actor ON audit_log(actor);\n"
	"CREATE INDEX audit_log_action ON audit_log(action);\n"
	"CREATE INDEX audit_log_target ON audit_log(target);\n"
	"CREATE INDEX audit_log_at ON audit_log(at);\n"
	"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN\n"
	"  SELECT RAISE(ABORT, 'the audit log is append-only');\n"
	"END;\n"
	"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN\n"
	"  SELECT RAISE(ABORT, 'the audit log is append-only');\n"
	"END;\n",
	/* 7: who owns a record and with whom it is shared (store/sqlite/clearance.c): the
	 * owning organisation, the sharing groups of an AMBER record and the named
	 * readers of a RED one; the search index carries them as tags */
	"ALTER TABLE record ADD COLUMN owner_org INTEGER REFERENCES organisation(id);\n"
	"ALTER TABLE record ADD COLUMN created_by_user INTEGER REFERENCES app_user(id);\n"
	"CREATE INDEX record_owner ON record(owner_org);\n"
	"ALTER TABLE sharing_group ADD COLUMN created_at TEXT;\n"
	"ALTER TABLE sharing_group_member ADD COLUMN added_at TEXT;\n"
	"CREATE TABLE record_group (\n"
	"  record_id INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,\n"
	"  group_id INTEGER NOT NULL REFERENCES sharing_group(id) ON DELETE CASCADE,\n"
	"  added_at TEXT NOT NULL,\n"
	"  PRIMARY KEY (record_id, group_id)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE INDEX record_group_group ON record_group(group_id);\n"
	"CREATE TABLE record_reader (\n"
	"  record_id INTEGER NOT NULL REFERENCES record(id) ON DELETE CASCADE,\n"
	"  user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,\n"
	"  added_at TEXT NOT NULL,\n"
	"  PRIMARY KEY (record_id, user_id)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE INDEX record_reader_user ON record_reader(user_id);\n"
	"CREATE TRIGGER search_record_access AFTER UPDATE OF owner_org, created_by_user ON record\n"
	"WHEN OLD.owner_org IS NOT NEW.owner_org OR OLD.created_by_user IS NOT NEW.created_by_user\n"
	"BEGIN\n"
	"  INSERT INTO search_queue(record_id) VALUES (NEW.id);\n"
	"END;\n"
	"CREATE TRIGGER search_record_group_ai AFTER INSERT ON record_group BEGIN\n"
	"  INSERT INTO search_queue(record_id) VALUES (NEW.record_id);\n"
	"END;\n"
	"CREATE TRIGGER search_record_group_ad AFTER DELETE ON record_group BEGIN\n"
	"  INSERT INTO search_queue(record_id) VALUES (OLD.record_id);\n"
	"END;\n"
	"CREATE TRIGGER search_record_reader_ai AFTER INSERT ON record_reader BEGIN\n"
	"  INSERT INTO search_queue(record_id) VALUES (NEW.record_id);\n"
	"END;\n"
	"CREATE TRIGGER search_record_reader_ad AFTER DELETE ON record_reader BEGIN\n"
	"  INSERT INTO search_queue(record_id) VALUES (OLD.record_id);\n"
	"END;\n"
	SEARCH_REBUILD_V7,
	/* 8: nothing reaches the public without review. A proposed change to a published
	 * record waits in record_change (its content as JSON) until a curator publishes
	 * it; a new version of a published law is an expression with pending = 1, read
	 * only by curators and its proposer and not indexed until published. A law has
	 * one version in force per language (the latest published). audit_read counts
	 * reads of restricted records: one audit entry per reader, record and day. */
	"CREATE TABLE record_change (\n"
	"  record_id INTEGER PRIMARY KEY REFERENCES record(id) ON DELETE CASCADE,\n"
	"  content TEXT NOT NULL CHECK (json_valid(content)),\n"
	"  proposed_at TEXT NOT NULL,\n"
	"  proposed_by TEXT NOT NULL,\n"
	"  proposed_by_user INTEGER REFERENCES app_user(id)\n"
	") STRICT;\n"
	"ALTER TABLE expression ADD COLUMN pending INTEGER NOT NULL DEFAULT 0\n"
	"  CHECK (pending IN (0, 1));\n"
	"ALTER TABLE expression ADD COLUMN proposed_by_user INTEGER REFERENCES app_user(id);\n"
	"CREATE TABLE audit_read (\n"
	"  day TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  target TEXT NOT NULL,\n"
	"  count INTEGER NOT NULL CHECK (count >= 1),\n"
	"  PRIMARY KEY (day, actor, target)\n"
	") STRICT, WITHOUT ROWID;\n"
	"DROP VIEW search_source_provision;\n"
	"CREATE VIEW search_source_provision AS " SEARCH_SOURCE_PROVISION_V8 ";\n"
	"CREATE TRIGGER search_expression_pending AFTER UPDATE OF pending ON expression\n"
	"WHEN OLD.pending IS NOT NEW.pending BEGIN\n"
	"  INSERT INTO search_queue(record_id) VALUES (NEW.work_id);\n"
	"END;\n"
	"UPDATE expression SET status = 'amended' WHERE status = 'in_force' AND EXISTS (\n"
	"  SELECT 1 FROM expression y WHERE y.work_id = expression.work_id\n"
	"  AND y.language = expression.language AND y.date > expression.date);\n",
	/* 9: whom a lesson is for (police, prosecutors, judges...), searched; the search
	 * views of cases and lessons are made from their kinds' tables (views.c) */
	"ALTER TABLE lesson ADD COLUMN audience TEXT;\n",
	/* 10: the phrase that weighed most in a suggestion, shown beside its score */
	"ALTER TABLE mapping ADD COLUMN phrase TEXT;\n",
	/* 11: search: a provision's row also holds the headings above it (column context);
	 * and words have new forms (spelling variants and word families in core/stem.c,
	 * hyphenated words joined in fts.c): the index is rebuilt (search_sql.h) */
	"DROP VIEW search_source_provision;\n"
	"DROP VIEW search_source_case;\n"
	"DROP VIEW search_source_lesson;\n"
	"CREATE VIEW search_source_provision AS " SEARCH_SOURCE_PROVISION ";\n"
	"CREATE VIEW search_source_case AS " SEARCH_SOURCE_CASE ";\n"
	"CREATE VIEW search_source_lesson AS " SEARCH_SOURCE_LESSON ";\n"
	"DROP TABLE search;\n"
	"CREATE VIRTUAL TABLE search USING fts5(lang, title, heading, body, tags, context,\n"
	"  tokenize = 'ccrepo');\n"
	SEARCH_REBUILD,
	/* 12: where a version applies (its extent, as legislation.gov.uk writes it) and the
	 * last day it is valid (CLML's RestrictEndDate) */
	"ALTER TABLE expression ADD COLUMN extent TEXT CHECK (length(extent) <= 60);\n"
	"ALTER TABLE expression ADD COLUMN valid_to TEXT\n"
	"  CHECK (valid_to IS NULL OR valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');\n",
	/* 13: a version's long title ("To introduce a new Constitution ..."), shown under
	 * its short title (expression.title) */
	"ALTER TABLE expression ADD COLUMN long_title TEXT CHECK (length(long_title) <= 4000);\n",
	/* 14: coverage (domain/coverage.h): a recorded "the law has no such provision",
	 * and disputes of a country's status for an article with their comments */
	"CREATE TABLE assessment (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  country TEXT NOT NULL REFERENCES country(alpha2),\n"
	"  instrument TEXT NOT NULL,\n"
	"  article INTEGER NOT NULL,\n"
	"  status TEXT NOT NULL CHECK (status IN ('not_covered')),\n"
	"  note TEXT NOT NULL CHECK (length(note) BETWEEN 1 AND 4000),\n"
	"  as_of TEXT NOT NULL\n"
	"    CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
	"  recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL,\n"
	"  withdrawn_at TEXT, withdrawn_by TEXT,\n"
	"  FOREIGN KEY (instrument, article) REFERENCES article(instrument, number)\n"
	") STRICT;\n"
	"CREATE INDEX assessment_country ON assessment(country, instrument, article);\n"
	"CREATE TABLE dispute (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  country TEXT NOT NULL REFERENCES country(alpha2),\n"
	"  instrument TEXT NOT NULL,\n"
	"  article INTEGER NOT NULL,\n"
	"  opened_at TEXT NOT NULL, opened_by TEXT NOT NULL,\n"
	"  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'upheld', 'rejected')),\n"
	"  decided_at TEXT, decided_by TEXT,\n"
	"  decision TEXT CHECK (length(decision) <= 4000),\n"
	"  FOREIGN KEY (instrument, article) REFERENCES article(instrument, number)\n"
	") STRICT;\n"
	"CREATE INDEX dispute_country ON dispute(country, state);\n"
	"CREATE TABLE dispute_comment (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  dispute_id INTEGER NOT NULL REFERENCES dispute(id) ON DELETE CASCADE,\n"
	"  at TEXT NOT NULL, by TEXT NOT NULL,\n"
	"  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 4000)\n"
	") STRICT;\n"
	"CREATE INDEX dispute_comment_dispute ON dispute_comment(dispute_id, id);\n",

	/* 15: the accepted mappings of a work with all that coverage reads of them, so
	 * that gathering the evidence of the world reads the index, not the table */
	"CREATE INDEX mapping_accepted ON mapping(work_id, eid, instrument, article, extent) "
	"WHERE state = 'accepted';\n",
	/* 16: questionnaire templates (domain/questionnaire.h): each version as imported,
	 * draft or published (then never changed), and its questions as rows */
	"CREATE TABLE questionnaire (\n"
	"  id TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 64),\n"
	"  version INTEGER NOT NULL CHECK (version > 0),\n"
	"  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),\n"
	"  title TEXT NOT NULL,\n"
	"  json TEXT NOT NULL,\n"
	"  imported_at TEXT NOT NULL, imported_by TEXT NOT NULL,\n"
	"  published_at TEXT, published_by TEXT,\n"
	"  PRIMARY KEY (id, version)\n"
	") STRICT;\n"
	"CREATE TABLE questionnaire_question (\n"
	"  template TEXT NOT NULL,\n"
	"  version INTEGER NOT NULL,\n"
	"  question TEXT NOT NULL,\n"
	"  dimension TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('stage', 'yes_partly_no', 'number', 'choice', "
	"'text')),\n"
	"  evidence TEXT NOT NULL CHECK (evidence IN ('none', 'optional', 'required')),\n"
	"  ordinal INTEGER NOT NULL,\n"
	"  articles TEXT NOT NULL DEFAULT '[]',\n"
	"  PRIMARY KEY (template, version, question),\n"
	"  FOREIGN KEY (template, version) REFERENCES questionnaire(id, version)\n"
	"    ON DELETE CASCADE\n"
	") STRICT;\n"
	"CREATE INDEX questionnaire_question_dimension ON "
	"questionnaire_question(dimension, template, version);\n",

	/* 17: stated needs (domain/needs.h): a focal point or a curator records a
	 * capacity-building need of a country directly; closed when met */
	"CREATE TABLE stated_need (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  country TEXT NOT NULL REFERENCES country(alpha2),\n"
	"  topic TEXT NOT NULL CHECK (length(topic) BETWEEN 1 AND 60),\n"
	"  target TEXT NOT NULL CHECK (length(target) BETWEEN 1 AND 60),\n"
	"  urgency INTEGER NOT NULL CHECK (urgency BETWEEN 1 AND 3),\n"
	"  note TEXT NOT NULL CHECK (length(note) <= 2000),\n"
	"  tlp TEXT NOT NULL DEFAULT 'GREEN'\n"
	"    CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER')),\n"
	"  raised_at TEXT NOT NULL, raised_by TEXT NOT NULL,\n"
	"  closed_at TEXT, closed_by TEXT,\n"
	"  close_note TEXT CHECK (length(close_note) <= 2000)\n"
	") STRICT;\n"
	"CREATE INDEX stated_need_country ON stated_need(country, closed_at);\n",
	/* 18: questionnaire campaigns (domain/campaign.h): a campaign on a template
	 * version, one answer per country asked (its state), the answers' values */
	"CREATE TABLE campaign (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),\n"
	"  template TEXT NOT NULL,\n"
	"  version INTEGER NOT NULL,\n"
	"  opens_on TEXT NOT NULL, deadline TEXT NOT NULL CHECK (deadline >= opens_on),\n"
	"  scope TEXT NOT NULL,\n"
	"  opened_at TEXT NOT NULL, opened_by TEXT NOT NULL,\n"
	"  published_at TEXT, published_by TEXT,\n"
	"  FOREIGN KEY (template, version) REFERENCES questionnaire(id, version)\n"
	") STRICT;\n"
	"CREATE TABLE campaign_country (\n"
	"  campaign INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,\n"
	"  country TEXT NOT NULL REFERENCES country(alpha2),\n"
	"  status TEXT NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', "
	"'draft', 'submitted', 'returned', 'accepted')),\n"
	"  revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),\n"
	"  tlp TEXT NOT NULL DEFAULT 'GREEN' CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER')),\n"
	"  comment TEXT CHECK (length(comment) <= 2000),\n"
	"  reopened_until TEXT,\n"
	"  updated_at TEXT, updated_by TEXT,\n"
	"  submitted_at TEXT, submitted_by TEXT,\n"
	"  accepted_at TEXT, accepted_by TEXT,\n"
	"  PRIMARY KEY (campaign, country)\n"
	") STRICT;\n"
	"CREATE INDEX campaign_country_country ON campaign_country(country, campaign);\n"
	"CREATE TABLE answer_value (\n"
	"  campaign INTEGER NOT NULL,\n"
	"  country TEXT NOT NULL,\n"
	"  question TEXT NOT NULL CHECK (length(question) BETWEEN 1 AND 64),\n"
	"  value TEXT NOT NULL CHECK (length(CAST(value AS BLOB)) BETWEEN 1 AND 4000),\n"
	"  evidence TEXT CHECK (length(CAST(evidence AS BLOB)) <= 1000),\n"
	"  PRIMARY KEY (campaign, country, question),\n"
	"  FOREIGN KEY (campaign, country) REFERENCES campaign_country(campaign, country)\n"
	"    ON DELETE CASCADE\n"
	") STRICT, WITHOUT ROWID;\n",
	/* 19: technical assistance (domain/assist.h, docs/assistance.md): currencies
	 * (ISO 4217 from iso-codes, minor units from data/currency-minor.tsv, loaded
	 * with the reference data), requests and their timeline, offers, matches,
	 * evaluations, pledges and disbursements; lists of keys are comma-separated
	 * text checked by the domain; amounts are integers in minor units */
	"CREATE TABLE currency (\n"
	"  code TEXT PRIMARY KEY CHECK (length(code) = 3),\n"
	"  name TEXT NOT NULL,\n"
	"  minor INTEGER NOT NULL CHECK (minor BETWEEN 0 AND 4)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE assist_request (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  country TEXT NOT NULL REFERENCES country(alpha2),\n"
	"  title TEXT NOT NULL CHECK (length(CAST(title AS BLOB)) BETWEEN 1 AND 300),\n"
	"  topic TEXT NOT NULL,\n"
	"  beneficiary TEXT NOT NULL,\n"
	"  beneficiary_key TEXT NOT NULL,\n"
	"  targets TEXT NOT NULL,\n"
	"  languages TEXT NOT NULL,\n"
	"  date_from TEXT, date_to TEXT CHECK (date_to >= date_from),\n"
	"  urgency INTEGER NOT NULL CHECK (urgency BETWEEN 1 AND 3),\n"
	"  modes TEXT NOT NULL DEFAULT '',\n"
	"  budget_currency TEXT,\n"
	"  budget_amount INTEGER CHECK (budget_amount BETWEEN 0 AND 1000000000000000),\n"
	"  needs TEXT NOT NULL DEFAULT '',\n"
	"  description TEXT NOT NULL DEFAULT '',\n"
	"  tlp TEXT NOT NULL DEFAULT 'GREEN' CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER')),\n"
	"  stage TEXT NOT NULL DEFAULT 'requested' CHECK (stage IN ('requested', "
	"'assessed', 'matched', 'funded', 'in_delivery', 'delivered', 'evaluated', "
	"'closed', 'declined', 'withdrawn')),\n"
	"  revision INTEGER NOT NULL DEFAULT 1 CHECK (revision > 0),\n"
	"  created_at TEXT NOT NULL, created_by TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL\n"
	") STRICT;\n"
	"CREATE INDEX assist_request_country ON assist_request(country, stage);\n"
	"CREATE TABLE assist_move (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  request INTEGER NOT NULL REFERENCES assist_request(id),\n"
	"  from_stage TEXT, to_stage TEXT NOT NULL,\n"
	"  comment TEXT CHECK (length(CAST(comment AS BLOB)) <= 2000),\n"
	"  at TEXT NOT NULL, by TEXT NOT NULL\n"
	") STRICT;\n"
	"CREATE INDEX assist_move_request ON assist_move(request, id);\n"
	"CREATE TABLE assist_offer (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  org INTEGER NOT NULL REFERENCES organisation(id),\n"
	"  title TEXT NOT NULL CHECK (length(CAST(title AS BLOB)) BETWEEN 1 AND 300),\n"
	"  topics TEXT NOT NULL, regions TEXT NOT NULL DEFAULT '',\n"
	"  languages TEXT NOT NULL, modes TEXT NOT NULL,\n"
	"  capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 10000),\n"
	"  period_from TEXT, period_to TEXT CHECK (period_to >= period_from),\n"
	"  created_at TEXT NOT NULL, created_by TEXT NOT NULL,\n"
	"  withdrawn_at TEXT, withdrawn_by TEXT\n"
	") STRICT;\n"
	"CREATE TABLE assist_match (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  request INTEGER NOT NULL REFERENCES assist_request(id),\n"
	"  offer INTEGER NOT NULL REFERENCES assist_offer(id),\n"
	"  status TEXT NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', "
	"'accepted', 'declined')),\n"
	"  score REAL NOT NULL DEFAULT 0,\n"
	"  comment TEXT CHECK (length(CAST(comment AS BLOB)) <= 2000),\n"
	"  confirmed_at TEXT NOT NULL, confirmed_by TEXT NOT NULL,\n"
	"  answered_at TEXT, answered_by TEXT,\n"
	"  UNIQUE (request, offer)\n"
	") STRICT;\n"
	"CREATE INDEX assist_match_offer ON assist_match(offer, status);\n"
	"CREATE TABLE assist_evaluation (\n"
	"  request INTEGER NOT NULL REFERENCES assist_request(id),\n"
	"  org INTEGER NOT NULL REFERENCES organisation(id),\n"
	"  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),\n"
	"  closed_needs TEXT NOT NULL DEFAULT '',\n"
	"  at TEXT NOT NULL, by TEXT NOT NULL,\n"
	"  PRIMARY KEY (request, org)\n"
	") STRICT;\n"
	"CREATE TABLE assist_funding (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  request INTEGER NOT NULL REFERENCES assist_request(id),\n"
	"  donor INTEGER NOT NULL REFERENCES organisation(id),\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('pledge', 'disbursement')),\n"
	"  currency TEXT NOT NULL CHECK (length(currency) = 3),\n"
	"  amount INTEGER NOT NULL CHECK (amount BETWEEN 1 AND 1000000000000000),\n"
	"  on_date TEXT NOT NULL,\n"
	"  at TEXT NOT NULL, by TEXT NOT NULL\n"
	") STRICT;\n"
	"CREATE INDEX assist_funding_request ON assist_funding(request, donor, currency);\n",
	/* 20: activities and trainings under a request (domain/assist.h,
	 * docs/assistance.md "Activities and trainings"): the activity with its
	 * provider organisations, its training record (participants by role and gender
	 * as counts, the declared total equal to their sum, mean pre- and post-test
	 * scores in tenths of a point), its evaluation, and the attendance list (names,
	 * RED: read only through the domain's rule, each read audited) apart */
	"CREATE TABLE assist_activity (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  request INTEGER NOT NULL REFERENCES assist_request(id),\n"
	"  title TEXT NOT NULL CHECK (length(CAST(title AS BLOB)) BETWEEN 1 AND 300),\n"
	"  description TEXT NOT NULL DEFAULT '' CHECK (length(CAST(description AS BLOB)) "
	"<= 8000),\n"
	"  date_from TEXT NOT NULL, date_to TEXT NOT NULL CHECK (date_to >= date_from),\n"
	"  mode TEXT NOT NULL CHECK (mode IN ('in_person', 'online', 'mentoring', "
	"'equipment')),\n"
	"  place TEXT NOT NULL DEFAULT '' CHECK (length(CAST(place AS BLOB)) <= 300),\n"
	"  language TEXT NOT NULL CHECK (length(language) = 2),\n"
	"  police_female INTEGER NOT NULL DEFAULT 0 "
	"CHECK (police_female BETWEEN 0 AND 100000),\n"
	"  police_male INTEGER NOT NULL DEFAULT 0 "
	"CHECK (police_male BETWEEN 0 AND 100000),\n"
	"  police_other INTEGER NOT NULL DEFAULT 0 "
	"CHECK (police_other BETWEEN 0 AND 100000),\n"
	"  prosecutor_female INTEGER NOT NULL DEFAULT 0 "
	"CHECK (prosecutor_female BETWEEN 0 AND 100000),\n"
	"  prosecutor_male INTEGER NOT NULL DEFAULT 0 "
	"CHECK (prosecutor_male BETWEEN 0 AND 100000),\n"
	"  prosecutor_other INTEGER NOT NULL DEFAULT 0 "
	"CHECK (prosecutor_other BETWEEN 0 AND 100000),\n"
	"  judge_female INTEGER NOT NULL DEFAULT 0 "
	"CHECK (judge_female BETWEEN 0 AND 100000),\n"
	"  judge_male INTEGER NOT NULL DEFAULT 0 "
	"CHECK (judge_male BETWEEN 0 AND 100000),\n"
	"  judge_other INTEGER NOT NULL DEFAULT 0 "
	"CHECK (judge_other BETWEEN 0 AND 100000),\n"
	"  cert_female INTEGER NOT NULL DEFAULT 0 "
	"CHECK (cert_female BETWEEN 0 AND 100000),\n"
	"  cert_male INTEGER NOT NULL DEFAULT 0 "
	"CHECK (cert_male BETWEEN 0 AND 100000),\n"
	"  cert_other INTEGER NOT NULL DEFAULT 0 "
	"CHECK (cert_other BETWEEN 0 AND 100000),\n"
	"  other_female INTEGER NOT NULL DEFAULT 0 "
	"CHECK (other_female BETWEEN 0 AND 100000),\n"
	"  other_male INTEGER NOT NULL DEFAULT 0 "
	"CHECK (other_male BETWEEN 0 AND 100000),\n"
	"  other_other INTEGER NOT NULL DEFAULT 0 "
	"CHECK (other_other BETWEEN 0 AND 100000),\n"
	"  declared INTEGER CHECK (declared = "
	"police_female + police_male + police_other"
	" + prosecutor_female + prosecutor_male + prosecutor_other"
	" + judge_female + judge_male + judge_other + cert_female"
	" + cert_male + cert_other + other_female + other_male"
	" + other_other"
	"),\n"
	"  pre_score INTEGER CHECK (pre_score BETWEEN 0 AND 1000),\n"
	"  post_score INTEGER CHECK (post_score BETWEEN 0 AND 1000),\n"
	"  trained_at TEXT, trained_by TEXT,\n"
	"  rating INTEGER CHECK (rating BETWEEN 1 AND 5),\n"
	"  closed_needs TEXT NOT NULL DEFAULT '',\n"
	"  evaluated_at TEXT, evaluated_by TEXT,\n"
	"  created_at TEXT NOT NULL, created_by TEXT NOT NULL\n"
	") STRICT;\n"
	"CREATE INDEX assist_activity_request ON assist_activity(request, id);\n"
	"CREATE TABLE assist_activity_org (\n"
	"  activity INTEGER NOT NULL REFERENCES assist_activity(id),\n"
	"  org INTEGER NOT NULL REFERENCES organisation(id),\n"
	"  PRIMARY KEY (activity, org)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TABLE assist_attendance (\n"
	"  activity INTEGER NOT NULL REFERENCES assist_activity(id),\n"
	"  seq INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 2000),\n"
	"  name TEXT NOT NULL CHECK (length(CAST(name AS BLOB)) BETWEEN 1 AND 200),\n"
	"  PRIMARY KEY (activity, seq)\n"
	") STRICT, WITHOUT ROWID;\n",
	/* 21: developments (domain/dev.h): when the repository learned each version of
	 * a law (stored, or published after review), the `updated` time of its feed
	 * entry; versions stored before this migration take their work's creation; an
	 * index for the developments of a period over every country */
	"ALTER TABLE expression ADD COLUMN added_at TEXT;\n"
	"UPDATE expression SET added_at = (SELECT created_at FROM record r\n"
	"  WHERE r.id = expression.work_id);\n"
	"CREATE INDEX expression_date ON expression(date);\n",
	/* 22: a provider's or a donor's page reads its activities, matches and funding
	 * by organisation */
	"CREATE INDEX assist_activity_org_org ON assist_activity_org(org, activity);\n"
	"CREATE INDEX assist_offer_org ON assist_offer(org);\n"
	"CREATE INDEX assist_funding_donor ON assist_funding(donor);\n",
	/* 23: each provider's evaluations counted once per change (on requests and on
	 * the activities it provided), for the rating term of every suggestion */
	"CREATE TABLE assist_org_rating (\n"
	"  org INTEGER PRIMARY KEY REFERENCES organisation(id),\n"
	"  count INTEGER NOT NULL CHECK (count >= 0),\n"
	"  sum INTEGER NOT NULL CHECK (sum >= 0)\n"
	") STRICT;\n"
	"INSERT INTO assist_org_rating(org, count, sum) SELECT org, count(*), sum(rating) "
	"FROM (SELECT org, rating FROM assist_evaluation UNION ALL SELECT x.org, a.rating "
	"FROM assist_activity a JOIN assist_activity_org x ON x.activity = a.id WHERE "
	"a.rating IS NOT NULL) GROUP BY org;\n",
	/* 24: the cooperation directory (domain/directory.h, docs/directory.md):
	 * entries with their country, kind, label and public part in columns and the
	 * other values as a JSON object, their verification, and the append-only
	 * history of their versions */
	"CREATE TABLE directory_entry (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  country TEXT NOT NULL REFERENCES country(alpha2),\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('24x7', 'mla', 'extradition', "
	"'preservation', 'cert', 'cyber-unit', 'prosecution')),\n"
	"  tlp TEXT NOT NULL CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER')),\n"
	"  public_part INTEGER NOT NULL CHECK (public_part IN (0, 1)),\n"
	"  body TEXT NOT NULL CHECK (json_valid(body) AND "
	"length(CAST(body AS BLOB)) <= 200000),\n"
	"  version INTEGER NOT NULL CHECK (version >= 1),\n"
	"  created_at TEXT NOT NULL, created_by TEXT NOT NULL,\n"
	"  created_by_user INTEGER,\n"
	"  changed_at TEXT NOT NULL, changed_by TEXT NOT NULL,\n"
	"  verified_on TEXT, verified_by TEXT,\n"
	"  verified_version INTEGER NOT NULL DEFAULT 0\n"
	") STRICT;\n"
	"CREATE INDEX directory_entry_country ON directory_entry(country, kind, id);\n"
	"CREATE TABLE directory_revision (\n"
	"  entry INTEGER NOT NULL REFERENCES directory_entry(id),\n"
	"  seq INTEGER NOT NULL CHECK (seq >= 1),\n"
	"  action TEXT NOT NULL CHECK (action IN ('create', 'edit', 'verify')),\n"
	"  version INTEGER NOT NULL,\n"
	"  snapshot TEXT NOT NULL,\n"
	"  at TEXT NOT NULL, by TEXT NOT NULL,\n"
	"  PRIMARY KEY (entry, seq)\n"
	") STRICT, WITHOUT ROWID;\n"
	"CREATE TRIGGER directory_revision_keep BEFORE UPDATE ON directory_revision\n"
	"BEGIN SELECT RAISE(ABORT, 'directory history is append-only'); END;\n"
	"CREATE TRIGGER directory_revision_stay BEFORE DELETE ON directory_revision\n"
	"BEGIN SELECT RAISE(ABORT, 'directory history is append-only'); END;\n",
	/* 25: saved reports (domain/report.h): the parameters, when and by whom, the
	 * content as made (JSON) and the prose written around the report to the
	 * Commission (a JSON object by paragraph); the stated needs of a period */
	"CREATE TABLE report (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  made_at TEXT NOT NULL,\n"
	"  made_by TEXT NOT NULL,\n"
	"  title TEXT,\n"
	"  date_from TEXT NOT NULL,\n"
	"  date_to TEXT NOT NULL,\n"
	"  scope TEXT NOT NULL,\n"
	"  level TEXT NOT NULL CHECK (level IN ('public', 'green')),\n"
	"  content TEXT NOT NULL,\n"
	"  prose TEXT\n"
	") STRICT;\n"
	"CREATE INDEX stated_need_closed ON stated_need(closed_at);\n",
	/* 26: every change of the regions and countries counted in meta 'ref_generation',
	 * so that a connection keeps their lists and reads them again only after one
	 * (store/sqlite/ref.c) */
	"CREATE TRIGGER region_insert AFTER INSERT ON region BEGIN\n"
	"  INSERT INTO meta(key, value) VALUES ('ref_generation', '1') ON CONFLICT(key)\n"
	"  DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT);\n"
	"END;\n"
	"CREATE TRIGGER region_update AFTER UPDATE ON region BEGIN\n"
	"  INSERT INTO meta(key, value) VALUES ('ref_generation', '1') ON CONFLICT(key)\n"
	"  DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT);\n"
	"END;\n"
	"CREATE TRIGGER region_delete AFTER DELETE ON region BEGIN\n"
	"  INSERT INTO meta(key, value) VALUES ('ref_generation', '1') ON CONFLICT(key)\n"
	"  DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT);\n"
	"END;\n"
	"CREATE TRIGGER country_insert AFTER INSERT ON country BEGIN\n"
	"  INSERT INTO meta(key, value) VALUES ('ref_generation', '1') ON CONFLICT(key)\n"
	"  DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT);\n"
	"END;\n"
	"CREATE TRIGGER country_update AFTER UPDATE ON country BEGIN\n"
	"  INSERT INTO meta(key, value) VALUES ('ref_generation', '1') ON CONFLICT(key)\n"
	"  DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT);\n"
	"END;\n"
	"CREATE TRIGGER country_delete AFTER DELETE ON country BEGIN\n"
	"  INSERT INTO meta(key, value) VALUES ('ref_generation', '1') ON CONFLICT(key)\n"
	"  DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT);\n"
	"END;\n",
};

const int sq_schema_latest = (int)(sizeof(migrations) / sizeof(migrations[0]));

int sq_schema_version(struct store *s, int *version, struct err *e)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st;
	int rc = ERR_OK;

	if (sqlite3_prepare_v2(q->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return sq_fail(q, "schema version", e);
	if (sqlite3_step(st) == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	else
		rc = sq_fail(q, "schema version", e);
	sqlite3_finalize(st);
	return rc;
}

/* Whether q's database is someone else's: tables but no ccrepo version, or a version
 * but not ccrepo's schema_migration table. ERR_INVALID with the reason, or ERR_OK. */
static int foreign_db(struct sq *q, int version, struct err *e)
{
	sqlite3_stmt *st;
	int rc, tables = 0, ours = 0;

	if (sqlite3_prepare_v2(q->db, "SELECT count(*), count(*) FILTER (WHERE name = "
			       "'schema_migration') FROM sqlite_master WHERE type = 'table' "
			       "AND name NOT LIKE 'sqlite!_%' ESCAPE '!'", -1, &st,
			       NULL) != SQLITE_OK)
		return sq_fail(q, "schema", e);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		tables = sqlite3_column_int(st, 0);
		ours = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return sq_fail(q, "schema", e);
	if (!version && tables)
		return err_set(e, ERR_INVALID, "%s is not a ccrepo database: it has %d "
			       "table%s but no ccrepo schema version; give the path of a ccrepo "
			       "database, or a new file", q->path, tables, tables == 1 ? "" : "s");
	if (version && !ours)
		return err_set(e, ERR_INVALID, "%s is not a ccrepo database: its schema "
			       "version is %d but it has no ccrepo schema_migration table",
			       q->path, version);
	return ERR_OK;
}

/* The triggers the migrations make: (name, SQL) pairs of a database made from
 * scratch in memory, whatever the latest migration is. Free with triggers_free. */
struct trigger {
	char *name, *sql;
};

static void triggers_free(struct trigger *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(t[i].name);
		free(t[i].sql);
	}
	free(t);
}

static int expected_triggers(struct trigger **out, size_t *n, struct err *e)
{
	struct store *mem = NULL;
	struct sq *m;
	sqlite3_stmt *st = NULL;
	struct trigger *t = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_sqlite.open(":memory:", &mem, e)))
		return rc;
	m = (struct sq *)mem;
	for (int v = 0; v < sq_schema_latest; v++)
		if ((rc = sq_exec(m, migrations[v], e)))
			goto out;
	if (sqlite3_prepare_v2(m->db, "SELECT name, sql FROM sqlite_master WHERE type = "
			       "'trigger' ORDER BY name", -1, &st, NULL) != SQLITE_OK) {
		rc = sq_fail(m, "triggers", e);
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			t = xrealloc(t, cap * sizeof(*t));
		}
		t[*n].name = xstrdup((const char *)sqlite3_column_text(st, 0));
		t[*n].sql = xstrdup((const char *)sqlite3_column_text(st, 1));
		(*n)++;
	}
	rc = rc == SQLITE_DONE ? ERR_OK : sq_fail(m, "triggers", e);
out:
	sqlite3_finalize(st);
	store_sqlite.close(mem);
	if (rc) {
		triggers_free(t, *n);
		*n = 0;
		return rc;
	}
	*out = t;
	return ERR_OK;
}

/* Compare q's triggers with those the migrations make; each one missing, altered
 * or not ccrepo's is a line of report (may be NULL) and counts in *problems. With
 * restore, make them the same (inside the caller's write transaction): the
 * append-only audit log and the search index depend on them. */
static int triggers_compare(struct sq *q, int restore, struct sbuf *report, int *problems,
			    struct err *e)
{
	static const char *const unexpected =
		"SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name";
	struct trigger *t;
	sqlite3_stmt *st = NULL;
	size_t n;
	int rc;

	if ((rc = expected_triggers(&t, &n, e)))
		return rc;
	if (sqlite3_prepare_v2(q->db, "SELECT sql FROM sqlite_master WHERE type = 'trigger' "
			       "AND name = ?1", -1, &st, NULL) != SQLITE_OK) {
		rc = sq_fail(q, "triggers", e);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const char *how = "missing";
		char *drop;

		sqlite3_reset(st);
		sq_bind_text(st, 1, t[i].name);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *have = (const char *)sqlite3_column_text(st, 0);

			if (have && !strcmp(have, t[i].sql))
				continue;
			how = "altered";
		} else if (rc != SQLITE_DONE) {
			rc = sq_fail(q, "triggers", e);
			goto out;
		}
		sqlite3_reset(st);
		(*problems)++;
		if (report)
			sbuf_addf(report, "problem: trigger %s is %s ('ccrepo migrate' restores "
				  "it)\n", t[i].name, how);
		if (!restore)
			continue;
		drop = sqlite3_mprintf("DROP TRIGGER IF EXISTS \"%w\"", t[i].name);
		rc = sq_exec(q, drop, e);
		sqlite3_free(drop);
		if (rc || (rc = sq_exec(q, t[i].sql, e)))
			goto out;
		log_warn("%s: trigger %s was %s: restored", q->path, t[i].name, how);
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(q->db, unexpected, -1, &st, NULL) != SQLITE_OK) {
		rc = sq_fail(q, "triggers", e);
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		size_t i = 0;
		char *drop;

		while (i < n && strcmp(t[i].name, name))
			i++;
		if (i < n)
			continue;
		(*problems)++;
		if (report)
			sbuf_addf(report, "problem: trigger %s is not ccrepo's ('ccrepo migrate' "
				  "drops it)\n", name);
		if (!restore)
			continue;
		log_warn("%s: trigger %s is not ccrepo's: dropped", q->path, name);
		drop = sqlite3_mprintf("DROP TRIGGER \"%w\"", name);
		sqlite3_reset(st);	/* the schema changes under the scan: start again */
		rc = sq_exec(q, drop, e);
		sqlite3_free(drop);
		if (rc)
			goto out;
	}
	rc = rc == SQLITE_DONE ? ERR_OK : sq_fail(q, "triggers", e);
out:
	sqlite3_finalize(st);
	triggers_free(t, n);
	return rc;
}

int sq_check_schema(struct store *s, struct sbuf *report, int *problems, int *current,
		    struct err *e)
{
	struct sq *q = (struct sq *)s;
	struct err why = { 0 };
	int rc, version, before = *problems;

	if ((rc = sq_schema_version(s, &version, e)))
		return rc;
	sbuf_addf(report, "schema version: %d (latest %d)\n", version, sq_schema_latest);
	if (version > sq_schema_latest) {
		sbuf_addf(report, "problem: schema version %d is newer than this ccrepo knows "
			  "(%d): check it with the ccrepo that wrote it\n", version,
			  sq_schema_latest);
		(*problems)++;
		return ERR_OK;
	}
	if (foreign_db(q, version, &why)) {
		sbuf_addf(report, "problem: %s\n", why.msg);
		(*problems)++;
		return ERR_OK;
	}
	if (version < sq_schema_latest) {
		sbuf_addf(report, "problem: schema is not current; run 'ccrepo migrate'\n");
		(*problems)++;
		return ERR_OK;
	}
	*current = 1;
	if ((rc = triggers_compare(q, 0, report, problems, e)))
		return rc;
	sbuf_addf(report, "triggers: %s\n", *problems > before ? "FAILED" : "ok");
	before = *problems;
	if ((rc = sq_views_compare(q, 0, report, problems, e)))
		return rc;
	sbuf_addf(report, "search views: %s\n", *problems > before ? "FAILED" : "ok");
	return ERR_OK;
}

/* A database migrate must not touch: another application's, or a newer ccrepo's. */
static int refuse(struct sq *q, int version, struct err *e)
{
	if (version > sq_schema_latest)
		return err_set(e, ERR_INVALID, "%s: database schema version %d is newer than "
			       "this program knows (%d): it was written by a newer ccrepo; "
			       "upgrade ccrepo to that version or later", q->path, version,
			       sq_schema_latest);
	return foreign_db(q, version, e);
}

/* Apply the migrations the database lacks and restore the triggers they make, in
 * one write transaction; when nothing is to be done, nothing is written (a current
 * database on read-only media passes). */
int sq_migrate(struct store *s, int *from, int *to, struct err *e)
{
	struct sq *q = (struct sq *)s;
	int rc, version, differ = 0;

	if ((rc = sq_schema_version(s, &version, e)))
		return rc;
	*from = *to = version;
	/* refused or nothing to do: said without a write (read-only media) */
	if ((rc = refuse(q, version, e)))
		return rc;
	if (version == sq_schema_latest &&
	    ((rc = triggers_compare(q, 0, NULL, &differ, e)) ||
	     (rc = sq_views_compare(q, 0, NULL, &differ, e)) || !differ))
		return rc;
	if ((rc = sq_exec(q, "BEGIN IMMEDIATE", e)))
		return rc;
	/* read the version inside the write transaction: two processes starting at
	 * once must not both apply the same step */
	if ((rc = sq_schema_version(s, &version, e)))
		goto out;
	*from = version;
	if ((rc = refuse(q, version, e)))
		goto out;
	for (; version < sq_schema_latest; version++) {
		char pragma[64];
		sqlite3_stmt *st;

		log_info("migrating database schema to version %d", version + 1);
		if ((rc = sq_exec(q, migrations[version], e)))
			goto out;
		if (sqlite3_prepare_v2(q->db, "INSERT INTO schema_migration(version) "
				       "VALUES (?1)", -1, &st, NULL) != SQLITE_OK) {
			rc = sq_fail(q, "record migration", e);
			goto out;
		}
		sqlite3_bind_int(st, 1, version + 1);
		rc = sq_done(q, st, "record migration", e);
		sqlite3_finalize(st);
		if (rc)
			goto out;
		/* a pragma takes no parameters; the value is our own integer */
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", version + 1);
		if ((rc = sq_exec(q, pragma, e)))
			goto out;
	}
	*to = version;
	differ = 0;
	if ((rc = triggers_compare(q, 1, NULL, &differ, e)) ||
	    (rc = sq_views_compare(q, 1, NULL, &differ, e)))
		goto out;
	rc = sq_exec(q, "COMMIT", e);
out:
	if (rc)
		sq_exec(q, "ROLLBACK", NULL);
	return rc;
}
