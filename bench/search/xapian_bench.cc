/* xapian_bench: the Xapian reference of the search benchmark.
 *
 *   xapian_bench build DIR docs.tsv     index gen.py's provisions; prints
 *                                       BUILD xapian seconds bytes
 *   xapian_bench run DIR queries.tsv [--threads 1,2] [--max N] [--counts FILE]
 *                                       [--max-seconds S]
 *
 * The index: TermGenerator with the english stemmer (STEM_SOME: every word as typed,
 * with positions, and uncapitalised words also as Z-prefixed stems), title (wdf x3),
 * heading (x2) and body (x1) in one field; boolean filter terms XC<country>,
 * XK<kind>, XY<year>, XL<lang>; values 0-3 country, kind, year, lang for the facets;
 * the document data is title, heading and body (for the snippets).
 *
 * A query is built by hand: a word is OR(Z<stem>, <word>) (the stem, or the word as
 * typed where it was capitalised and so not stemmed), a phrase is OP_PHRASE over
 * the words, the parts are ANDed, and when fewer than 10 documents have them all,
 * ORed (any word, ranked by BM25 after them: as ccrepo falls back to some of the
 * words); filters are OP_FILTER on the boolean terms, the
 * year range OP_VALUE_RANGE on value 2. Per query, as ccrepo: the top 10 (BM25), the
 * title, heading and a snippet (MSet::snippet) of each, and the facets from a
 * ValueCountMatchSpy per facet with checkatleast = the document count (so that the
 * counts are exact, as ccrepo's and FTS5's are). A second engine,
 * "xapian-nofacets", runs the same queries without spies and with the default
 * checkatleast (an estimated total): the cost of exact facets. Each thread has its
 * own Xapian::Database. */
#include <xapian.h>

#include <string>
#include <vector>

#include <dirent.h>
#include <sys/stat.h>

#include "harness.h"

static std::string unesc(const char *s)
{
	std::string r;

	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			r += *s == 'n' ? '\n' : *s == 't' ? '\t' : *s;
		} else {
			r += *s;
		}
	}
	return r;
}

static long long dir_size(const std::string &dir)
{
	long long n = 0;
	DIR *d = opendir(dir.c_str());
	struct dirent *de;

	while (d && (de = readdir(d))) {
		struct stat st;

		if (!stat((dir + "/" + de->d_name).c_str(), &st) && S_ISREG(st.st_mode))
			n += (long long)st.st_size;
	}
	if (d)
		closedir(d);
	return n;
}

static int build(const char *dir, const char *tsv)
{
	FILE *f = fopen(tsv, "r");
	size_t cap = 0;
	char *line = NULL;
	long long n = 0;
	double t0 = bench_now();

	if (!f) {
		perror(tsv);
		return 1;
	}
	try {
		Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE);
		Xapian::TermGenerator tg;

		tg.set_stemmer(Xapian::Stem("english"));
		tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
		while (getline(&line, &cap, f) > 0) {
			char *s = line, *c[11];

			line[strcspn(line, "\n")] = 0;
			for (int i = 0; i < 11; i++)
				c[i] = bench_field(&s);
			/* id uri eid country kind year lang title heading body articles */
			std::string title = unesc(c[7]), heading = unesc(c[8]), body = unesc(c[9]);
			Xapian::Document doc;

			tg.set_document(doc);
			tg.index_text(title, 3);
			tg.increase_termpos();
			tg.index_text(heading, 2);
			tg.increase_termpos();
			tg.index_text(body);
			doc.add_boolean_term(std::string("XC") + c[3]);
			doc.add_boolean_term(std::string("XK") + c[4]);
			doc.add_boolean_term(std::string("XY") + c[5]);
			doc.add_boolean_term(std::string("XL") + c[6]);
			doc.add_value(0, c[3]);
			doc.add_value(1, c[4]);
			doc.add_value(2, c[5]);
			doc.add_value(3, c[6]);
			doc.set_data(title + '\t' + heading + '\t' + body);
			if (db.add_document(doc) != (Xapian::docid)atoll(c[0]))
				throw Xapian::InvalidArgumentError("ids must be 1, 2, 3...");
			n++;
		}
		db.commit();
		db.close();
	} catch (const Xapian::Error &e) {
		fprintf(stderr, "xapian_bench: %s\n", e.get_description().c_str());
		return 1;
	}
	free(line);
	fclose(f);
	printf("BUILD xapian %.1f %lld %lld\n", bench_now() - t0, dir_size(dir), n);
	return 0;
}

static const char *dbdir;

struct ctx {
	Xapian::Database db;
	Xapian::Stem stem{"english"};
	bool facets;
};

static void *ctx_open(void *arg, int thread)
{
	(void)thread;
	try {
		ctx *c = new ctx;

		c->db = Xapian::Database(dbdir);
		c->facets = arg != NULL;
		return c;
	} catch (const Xapian::Error &e) {
		fprintf(stderr, "xapian_bench: %s: %s\n", dbdir, e.get_description().c_str());
		return NULL;
	}
}

