#include "view/i18n.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "import/tsv.h"

struct message {
	char *msgid;
	char *text[LANG_COUNT];
};

static struct message *catalog;
static size_t ncatalog;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* file columns after msgid */
static const enum lang columns[] = { LANG_AR, LANG_ZH, LANG_FR, LANG_RU, LANG_ES };

static int on_row(void *ud, int lineno, char **f, int nf, struct err *e)
{
	struct message *m;

	(void)ud, (void)lineno, (void)nf, (void)e;
	catalog = xrealloc(catalog, (ncatalog + 1) * sizeof(*catalog));
	m = &catalog[ncatalog++];
	memset(m, 0, sizeof(*m));
	m->msgid = xstrdup(f[0]);
	for (size_t i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		m->text[columns[i]] = *f[i + 1] ? xstrdup(f[i + 1]) : NULL;
	return ERR_OK;
}

static int by_msgid(const void *a, const void *b)
{
	return strcmp(((const struct message *)a)->msgid, ((const struct message *)b)->msgid);
}

static void load(void)
{
	size_t len;
	const char *d = (const char *)embed_find("data/messages.tsv", &len);
	struct err e = { 0 };

	if (d && tsv_parse(d, len, 6, "data/messages.tsv", on_row, NULL, &e))
		log_error("message catalog: %s", e.msg);
	if (ncatalog)
		qsort(catalog, ncatalog, sizeof(*catalog), by_msgid);
}

const char *i18n(enum lang lang, const char *msgid)
{
	struct message key, *m;

	if (lang == LANG_EN || (unsigned)lang >= LANG_COUNT)
		return msgid;
	pthread_once(&once, load);
	key.msgid = (char *)msgid;
	m = ncatalog ? bsearch(&key, catalog, ncatalog, sizeof(*catalog), by_msgid) : NULL;
	return m && m->text[lang] ? m->text[lang] : msgid;
}

int i18n_count(enum lang lang)
{
	int n = 0;

	pthread_once(&once, load);
	for (size_t i = 0; i < ncatalog; i++)
		n += lang == LANG_EN || catalog[i].text[lang] != NULL;
	return n;
}
