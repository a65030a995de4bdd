/* xapian_ref: the Xapian reference ranker of tests/integration/test_relevance.c.
 *
 *   xapian_ref DOCS.tsv QUERIES.tsv
 *
 * DOCS.tsv: key<TAB>lang<TAB>title<TAB>heading<TAB>body per line (no tab or newline
 * inside a field; lang an ISO 639-1 code). QUERIES.tsv: query<TAB>lang per line.
 * Prints one line per query: the keys of its top 10, space-separated (empty when
 * nothing matches).
 *
 * The index (in memory): TermGenerator with the stemmer of the document's language
 * (english, french, spanish, russian, arabic; none for others), STEM_SOME (every word
 * as typed, with positions, and as a Z-prefixed stem); the heading weighted 3, the
 * title and the body 1 (as xapian_bench in bench/search does, with the heading
 * higher than the title: the title is the law's, the same for all its provisions).
 * A query goes through QueryParser with the stemmer of the query's language (as a
 * user's setting would choose it), STEM_SOME, phrases and hyphenated words as
 * Xapian reads them; all the words (OP_AND) first, ranked by BM25, and when fewer
 * than 10 documents have them all, the rest of the 10 from any word (OP_OR), ranked
 * by BM25 too. */
#include <xapian.h>

#include <cstdio>
#include <cstring>
#include <set>
#include <string>
#include <vector>

static const char *stemmer_of(const std::string &lang)
{
	static const char *const names[][2] = {
		{ "en", "english" }, { "fr", "french" }, { "es", "spanish" },
		{ "ru", "russian" }, { "ar", "arabic" },
	};

	for (const auto &n : names)
		if (lang == n[0])
			return n[1];
	return "none";
}

static std::vector<std::string> fields(const char *line)
{
	std::vector<std::string> f;
	std::string cur;

	for (const char *c = line; *c && *c != '\n' && *c != '\r'; c++) {
		if (*c == '\t') {
			f.push_back(cur);
			cur.clear();
		} else {
			cur += *c;
		}
	}
	f.push_back(cur);
	return f;
}

static int build(Xapian::WritableDatabase &db, std::vector<std::string> &keys,
		 const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	Xapian::TermGenerator tg;

	if (!f) {
		perror(path);
		return 1;
	}
	tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
	while (getline(&line, &cap, f) > 0) {
		std::vector<std::string> c = fields(line);
		Xapian::Document doc;

		if (c.size() < 5)
			continue;
		tg.set_stemmer(Xapian::Stem(stemmer_of(c[1])));
		tg.set_document(doc);
		tg.index_text(c[2]);
		tg.increase_termpos();
		tg.index_text(c[3], 3);
		tg.increase_termpos();
		tg.index_text(c[4]);
		db.add_document(doc);
		keys.push_back(c[0]);
	}
	free(line);
	fclose(f);
	return 0;
}

/* The top 10 of text: all the words, then any of them. */
static void run(Xapian::Database &db, const std::vector<std::string> &keys,
		const std::string &text, const std::string &lang)
{
	Xapian::QueryParser qp;
	Xapian::Enquire enq(db);
	std::set<Xapian::docid> seen;
	std::string out;
	static const Xapian::Query::op ops[] = { Xapian::Query::OP_AND, Xapian::Query::OP_OR };

	qp.set_database(db);
	qp.set_stemmer(Xapian::Stem(stemmer_of(lang)));
	qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
	for (Xapian::Query::op op : ops) {
		if (seen.size() >= 10)
			break;
		qp.set_default_op(op);
		enq.set_query(qp.parse_query(text, Xapian::QueryParser::FLAG_PHRASE));
		Xapian::MSet m = enq.get_mset(0, 10);
		for (Xapian::MSetIterator it = m.begin(); it != m.end() && seen.size() < 10; ++it)
			if (seen.insert(*it).second) {
				if (!out.empty())
					out += ' ';
				out += keys[*it - 1];
			}
	}
	printf("%s\n", out.c_str());
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: xapian_ref DOCS.tsv QUERIES.tsv\n");
		return 2;
	}
	try {
		Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
		std::vector<std::string> keys;
		FILE *f;
		char *line = NULL;
		size_t cap = 0;

		if (build(db, keys, argv[1]))
			return 1;
		db.commit();
		if (!(f = fopen(argv[2], "r"))) {
			perror(argv[2]);
			return 1;
		}
		while (getline(&line, &cap, f) > 0) {
			std::vector<std::string> c = fields(line);

			run(db, keys, c[0], c.size() > 1 ? c[1] : "");
		}
		free(line);
		fclose(f);
	} catch (const Xapian::Error &e) {
		fprintf(stderr, "xapian_ref: %s\n", e.get_description().c_str());
		return 1;
	}
	return 0;
}
