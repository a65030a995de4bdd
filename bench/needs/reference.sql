-- The reference of bench/needs.sh: the needs from answers, as one plain SQL query in
-- the sqlite3 shell, as a curator reads them (every answer; docs/questionnaire.md,
-- "Needs from answers"). Per country, its latest campaign (highest id) whose answer
-- is submitted or accepted; in it, every stage question answered below the target
-- stage 3 (stages short: 3 - stage) and every yes / partly / no question answered
-- "no" (2) or "partly" (1); score 2 (the default stage weight) x stages short; ranked
-- by score, then country, then question (row_number() forces the sort). No gaps, no
-- stated needs, no weights read, no reading rules, no evidence, no output but a line:
-- the bare query the answers' needs rest on. :country is empty for every country.
-- Prints the number of needs, their total score and the last rank.
WITH latest AS (
  SELECT country, max(campaign) AS campaign FROM campaign_country
  WHERE status IN ('submitted', 'accepted') AND (:country = '' OR country = :country)
  GROUP BY country
), short AS (
  SELECT v.country, v.question, q.dimension, v.evidence,
    CASE q.kind
      WHEN 'stage' THEN 3 - CAST(v.value AS INTEGER)
      ELSE CASE v.value WHEN 'no' THEN 2 WHEN 'partly' THEN 1 ELSE 0 END
    END AS stages
  FROM latest l
  JOIN answer_value v ON v.campaign = l.campaign AND v.country = l.country
  JOIN campaign c ON c.id = l.campaign
  JOIN questionnaire_question q ON q.template = c.template AND q.version = c.version
    AND q.question = v.question
  WHERE q.kind IN ('stage', 'yes_partly_no')
)
SELECT count(*) AS needs, sum(score) AS total, max(rank) AS last FROM (
  SELECT 2.0 * stages AS score,
    row_number() OVER (ORDER BY 2.0 * stages DESC, country, question) AS rank
  FROM short WHERE stages > 0
);
