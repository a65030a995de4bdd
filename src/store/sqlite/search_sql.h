/* Private to the SQLite backend: the SQL that fills the search index, shared by
 * migration 4, its triggers and `ccrepo reindex`.
 *
 * search (FTS5, tokenizer "ccrepo", see fts.c) has one row per indexed provision, case
 * and lesson: a provision's row id is its own id, a case's or lesson's is minus its
 * record id. Only the current version of a law is indexed: per language, its latest
 * published expression (a pending one, waiting for review, is not). Columns: lang
 * (the row's language, an instruction to the tokenizer), title, heading, body, tags
 * (filter tags: kLEGISLATION cKE r014 y2018 len sPUBLISHED tCLEAR aun-cc/7, and who
 * may read it: xp xs xualice ao12 ..., see SEARCH_ACCESS_TAGS; lowercased), context (the headings above a
 * provision, since schema version 9). search_doc holds the same rows' facts for
 * filters and facet counts. The views search_source_* are what both are filled from. */
#ifndef STORE_SQLITE_SEARCH_SQL_H
#define STORE_SQLITE_SEARCH_SQL_H

/* The row for each provision of a current version, each case and each lesson. The
 * extra columns (extra: "" before schema version 9) are those of SEARCH_CONTEXT_COLS. */
#define SEARCH_PROVISION_COLS_WITH(extra) \
	"SELECT v.id AS id, r.id AS record_id, v.eid AS eid, r.kind AS kind, " \
	"  r.country AS country, r.region AS region, r.language AS language, " \
	"  CAST(substr(coalesce(w.date, c.decided, r.created_at), 1, 4) AS INTEGER) AS year, " \
	"  (SELECT group_concat(m.instrument || '/' || m.article, ' ') FROM mapping m " \
	"   WHERE m.work_id = r.id AND m.eid = v.eid AND m.state = 'accepted') AS articles, " \
	"  r.status AS status, r.tlp AS tlp, x.language AS text_lang, " \
	"  coalesce(x.title, r.title) AS title, " \
	"  trim(coalesce(v.num, '') || ' ' || coalesce(v.heading, '')) AS heading, " \
	"  v.text AS body" extra " " \
	"FROM provision v JOIN expression x ON x.id = v.expression_id " \
	"JOIN record r ON r.id = x.work_id JOIN work w ON w.record_id = r.id " \
	"LEFT JOIN caselaw c ON c.record_id = r.id "
/* Since schema version 9, one more column of a provision's row, context: the numbers
 * and headings of the provisions above it (its section's, chapter's, part's), nearest
 * first, indexed at a lower weight than its own heading (fts.c), so that "mutual
 * assistance" + "urgent" finds the article that says "urgent" under the title
 * "Mutual assistance". Cases and lessons have none (NULL). */
#define SEARCH_CONTEXT_COLS \
	", (WITH RECURSIVE up(id, depth) AS (SELECT v.parent_id, 0 UNION ALL " \
	"   SELECT a.parent_id, up.depth + 1 FROM provision a JOIN up ON a.id = up.id " \
	"   WHERE a.parent_id IS NOT NULL AND up.depth < 16) " \
	"  SELECT group_concat(trim(coalesce(a.num, '') || ' ' || coalesce(a.heading, '')), ' ') " \
	"  FROM up JOIN provision a ON a.id = up.id) AS context"
#define SEARCH_PROVISION_COLS SEARCH_PROVISION_COLS_WITH(SEARCH_CONTEXT_COLS)
#define SEARCH_PENDING_LATEST \
	"WHERE x.pending = 0 AND NOT EXISTS (SELECT 1 FROM expression y " \
	"  WHERE y.work_id = x.work_id AND y.language = x.language AND y.pending = 0 " \
	"  AND y.date > x.date)"
#define SEARCH_SOURCE_PROVISION SEARCH_PROVISION_COLS SEARCH_PENDING_LATEST
/* Schema version 8's, without the columns of SEARCH_CONTEXT_COLS. */
#define SEARCH_SOURCE_PROVISION_V8 SEARCH_PROVISION_COLS_WITH("") SEARCH_PENDING_LATEST
/* Before schema version 8 every version was published (no expression.pending). */
#define SEARCH_SOURCE_PROVISION_V4 SEARCH_PROVISION_COLS_WITH("") \
	"WHERE NOT EXISTS (SELECT 1 FROM expression y WHERE y.work_id = x.work_id " \
	"  AND y.language = x.language AND y.date > x.date)"
/* The case and lesson views as migrations 4 and 9 made them; today's are made from the
 * kinds' tables (views.c) at every migrate, with the same columns. */
