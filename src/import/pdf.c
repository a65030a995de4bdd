#include "import/pdf.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>
#include <poppler.h>

#include "core/sbuf.h"
#include "core/xalloc.h"

#define MAX_GAPS 8		/* empty vertical strips considered on one page */
#define MAX_REGIONS (MAX_GAPS + 1)
#define MAX_WIDTH 5000		/* points: wider pages are measured at this width */
#define MIN_COLUMN_LINES 4	/* fewer lines on a page: no column analysis */
#define MARGIN 0.12		/* top and bottom eighth or so of a page: running heads */
#define REPEAT_SHARE 0.30	/* of the pages, for a running head */
#define MAX_KEY 120		/* bytes of a running head's key */
#define MAX_KEY_WORDS 24	/* words of a running head's key */
#define MAX_NOTES 64		/* marginal notes kept as headings, per band */
#define LETTER(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') || \
		   (unsigned char)(c) >= 0x80)

/* A word: characters between spaces, with its box (points, origin top left). */
struct word {
	double x1, y1, x2, y2;
	size_t off, len;	/* in the page's chars */
	size_t seq;		/* index in poppler's order */
	int sp;			/* poppler had a space (or line end) before it */
	int col;		/* column, -1 when dropped (a marginal note) */
};

/* Words of one page and the line being grouped. */
struct page {
	struct word *w;
	size_t nw, capw;
	struct sbuf chars;
	double width, height;
};

/* A physical line: indices of its words, left to right. */
struct line {
	size_t *idx;
	size_t n;
	double y1, y2;
};

struct lines {
	struct line *l;
	size_t n, cap;
};

/* A line as written, before running heads are taken out. */
struct oline {
	char *text;
	char *key;		/* normalised, when in the top or bottom margin */
	int top;		/* in the top margin */
	int drop;
};

struct opage {
	struct oline *l;
	size_t n, cap;
};

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

/* poppler reports damaged objects through g_log in its own domain: not to stderr. */
static void quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer u)
{
	(void)domain, (void)level, (void)msg, (void)u;
}

/* The smallest PDF: opening it makes poppler set up its global state once, here,
 * rather than racing in two threads that open their first documents together. */
static const char tiny_pdf[] =
	"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
	"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
	"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >> endobj\n"
	"trailer << /Root 1 0 R /Size 4 >>\n%%EOF\n";

static void init_poppler(void)
{
	GBytes *bytes = g_bytes_new_static(tiny_pdf, sizeof(tiny_pdf) - 1);
	PopplerDocument *doc;

	g_log_set_handler("Poppler", (GLogLevelFlags)(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL |
						      G_LOG_FLAG_RECURSION),
			  quiet_log, NULL);
	if ((doc = poppler_document_new_from_bytes(bytes, NULL, NULL)))
		g_object_unref(doc);
	g_bytes_unref(bytes);
}

/* ---- words ---- */

static int is_space_cp(unsigned cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xa0 ||
	       cp == 0x2007 || cp == 0x202f || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x3000;
}

/* Dropped from the text: controls, the soft hyphen, zero-width characters. */
static int is_dropped_cp(unsigned cp)
{
	return cp < 0x20 || cp == 0x7f || cp == 0xad || (cp >= 0x200b && cp <= 0x200d) ||
	       cp == 0xfeff || cp == 0xfffd;
}

static void word_close(struct page *pg, struct word *cur, int *open)
{
	if (!*open)
		return;
	if (pg->nw == pg->capw) {
		pg->capw = pg->capw ? pg->capw * 2 : 256;
		pg->w = xrealloc(pg->w, pg->capw * sizeof(*pg->w));
	}
	cur->len = pg->chars.len - cur->off;
	pg->w[pg->nw++] = *cur;
	*open = 0;
}

/* Whether a character at r continues the word cur: same height, next to it. */
static int continues(const struct word *cur, const PopplerRectangle *r)
{
	double h = cur->y2 - cur->y1, mid = (r->y1 + r->y2) / 2;

	return mid >= cur->y1 - h * 0.2 && mid <= cur->y2 + h * 0.2 && r->x1 >= cur->x2 - h &&
	       r->x1 <= cur->x2 + h * 0.3;
}

/* Split the page's text into words, with their boxes. text has one rectangle per
 * character (rects[0..n)). */
