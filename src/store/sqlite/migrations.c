/* Numbered schema migrations of the SQLite backend. Append only: never edit a
 * migration that has shipped; add the next number. The version is kept in
 * PRAGMA user_version and each step is recorded in schema_migration. */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
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
	"CREATE VIEW search_source_provision AS " SEARCH_SOURCE_PROVISION ";\n"
	"CREATE VIEW search_source_case AS " SEARCH_SOURCE_CASE ";\n"
	"CREATE VIEW search_source_lesson AS " SEARCH_SOURCE_LESSON ";\n"
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
	SEARCH_REBUILD,
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

int sq_migrate(struct store *s, int *from, int *to, struct err *e)
{
	struct sq *q = (struct sq *)s;
	int rc, version;

	if ((rc = sq_exec(q, "BEGIN IMMEDIATE", e)))
		return rc;
	/* read the version inside the write transaction: two processes starting at
	 * once must not both apply the same step */
	if ((rc = sq_schema_version(s, &version, e)))
		goto out;
	*from = version;
	if (version > sq_schema_latest) {
		rc = err_set(e, ERR_INVALID, "database schema version %d is newer than this "
			     "program knows (%d): upgrade ccrepo", version, sq_schema_latest);
		goto out;
	}
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
	rc = sq_exec(q, "COMMIT", e);
out:
	if (rc)
		sq_exec(q, "ROLLBACK", NULL);
	return rc;
}