#define SEARCH_SOURCE_CASE_WITH(extra) \
	"SELECT -r.id AS id, r.id AS record_id, NULL AS eid, r.kind AS kind, r.country AS country, " \
	"  r.region AS region, r.language AS language, " \
	"  CAST(substr(coalesce(c.decided, r.created_at), 1, 4) AS INTEGER) AS year, " \
	"  NULL AS articles, r.status AS status, r.tlp AS tlp, r.language AS text_lang, " \
	"  r.title AS title, " \
	"  trim(coalesce(c.court, '') || ' ' || coalesce(c.citation, '') || ' ' || " \
	"    coalesce(c.parties, '')) AS heading, " \
	"  coalesce(c.summary, '') || char(10, 10) || coalesce(c.facts, '') || char(10, 10) || " \
	"  coalesce(c.outcome, '') || char(10, 10) || coalesce(c.evidence_issues, '') || " \
	"  char(10, 10) || coalesce(c.keywords, '') AS body" extra " " \
	"FROM caselaw c JOIN record r ON r.id = c.record_id"
#define SEARCH_SOURCE_LESSON_WITH(extra) \
	"SELECT -r.id AS id, r.id AS record_id, NULL AS eid, r.kind AS kind, " \
	"  r.country AS country, r.region AS region, r.language AS language, " \
	"  CAST(substr(coalesce(l.date, r.created_at), 1, 4) AS INTEGER) AS year, " \
	"  NULL AS articles, r.status AS status, r.tlp AS tlp, r.language AS text_lang, " \
	"  r.title AS title, l.topic AS heading, l.body AS body" extra " " \
	"FROM lesson l JOIN record r ON r.id = l.record_id"
#define SEARCH_NO_CONTEXT ", NULL AS context"
#define SEARCH_SOURCE_CASE SEARCH_SOURCE_CASE_WITH(SEARCH_NO_CONTEXT)
#define SEARCH_SOURCE_LESSON SEARCH_SOURCE_LESSON_WITH(SEARCH_NO_CONTEXT)
/* Before schema version 9. */
#define SEARCH_SOURCE_CASE_V4 SEARCH_SOURCE_CASE_WITH("")
#define SEARCH_SOURCE_LESSON_V4 SEARCH_SOURCE_LESSON_WITH("")

/* Index the rows of view src (search_source_provision, _case or _lesson) where cond
 * holds. Text never carries the tokenizer's mark (char 31). */
#define SEARCH_ADD(src, cond) \
	SEARCH_ADD_TAGS(src, cond, SEARCH_ACCESS_TAGS, ", context", \
			", replace(context, char(31), ' ')")
/* Schema version 7's and 8's (no context column). */
#define SEARCH_ADD_V7(src, cond) SEARCH_ADD_TAGS(src, cond, SEARCH_ACCESS_TAGS, "", "")
/* Who may read the row (clearance.c), as tags on the rows some may not read only, so
 * that a search excludes a few short lists instead of intersecting long ones: xp on
 * a row the public may not read (not published CLEAR), xs on one that not every
 * account may read (not published CLEAR or GREEN) with xu<author's account>; a published AMBER
 * row's grants ao<owning organisation> ac<country> ag<sharing group>, a published
 * AMBER+STRICT row's so<owning organisation>; a RED row's named readers rn<account>,
 * and rpn<account> when it is published. Rows are aliased d. */
#define SEARCH_OWNER "(SELECT r.owner_org FROM record r WHERE r.id = d.record_id)"
#define SEARCH_ACCESS_TAGS \
	"CASE WHEN d.status = 'published' AND d.tlp = 'CLEAR' THEN '' ELSE ' xp' END || " \
	"CASE WHEN d.status = 'published' AND d.tlp IN ('CLEAR', 'GREEN') THEN '' ELSE ' xs' || " \
	"  coalesce((SELECT ' xu' || r.created_by_user FROM record r " \
	"   WHERE r.id = d.record_id), '') END || " \
	"CASE WHEN d.status = 'published' AND d.tlp = 'AMBER' THEN " \
	"  coalesce(' ao' || " SEARCH_OWNER ", '') || coalesce(' ac' || lower(d.country), '') || " \
	"  coalesce((SELECT ' ag' || group_concat(g.group_id, ' ag') FROM record_group g " \
	"   WHERE g.record_id = d.record_id), '') ELSE '' END || " \
	"CASE WHEN d.status = 'published' AND d.tlp = 'AMBER+STRICT' THEN " \
	"  coalesce(' so' || " SEARCH_OWNER ", '') ELSE '' END || " \
	"CASE WHEN d.tlp = 'RED' THEN " \
	"  coalesce((SELECT ' rn' || group_concat(n.user_id, ' rn') FROM record_reader n " \
	"   WHERE n.record_id = d.record_id), '') || CASE WHEN d.status = 'published' THEN " \
	"  coalesce((SELECT ' rpn' || group_concat(n.user_id, ' rpn') FROM record_reader n " \
	"   WHERE n.record_id = d.record_id), '') ELSE '' END ELSE '' END"
/* Schema version 4 had no access tags (the tables came with version 7). */
#define SEARCH_ADD_V4(src, cond) SEARCH_ADD_TAGS(src, cond, "''", "", "")
/* access: the tags' SQL after the filter tags; cols, vals: more columns of search
 * (", context") and their values. */
