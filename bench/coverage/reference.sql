-- The reference of bench/coverage.sh: what the coverage matrix needs from the
-- database, as one plain SQL aggregate in the sqlite3 shell. For each country and
-- article, whether a published CLEAR law of the country has a provision mapped
-- (accepted) to it in its latest version that is not pending and is dated today or
-- earlier, and the best extent (1: some mapping is full). No cross-walk, no counted
-- articles, no assessments or disputes, no clearance function, no valid_to: the
-- bare join and group that ccrepo's matrix is built on. Prints the number of cells
-- with evidence and how many are covered in full.
SELECT count(*) AS cells, sum(best) AS full_cells FROM (
  SELECT r.country, m.instrument, m.article, max(m.extent = 'full') AS best
  FROM record r
  JOIN work w ON w.record_id = r.id
  JOIN expression x ON x.id = (
    SELECT x2.id FROM expression x2
    WHERE x2.work_id = r.id AND x2.pending = 0 AND x2.date <= date('now')
    ORDER BY x2.date DESC, x2.id DESC LIMIT 1)
  JOIN mapping m ON m.work_id = r.id AND m.state = 'accepted'
  JOIN provision v ON v.expression_id = x.id AND v.eid = m.eid
  WHERE r.kind = 'legislation' AND r.status = 'published' AND r.tlp = 'CLEAR'
    AND r.country IS NOT NULL
  GROUP BY r.country, m.instrument, m.article
);