static void page_words(struct page *pg, const char *text, const PopplerRectangle *rects,
		       guint n)
{
	struct word cur = { 0 };
	int open = 0, sp = 1;
	size_t seq = 0;
	guint i = 0;

	for (const char *s = text; *s && i < n; s = g_utf8_next_char(s), i++) {
		gunichar cp = g_utf8_get_char(s);
		const PopplerRectangle *r = &rects[i];

		if (is_space_cp(cp)) {
			word_close(pg, &cur, &open);
			sp = 1;
			continue;
		}
		if (is_dropped_cp(cp) || r->x2 < r->x1 || r->y2 < r->y1)
			continue;
		if (open && !continues(&cur, r))
			word_close(pg, &cur, &open);
		if (!open) {
			cur = (struct word){ r->x1, r->y1, r->x2, r->y2, pg->chars.len, 0, seq++,
					     sp, 0 };
			open = 1;
			sp = 0;
		}
		cur.x1 = fmin(cur.x1, r->x1);
		cur.y1 = fmin(cur.y1, r->y1);
		cur.x2 = fmax(cur.x2, r->x2);
		cur.y2 = fmax(cur.y2, r->y2);
		sbuf_add(&pg->chars, s, (size_t)(g_utf8_next_char(s) - s));
	}
	word_close(pg, &cur, &open);
}

/* ---- lines ---- */

static int by_middle(const void *a, const void *b, void *ctx)
{
	const struct word *w = ctx, *x = &w[*(const size_t *)a], *y = &w[*(const size_t *)b];
	double mx = x->y1 + x->y2, my = y->y1 + y->y2;

	return mx < my ? -1 : mx > my ? 1 : x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}

static int by_left(const void *a, const void *b, void *ctx)
{
	const struct word *w = ctx, *x = &w[*(const size_t *)a], *y = &w[*(const size_t *)b];

	return x->x1 < y->x1 ? -1 : x->x1 > y->x1 ? 1 : (x->seq > y->seq) - (x->seq < y->seq);
}

static void sort_idx(const struct word *w, size_t *idx, size_t n,
		     int (*cmp)(const void *, const void *, void *))
{
	qsort_r(idx, n, sizeof(*idx), cmp, (void *)w);
}

static void lines_release(struct lines *ls)
{
	for (size_t i = 0; i < ls->n; i++)
		free(ls->l[i].idx);
	free(ls->l);
	memset(ls, 0, sizeof(*ls));
}

/* Whether w overlaps the band [y1, y2) by half of the smaller height. */
static int same_line(const struct word *w, double y1, double y2)
{
	double ov = fmin(w->y2, y2) - fmax(w->y1, y1);
	double h = fmin(w->y2 - w->y1, y2 - y1);

	return ov > 0 && ov >= h * 0.5;
}

/* Group the words idx[0..n) into physical lines, top to bottom, each left to right.
 * A line's reference band is its tallest word, so lines of two columns printed at
 * nearly the same height do not chain into one. */
static void group_lines(const struct page *pg, const size_t *idx, size_t n, struct lines *out)
{
	size_t *ord = xmalloc((n ? n : 1) * sizeof(*ord));
	double ry1 = 0, ry2 = 0;

	if (n)
		memcpy(ord, idx, n * sizeof(*ord));
	sort_idx(pg->w, ord, n, by_middle);
	for (size_t i = 0; i < n; i++) {
		const struct word *w = &pg->w[ord[i]];
		struct line *l = out->n ? &out->l[out->n - 1] : NULL;

		if (!l || !same_line(w, ry1, ry2)) {
			if (out->n == out->cap) {
				out->cap = out->cap ? out->cap * 2 : 64;
				out->l = xrealloc(out->l, out->cap * sizeof(*out->l));
			}
			l = &out->l[out->n++];
			*l = (struct line){ xmalloc(n * sizeof(size_t)), 0, w->y1, w->y2 };
			ry1 = w->y1;
			ry2 = w->y2;
		}
		if (w->y2 - w->y1 > ry2 - ry1) {
			ry1 = w->y1;
			ry2 = w->y2;
		}
		l->idx[l->n++] = ord[i];
		l->y1 = fmin(l->y1, w->y1);
		l->y2 = fmax(l->y2, w->y2);
	}
	for (size_t i = 0; i < out->n; i++)
		sort_idx(pg->w, out->l[i].idx, out->l[i].n, by_left);
	free(ord);
}