static void ctx_close(void *p)
{
	delete (ctx *)p;
}

static long long run(void *p, const struct bq *q)
{
	ctx *c = (ctx *)p;

	try {
		Xapian::Enquire enq(c->db);
		std::vector<Xapian::Query> and_parts, filters;
		std::string t = q->terms;

		for (size_t i = 0; i < t.size();) {
			size_t k = t.find('|', i);
			std::string item = t.substr(i, k == std::string::npos ? std::string::npos : k - i);
			std::vector<Xapian::Query> words;

			i = k == std::string::npos ? t.size() : k + 1;
			for (size_t j = 0; j < item.size();) {
				size_t sp = item.find(' ', j);
				std::string w = item.substr(j, sp == std::string::npos ? std::string::npos
							       : sp - j);
				j = sp == std::string::npos ? item.size() : sp + 1;
				if (!w.empty())
					words.push_back(Xapian::Query(w));
			}
			if (words.size() > 1) {
				and_parts.push_back(Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(),
								  words.end(), (Xapian::termcount)words.size()));
			} else if (words.size() == 1) {
				std::string w = item;
				and_parts.push_back(Xapian::Query(Xapian::Query::OP_OR,
								  Xapian::Query("Z" + c->stem(w)),
								  Xapian::Query(w)));
			}
		}
		Xapian::Query query(Xapian::Query::OP_AND, and_parts.begin(), and_parts.end());
		Xapian::Query any(Xapian::Query::OP_OR, and_parts.begin(), and_parts.end());
		if (*q->country)
			filters.push_back(Xapian::Query(std::string("XC") + q->country));
		if (*q->kind)
			filters.push_back(Xapian::Query(std::string("XK") + q->kind));
		if (*q->lang)
			filters.push_back(Xapian::Query(std::string("XL") + q->lang));
		if (q->year_from || q->year_to)
			filters.push_back(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, 2,
							std::to_string(q->year_from ? q->year_from : 0),
							std::to_string(q->year_to ? q->year_to : 9999)));
		if (!filters.empty()) {
			Xapian::Query f(Xapian::Query::OP_AND, filters.begin(), filters.end());

			query = Xapian::Query(Xapian::Query::OP_FILTER, query, f);
			any = Xapian::Query(Xapian::Query::OP_FILTER, any, f);
		}
		enq.set_query(query);
		Xapian::ValueCountMatchSpy spies[4] = { Xapian::ValueCountMatchSpy(0),
			Xapian::ValueCountMatchSpy(1), Xapian::ValueCountMatchSpy(2),
			Xapian::ValueCountMatchSpy(3) };
		if (c->facets)
			for (auto &s : spies)
				enq.add_matchspy(&s);
		Xapian::MSet m = c->facets ? enq.get_mset(0, 10, c->db.get_doccount())
					   : enq.get_mset(0, 10);
		long long total = (long long)m.get_matches_estimated();	/* every word's */

		if (m.size() < 10 && and_parts.size() > 1) {	/* the fallback: any word */
			enq.set_query(any);
			m = c->facets ? enq.get_mset(0, 10, c->db.get_doccount())
				      : enq.get_mset(0, 10);
		}
		for (Xapian::MSetIterator it = m.begin(); it != m.end(); ++it) {
			std::string data = it.get_document().get_data();
			size_t b = data.find('\t', data.find('\t') + 1);
			std::string snip = m.snippet(data.substr(b + 1), 200, c->stem);
			(void)snip;
		}
		long long facet_values = 0;
		if (c->facets)
			for (auto &s : spies)
				for (Xapian::TermIterator v = s.values_begin(); v != s.values_end(); ++v)
					facet_values += v.get_termfreq() > 0;
		(void)facet_values;
		return total;
	} catch (const Xapian::Error &e) {
		fprintf(stderr, "xapian_bench: query %d %s: %s\n", q->id, q->query,
			e.get_description().c_str());
		return -1;
	}
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "build"))
		return build(argv[2], argv[3]);
	if (argc >= 4 && !strcmp(argv[1], "run")) {
		static int yes = 1;
		struct bench_engine with = { "xapian", ctx_open, run, ctx_close, &yes };
		struct bench_engine without = { "xapian-nofacets", ctx_open, run, ctx_close, NULL };
		std::vector<char *> args(argv + 4, argv + argc);
		int rc;

		dbdir = argv[2];
		rc = bench_main(&with, argv[3], argc - 4, argv + 4);
		/* the counts file is the faceted run's (exact totals) */
		for (size_t i = 0; i + 1 < args.size(); i += 2)
			if (!strcmp(args[i], "--counts"))
				args[i + 1] = (char *)"/dev/null";
		return bench_main(&without, argv[3], (int)args.size(), args.data()) | rc;
	}
	fprintf(stderr, "usage: xapian_bench build DIR docs.tsv\n"
		"       xapian_bench run DIR queries.tsv [--threads 1,2] [--max N] "
		"[--counts FILE] [--max-seconds S]\n");
	return 2;
}