#define SEARCH_ADD_TAGS(src, cond, access, cols, vals) \
	"INSERT INTO search_doc(id, record_id, eid, kind, country, region, language, year, " \
	"  articles) SELECT id, record_id, eid, kind, country, region, language, year, " \
	"  articles FROM " src " WHERE " cond ";\n" \
	"INSERT INTO search(rowid, lang, title, heading, body, tags" cols ") SELECT id, " \
	"  char(31) || 'L' || text_lang, replace(title, char(31), ' '), " \
	"  replace(heading, char(31), ' '), replace(body, char(31), ' '), " \
	"  char(31) || '# k' || kind || coalesce(' c' || lower(country), '') || " \
	"  coalesce(' r' || region, '') || coalesce(' y' || year, '') || ' l' || " \
	"  lower(language) || ' s' || status || ' t' || lower(tlp) || " \
	"  coalesce(replace(' ' || articles, ' ', ' a'), '') || " access vals " FROM " src \
	" AS d " \
	"WHERE " cond ";\n"

/* Changes are queued by triggers (search_queue: a record to index again, or one
 * provision) and applied in one go before the transaction commits: FTS5 writes a new
 * segment at every statement that touches it, so row-by-row triggers would make an
 * import of a large law many times slower. */
#define SEARCH_QUEUED_RECORDS "(SELECT record_id FROM search_queue WHERE record_id IS NOT NULL)"
/* a provision queued and the provisions below it (whose context is its heading) */
#define SEARCH_QUEUED_ROWS \
	"(WITH RECURSIVE below(id) AS (SELECT provision_id FROM search_queue " \
	"WHERE provision_id IS NOT NULL UNION SELECT a.id FROM provision a " \
	"JOIN below ON a.parent_id = below.id) SELECT id FROM below)"
/* The generation the queued changes make, and the rows they touch (search_changed
 * lets facets.c bring its copy up to date row by row). */
#define SEARCH_NEXT_GENERATION \
	"coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'search_generation'), 0) + 1"
#define SEARCH_FLUSH \
	"INSERT INTO search_changed(generation, id) SELECT " SEARCH_NEXT_GENERATION ", id " \
	"FROM search_doc WHERE record_id IN " SEARCH_QUEUED_RECORDS " UNION SELECT " \
	SEARCH_NEXT_GENERATION ", id FROM " SEARCH_QUEUED_ROWS " AS q;\n" \
	"DELETE FROM search WHERE rowid IN (SELECT id FROM search_doc WHERE record_id IN " \
	SEARCH_QUEUED_RECORDS ");\n" \
	"DELETE FROM search_doc WHERE record_id IN " SEARCH_QUEUED_RECORDS ";\n" \
	"DELETE FROM search WHERE rowid IN " SEARCH_QUEUED_ROWS ";\n" \
	"DELETE FROM search_doc WHERE id IN " SEARCH_QUEUED_ROWS ";\n" \
	SEARCH_ADD("search_source_provision", "record_id IN " SEARCH_QUEUED_RECORDS) \
	SEARCH_ADD("search_source_provision", "id IN " SEARCH_QUEUED_ROWS \
		   " AND record_id NOT IN " SEARCH_QUEUED_RECORDS) \
	SEARCH_ADD("search_source_case", "record_id IN " SEARCH_QUEUED_RECORDS) \
	SEARCH_ADD("search_source_lesson", "record_id IN " SEARCH_QUEUED_RECORDS) \
	"INSERT INTO search_changed(generation, id) SELECT " SEARCH_NEXT_GENERATION ", id " \
	"FROM search_doc WHERE record_id IN " SEARCH_QUEUED_RECORDS ";\n" \
	"DELETE FROM search_queue;\n" SEARCH_BUMP \
	"DELETE FROM search_changed WHERE generation < " SEARCH_NEXT_GENERATION " - " \
	SEARCH_CHANGED_KEEP ";\n"
/* generations of changes kept; a copy older than that is loaded again whole */
#define SEARCH_CHANGED_KEEP "200"

/* Every change of the index counts one more generation (facets.c reloads then). */
#define SEARCH_BUMP \
	"INSERT INTO meta(key, value) VALUES ('search_generation', '1') ON CONFLICT(key) " \
	"DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT);\n"

/* Everything from scratch. */
#define SEARCH_REBUILD_WITH(add) \
	"DELETE FROM search; DELETE FROM search_doc; DELETE FROM search_queue;\n" \
	"DELETE FROM search_changed;\n" \
	add("search_source_provision", "1") add("search_source_case", "1") \
	add("search_source_lesson", "1") SEARCH_BUMP
#define SEARCH_REBUILD SEARCH_REBUILD_WITH(SEARCH_ADD)
#define SEARCH_REBUILD_V7 SEARCH_REBUILD_WITH(SEARCH_ADD_V7)
#define SEARCH_REBUILD_V4 SEARCH_REBUILD_WITH(SEARCH_ADD_V4)

#endif