/* ---- columns and marginal notes ---- */

struct gap {
	int x1, x2;
};

/* Whether a line (its middle) is in the top or bottom margin. */
static int in_margin(const struct page *pg, double y1, double y2)
{
	double mid = (y1 + y2) / 2;

	return mid <= pg->height * MARGIN || mid >= pg->height * (1 - MARGIN);
}

static int clampx(double x)
{
	return x < 0 ? 0 : x > MAX_WIDTH ? MAX_WIDTH : (int)x;
}

/* The empty vertical strips between the page's text, left to right. */
static int find_gaps(const struct page *pg, const struct lines *ls, struct gap *g)
{
	int *cover = xcalloc(MAX_WIDTH + 2, sizeof(int)), *stamp = xcalloc(MAX_WIDTH + 2,
									   sizeof(int));
	int lo = -1, hi = -1, ng = 0, nl = 0, tol, run = -1;

	for (size_t i = 0; i < ls->n; i++) {
		const struct line *l = &ls->l[i];

		if (in_margin(pg, l->y1, l->y2))
			continue;
		nl++;
		for (size_t k = 0; k < l->n; k++) {
			const struct word *w = &pg->w[l->idx[k]];

			for (int x = clampx(w->x1); x < clampx(ceil(w->x2)); x++)
				if (stamp[x] != nl) {
					stamp[x] = nl;
					cover[x]++;
				}
		}
	}
	tol = nl / 20 > 1 ? nl / 20 : 1;
	for (int x = 0; x <= MAX_WIDTH && nl >= MIN_COLUMN_LINES; x++)
		if (cover[x] > tol) {
			if (lo < 0)
				lo = x;
			hi = x;
		}
	for (int x = lo; lo >= 0 && x <= hi + 1 && ng < MAX_GAPS; x++) {
		if (x <= hi && cover[x] <= tol) {
			if (run < 0)
				run = x;
			continue;
		}
		if (run >= 0 && x - run >= PDF_GUTTER)
			g[ng++] = (struct gap){ run, x };
		run = -1;
	}
	free(cover);
	free(stamp);
	return ng;
}

