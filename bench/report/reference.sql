-- The reports benchmark's reference (bench/report.sh): the counts the first sections of
-- a report rest on, for the year :from..:to and the country :country ('' the world), as
-- plain SQL over the same file: the versions of published CLEAR laws (one per work and
-- date), published CLEAR cases and lessons, the activities of CLEAR requests that ended
-- in the year with their people trained, and the pledges dated in it. A floor: no
-- coverage, no needs, no reading rules beyond the label.
SELECT
  (SELECT count(*) FROM (SELECT r.id, x.date FROM record r
     JOIN expression x ON x.work_id = r.id AND x.pending = 0
     WHERE r.kind = 'legislation' AND r.status = 'published' AND r.tlp = 'CLEAR'
       AND x.date BETWEEN :from AND :to AND (:country = '' OR r.country = :country)
     GROUP BY r.id, x.date)) AS law_versions,
  (SELECT count(*) FROM record r JOIN caselaw c ON c.record_id = r.id
     WHERE r.kind = 'case' AND r.status = 'published' AND r.tlp = 'CLEAR'
       AND coalesce(c.decided, substr(r.created_at, 1, 10)) BETWEEN :from AND :to
       AND (:country = '' OR r.country = :country)) AS cases,
  (SELECT count(*) FROM record r JOIN lesson l ON l.record_id = r.id
     WHERE r.kind = 'lesson' AND r.status = 'published' AND r.tlp = 'CLEAR'
       AND coalesce(l.date, substr(r.created_at, 1, 10)) BETWEEN :from AND :to
       AND (:country = '' OR r.country = :country)) AS lessons,
  (SELECT count(*) || ' activities, ' || coalesce(sum(police_female + police_male + police_other
       + prosecutor_female + prosecutor_male + prosecutor_other + judge_female + judge_male
       + judge_other + cert_female + cert_male + cert_other + other_female + other_male
       + other_other), 0) || ' trained'
     FROM assist_activity a JOIN assist_request q ON q.id = a.request
     WHERE q.tlp = 'CLEAR' AND a.date_to BETWEEN :from AND :to
       AND (:country = '' OR q.country = :country)) AS activities,
  (SELECT count(*) FROM assist_funding f JOIN assist_request q ON q.id = f.request
     WHERE q.tlp = 'CLEAR' AND f.kind = 'pledge' AND f.on_date BETWEEN :from AND :to
       AND (:country = '' OR q.country = :country)) AS pledges;