/* Whether a region's words are mostly words of letters (a note), not numbers. */
static int wordy(const struct page *pg, const int *region, int r)
{
	size_t words = 0, letters = 0;

	for (size_t i = 0; i < pg->nw; i++) {
		const char *s = pg->chars.buf + pg->w[i].off;
		size_t n = 0;

		if (region[i] != r)
			continue;
		words++;
		for (size_t k = 0; k < pg->w[i].len; k++)
			n += (s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
			     (unsigned char)s[k] >= 0xc0;
		letters += n >= 3;
	}
	return words >= 2 && letters * 2 >= words;
}

/* Give each word its column (-1: a marginal note, dropped); the number of columns. */
static int assign_columns(struct page *pg, const struct gap *g, int ng)
{
	int *region = xmalloc((pg->nw ? pg->nw : 1) * sizeof(int)), col[MAX_REGIONS];
	size_t weight[MAX_REGIONS] = { 0 }, total = 0;
	int ncols = 0;

	for (size_t i = 0; i < pg->nw; i++) {
		int r = 0;

		/* by where the word starts: one that runs into a gap is of its left */
		while (r < ng && pg->w[i].x1 >= (g[r].x1 + g[r].x2) / 2.0)
			r++;
		region[i] = r;
		weight[r] += pg->w[i].len;
		total += pg->w[i].len;
	}
	for (int r = 0; r <= ng; r++)
		col[r] = weight[r] * 5 >= total ? ncols++ : -2;
	for (int r = 0; r <= ng; r++) {
		int left = r, right = r;

		if (col[r] != -2)
			continue;
		while (left >= 0 && col[left] < 0)
			left--;
		while (right <= ng && col[right] < 0)
			right++;
		/* a note beside the text: any on the right; on the left, words, since
		 * numbers there stay with the text they number */
		if (right > ng || (left < 0 && wordy(pg, region, r)))
			col[r] = -1;
		else
			col[r] = right <= ng ? col[right] : left >= 0 ? col[left] : 0;
	}
	for (size_t i = 0; i < pg->nw; i++)
		pg->w[i].col = col[region[i]];
	free(region);
	return ncols ? ncols : 1;
}

/* Whether the line crosses one of the gaps (a heading over two columns): a word of it
 * starts inside the gap or covers its middle. A line that only runs into a gap, or
 * has words on both sides of it (text and its marginal note), does not. */
static int spans(const struct page *pg, const struct line *l, const struct gap *g, int ng)
{
	for (size_t k = 0; k < l->n; k++)
		for (int i = 0; i < ng; i++) {
			const struct word *w = &pg->w[l->idx[k]];
			double mid = (g[i].x1 + g[i].x2) / 2.0;

			if ((w->x1 > g[i].x1 + 1 && w->x1 < g[i].x2 - 1) ||
			    (w->x1 <= mid && w->x2 >= mid))
				return 1;
		}
	return 0;
}

/* ---- writing ---- */

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The key of a running head: its words of letters, lowercase, in alphabetical order
 * (a head on even pages has its parts the other way round), numbers left out. */
static char *head_key(const char *s)
{
	char *words[MAX_KEY_WORDS], *k = xmalloc(MAX_KEY + 1), buf[MAX_KEY + 1];
	size_t n = 0, nw = 0;

	while (*s && nw < MAX_KEY_WORDS && n < MAX_KEY) {
		char *w = buf + n;

		while (*s && !LETTER(*s))
			s++;
		while (*s && LETTER(*s) && n < MAX_KEY)
			buf[n++] = *s >= 'A' && *s <= 'Z' ? (char)(*s++ - 'A' + 'a') : *s++;
		if (buf + n > w) {
			buf[n++] = '\0';
			words[nw++] = w;
		}
	}
	qsort(words, nw, sizeof(*words), by_str);
	n = 0;
	for (size_t i = 0; i < nw; i++) {
		size_t len = strlen(words[i]);

		if (n + len + 1 > MAX_KEY)
			break;
		memcpy(k + n, words[i], len);
		n += len;
		k[n++] = ' ';
	}
	k[n] = '\0';
	return k;
}

/* "3", "- 3 -", "Page 3 of 40", "3/40", "iv": only a page number. */
static int page_number(const char *line)
{
	static const char *const words[] = { "page", "of", "p" };
	int digits = 0;

	for (const char *s = line; *s;) {
		size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
		int known = n == strspn(s, "ivxlcIVXLC");	/* a roman number */

		for (size_t i = 0; n && i < sizeof(words) / sizeof(words[0]); i++)
			known |= strlen(words[i]) == n && !strncasecmp(s, words[i], n);
		if (n && !known)
			return 0;
		if (!n && *s >= '0' && *s <= '9')
			digits = 1;
		else if (!n && !strchr(" -/.\u2013", *s) && (unsigned char)*s < 0x80)
			return 0;
		s += n ? n : 1;
	}
	return digits || (*line && strspn(line, "ivxlcIVXLC- ") == strlen(line));
}

static void opage_add(struct opage *op, const struct page *pg, const struct sbuf *sb,
		      double y1, double y2)
{
	struct oline *o;

	if (!sb->len)
		return;
	if (op->n == op->cap) {
		op->cap = op->cap ? op->cap * 2 : 64;
		op->l = xrealloc(op->l, op->cap * sizeof(*op->l));
	}
	o = &op->l[op->n++];
	o->text = xstrndup(sb->buf, sb->len);
	o->key = in_margin(pg, y1, y2) ? head_key(o->text) : NULL;
	o->top = (y1 + y2) / 2 <= pg->height * MARGIN;
	o->drop = o->key && page_number(o->text);
}

/* The words of l in column c (c < 0: all of them) as one line of text, into sb. */
static void line_text(const struct page *pg, const struct line *l, int c, struct sbuf *sb)
{
	const struct word *prev = NULL;

	for (size_t k = 0; k < l->n; k++) {
		const struct word *w = &pg->w[l->idx[k]];

		if (c >= 0 && w->col != c)
			continue;
		if (prev && (w->x1 - prev->x2 > (l->y2 - l->y1) * 0.1 ||
			     (w->sp && w->seq == prev->seq + 1)))
			sbuf_addc(sb, ' ');
		sbuf_add(sb, pg->chars.buf + w->off, w->len);
		prev = w;
	}
}

/* Write the words of l in column c (c < 0: all of them) as one line of op. */
static void put_line(const struct page *pg, const struct line *l, int c, struct opage *op)
{
	struct sbuf sb = SBUF_INIT;

	line_text(pg, l, c, &sb);
	opage_add(op, pg, &sb, l->y1, l->y2);
	sbuf_release(&sb);
}

/* A marginal note: its lines joined, and where its first line is. */
struct note {
	char *text;
	double y1, y2;
};

/* The indices of the words of lines [from, to) of all in column c, into *idx. */
static size_t band_words(const struct page *pg, const struct lines *all, size_t from,
			 size_t to, int c, size_t **idx, size_t *cap)
{
	size_t n = 0;

	for (size_t i = from; i < to; i++)
		for (size_t k = 0; k < all->l[i].n; k++) {
			if (pg->w[all->l[i].idx[k]].col != c)
				continue;
			if (n == *cap) {
				*cap = *cap ? *cap * 2 : 256;
				*idx = xrealloc(*idx, *cap * sizeof(**idx));
			}
			(*idx)[n++] = all->l[i].idx[k];
		}
	return n;
}

/* The notes of the band: its dropped words as lines, lines closer than 0.8 of their
 * height apart making one note. */
static size_t band_notes(const struct page *pg, const size_t *idx, size_t n,
			 struct note *notes, size_t max)
{
	struct lines ls = { 0 };
	struct sbuf sb = SBUF_INIT;
	size_t k = 0;

	group_lines(pg, idx, n, &ls);
	for (size_t i = 0; i < ls.n; i++) {
		const struct line *l = &ls.l[i], *prev = i ? &ls.l[i - 1] : NULL;

		if (prev && l->y1 - prev->y2 >= (prev->y2 - prev->y1) * 0.8 && sb.len) {
			notes[k++].text = sbuf_detach(&sb, NULL);
			sbuf_init(&sb);
		}
		if (k == max)
			break;
		if (!sb.len) {
			notes[k].y1 = l->y1;
			notes[k].y2 = l->y2;
		} else {
			sbuf_addc(&sb, ' ');
		}
		line_text(pg, l, -1, &sb);
	}
	if (sb.len && k < max)
		notes[k++].text = sbuf_detach(&sb, NULL);
	sbuf_release(&sb);
	lines_release(&ls);
	return k;
}

/* The length of a section number that opens s ("6. ", "8A. "), 0 when none. */
static size_t section_number(const char *s)
{
	size_t i = strspn(s, "0123456789"), j;

	if (!i || i > 4)
		return 0;
	j = i + strspn(s + i, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
	if (j - i > 2 || s[j] != '.' || s[j + 1] != ' ')
		return 0;
	return j + 1;
}

/* Line l of the main column, with the note beside its first line when it opens a
 * section: "6. Unlawful access to a computer." then "(1) Any person ...". */
static void put_main_line(const struct page *pg, const struct line *l, struct note *notes,
			  size_t nnotes, struct opage *op)
{
	struct sbuf sb = SBUF_INIT, head = SBUF_INIT;
	size_t num;

	line_text(pg, l, 0, &sb);
	for (size_t i = 0; i < nnotes; i++) {
		double ov = fmin(notes[i].y2, l->y2) - fmax(notes[i].y1, l->y1);

		if (!notes[i].text || ov < fmin(notes[i].y2 - notes[i].y1, l->y2 - l->y1) * 0.5 ||
		    !(num = section_number(sbuf_str(&sb))))
			continue;
		sbuf_add(&head, sb.buf, num);
		sbuf_addf(&head, " %s", notes[i].text);
		opage_add(op, pg, &head, l->y1, l->y2);
		sbuf_release(&head);
		memmove(sb.buf, sb.buf + num + 1, sb.len - num);	/* and its NUL */
		sb.len -= num + 1;
		free(notes[i].text);
		notes[i].text = NULL;
		break;
	}
	opage_add(op, pg, &sb, l->y1, l->y2);
	sbuf_release(&sb);
}

/* The words of the band (lines [from, to) of all) column by column; a marginal
 * note beside the first line of a section is its heading, other notes are dropped. */
static void put_band(const struct page *pg, const struct lines *all, size_t from, size_t to,
		     int ncols, struct opage *op)
{
	struct note notes[MAX_NOTES];
	size_t *idx = NULL, n, cap = 0, nnotes;

	n = band_words(pg, all, from, to, -1, &idx, &cap);
	nnotes = band_notes(pg, idx, n, notes, MAX_NOTES);
	for (int c = 0; c < ncols; c++) {
		struct lines ls = { 0 };

		n = band_words(pg, all, from, to, c, &idx, &cap);
		group_lines(pg, idx, n, &ls);
		for (size_t i = 0; i < ls.n; i++)
			if (c == 0 && nnotes)
				put_main_line(pg, &ls.l[i], notes, nnotes, op);
			else
				put_line(pg, &ls.l[i], c, op);
		lines_release(&ls);
	}
	for (size_t i = 0; i < nnotes; i++)
		free(notes[i].text);
	free(idx);
}

/* The lines of one page, in reading order, into op. */
static void page_lines(struct page *pg, struct opage *op)
{
	size_t *idx = xmalloc((pg->nw ? pg->nw : 1) * sizeof(*idx)), from = 0;
	struct lines all = { 0 };
	struct gap g[MAX_GAPS];
	int ng, ncols;

	for (size_t i = 0; i < pg->nw; i++)
		idx[i] = i;
	group_lines(pg, idx, pg->nw, &all);
	free(idx);
	if (!(ng = find_gaps(pg, &all, g))) {
		for (size_t i = 0; i < all.n; i++)
			put_line(pg, &all.l[i], -1, op);
		lines_release(&all);
		return;
	}
	ncols = assign_columns(pg, g, ng);
	for (size_t i = 0; i < all.n; i++) {
		if (!spans(pg, &all.l[i], g, ng))
			continue;
		put_band(pg, &all, from, i, ncols, op);
		put_line(pg, &all.l[i], -1, op);
		from = i + 1;
	}
	put_band(pg, &all, from, all.n, ncols, op);
	lines_release(&all);
}

/* ---- running heads ---- */

struct keyref {
	const char *key;
	size_t page;
	struct oline *line;
};

static int by_key(const void *a, const void *b)
{
	const struct keyref *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->page > y->page) - (x->page < y->page);
}

/* Drop the margin lines whose key comes back on enough pages. */
static void drop_running_heads(struct opage *pages, size_t npages)
{
	struct keyref *refs = NULL;
	size_t n = 0, cap = 0;

	for (size_t p = 0; p < npages; p++)
		for (size_t i = 0; i < pages[p].n; i++) {
			if (!pages[p].l[i].key || !pages[p].l[i].key[0])
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 256;
				refs = xrealloc(refs, cap * sizeof(*refs));
			}
			refs[n++] = (struct keyref){ pages[p].l[i].key, p, &pages[p].l[i] };
		}
	if (n)
		qsort(refs, n, sizeof(*refs), by_key);
	for (size_t i = 0, j; i < n; i = j) {
		size_t distinct = 0;

		for (j = i; j < n && !strcmp(refs[j].key, refs[i].key); j++)
			distinct += j == i || refs[j].page != refs[j - 1].page;
		if (distinct < 2 || (double)distinct < REPEAT_SHARE * (double)npages)
			continue;
		for (size_t k = i; k < j; k++)
			refs[k].line->drop = !(k == i && refs[k].page == 0 && refs[k].line->top);
	}
	free(refs);
}

/* ---- the document ---- */

static int open_doc(const char *data, size_t len, const char *origin, PopplerDocument **out,
		    struct err *e)
{
	GBytes *bytes = g_bytes_new_static(data, len);
	GError *ge = NULL;
	int rc = ERR_OK;

	*out = poppler_document_new_from_bytes(bytes, NULL, &ge);
	if (!*out && ge && ge->domain == POPPLER_ERROR && ge->code == POPPLER_ERROR_ENCRYPTED)
		rc = err_set(e, ERR_INVALID, "%s: the PDF is encrypted with a password: remove "
			     "the password first", origin);
	else if (!*out && ge && ge->message)
		rc = err_set(e, ERR_INVALID, "%s: not a readable PDF (damaged or not a PDF: "
			     "%.200s)", origin, ge->message);
	else if (!*out)
		rc = err_set(e, ERR_INVALID, "%s: not a readable PDF (damaged or not a PDF)",
			     origin);
	if (ge)
		g_error_free(ge);
	g_bytes_unref(bytes);
	return rc;
}

static void read_page(PopplerDocument *doc, int i, struct opage *op, size_t *words)
{
	PopplerPage *page = poppler_document_get_page(doc, i);
	PopplerRectangle *rects = NULL;
	struct page pg = { 0 };
	guint n = 0;
	char *text;

	if (!page)
		return;
	sbuf_init(&pg.chars);
	poppler_page_get_size(page, &pg.width, &pg.height);
	text = poppler_page_get_text(page);
	if (text && poppler_page_get_text_layout(page, &rects, &n))
		page_words(&pg, text, rects, n);
	*words += pg.nw;
	page_lines(&pg, op);
	g_free(rects);
	g_free(text);
	free(pg.w);
	sbuf_release(&pg.chars);
	g_object_unref(page);
}

static int write_text(struct opage *pages, size_t npages, const char *origin, struct sbuf *sb,
		      struct err *e)
{
	for (size_t p = 0; p < npages; p++) {
		if (p)
			sbuf_addc(sb, '\f');
		for (size_t i = 0; i < pages[p].n; i++) {
			if (pages[p].l[i].drop)
				continue;
			sbuf_adds(sb, pages[p].l[i].text);
			sbuf_addc(sb, '\n');
		}
		if (sb->len > TEXT_MAX_SIZE)
			return err_set(e, ERR_TOOLARGE, "%s: the text of the PDF is over the limit "
				       "of %zu bytes", origin, TEXT_MAX_SIZE);
	}
	return ERR_OK;
}

int pdf_text(const char *data, size_t len, const char *origin, char **out, size_t *outlen,
	     struct err *e)
{
	PopplerDocument *doc = NULL;
	struct opage *pages = NULL;
	struct sbuf sb = SBUF_INIT;
	size_t words = 0, bytes = 0;
	int npages = 0, rc;

	if (!origin)
		origin = "input";
	if (len > PDF_MAX_BYTES)
		return err_set(e, ERR_TOOLARGE, "%s: %zu bytes is over the limit of %zu for a PDF",
			       origin, len, PDF_MAX_BYTES);
	if (len < 5 || memcmp(data, "%PDF-", 5))
		return err_set(e, ERR_INVALID, "%s: not a PDF (it does not start with %%PDF-)",
			       origin);
	pthread_once(&init_once, init_poppler);
	if ((rc = open_doc(data, len, origin, &doc, e)))
		return rc;
	npages = poppler_document_get_n_pages(doc);
	if (npages <= 0) {
		rc = err_set(e, ERR_INVALID, "%s: the PDF has no pages (damaged?)", origin);
		goto out;
	}
	if (npages > PDF_MAX_PAGES) {
		rc = err_set(e, ERR_TOOLARGE, "%s: %d pages is over the limit of %d", origin,
			     npages, PDF_MAX_PAGES);
		goto out;
	}
	pages = xcalloc(npages > 0 ? (size_t)npages : 1, sizeof(*pages));
	for (int i = 0; i < npages; i++) {
		read_page(doc, i, &pages[i], &words);
		/* the text so far, before it is all in memory */
		for (size_t k = 0; k < pages[i].n; k++)
			bytes += strlen(pages[i].l[k].text) + 1;
		if (bytes > TEXT_MAX_SIZE) {
			rc = err_set(e, ERR_TOOLARGE, "%s: the text of the PDF is over the limit "
				     "of %zu bytes (at page %d)", origin, TEXT_MAX_SIZE, i + 1);
			goto out;
		}
	}
	if (!words) {
		rc = err_set(e, ERR_INVALID, "%s: no text layer: the PDF is a scan; run OCR first",
			     origin);
		goto out;
	}
	drop_running_heads(pages, (size_t)npages);
	if ((rc = write_text(pages, (size_t)npages, origin, &sb, e)))
		goto out;
	*out = sbuf_detach(&sb, outlen);
out:
	for (int i = 0; pages && i < npages; i++) {
		for (size_t k = 0; k < pages[i].n; k++) {
			free(pages[i].l[k].text);
			free(pages[i].l[k].key);
		}
		free(pages[i].l);
	}
	free(pages);
	sbuf_release(&sb);
	g_object_unref(doc);
	return rc;
}

int pdf_parse(const char *data, size_t len, const char *origin, const struct text_meta *meta,
	      struct doc **out, struct err *e)
{
	char *text = NULL;
	size_t n = 0;
	int rc;

	if ((rc = pdf_text(data, len, origin, &text, &n, e)))
		return rc;
	rc = text_parse(text, n, origin, meta, out, e);
	free(text);
	return rc;
}
