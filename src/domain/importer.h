/* importer: the one import of a document into the repository, called by the form
 * (/laws/import), the API (POST /api/v1/works/import) and the command line
 * (ccrepo import). Each of them only decodes its input into a struct
 * importer_request and encodes the struct importer_result; the format, the
 * overrides, the rules (which statuses, which labels, who may) and the limits are
 * here and in the modules this calls (import/akn, import/clml, import/pdf,
 * import/text, import/judgment, domain/bundle, legislation_import_doc). */
#ifndef DOMAIN_IMPORTER_H
#define DOMAIN_IMPORTER_H
#include <stddef.h>

#include "core/err.h"
#include "core/pool.h"
#include "domain/bundle.h"
#include "domain/record.h"

struct store;
struct doc;

/* XML is Akoma Ntoso or CLML, told apart by the root element (clml_sniff()). */
enum importer_format {
	IMPORTER_AUTO, IMPORTER_AKN, IMPORTER_TEXT, IMPORTER_JSON, IMPORTER_XML, IMPORTER_CLML,
	IMPORTER_PDF,
};

/* What to import. Every string may be NULL; an empty string counts as NULL. */
struct importer_request {
	const char *content;	/* the bytes, need not be NUL-terminated */
	size_t len;
	const char *format;	/* a name (akn, clml, xml, pdf, text, md, markdown, json,
				 * auto) or a media type (application/xml, application/pdf,
				 * text/plain, ...; parameters after ';' ignored); NULL:
				 * recognised from origin's extension (.xml, .akn, .json,
				 * .pdf, any case), else from the first bytes (%PDF-, '<',
				 * '{'); XML is CLML when its root is CLML's Legislation */
	const char *origin;	/* names the input in messages ("act.xml", "request
				 * body"); a document's source when it gives none */
	/* what the caller says about the document: uri, title, version_date and source
	 * win over what the document says; all of them fill what plain text lacks */
	const char *uri, *title, *country, *type, *number, *date, *language,
		*version_date, *source;
	const char *status;	/* of a new record: draft (NULL), submitted, published */
	const char *tlp;	/* of a new record: NULL is CLEAR */
	int no_suggest;		/* do not suggest mappings to instrument articles
				 * afterwards (by default every caller's import does,
				 * so the form, the API and the CLI agree) */
};

/* What was imported. Strings are in the pool given to importer_run(). */
struct importer_result {
	int bundle;			/* a JSON bundle: only counts is set */
	struct bundle_counts counts;
	long long id;			/* the record (a law, or a case for a judgment) */
	const char *kind;		/* "legislation" or "case" */
	const char *uri, *title;	/* the work */
	const char *language, *date;	/* the version: "eng", "2018-05-30" */
	size_t nprovisions;
	int pending;			/* a new version of a published law that waits for
					 * a curator (the importer may not publish it) */
	const char **warnings;		/* what the parser could not place */
	size_t nwarnings;
	size_t nsuggested;		/* mapping suggestions made (suggest) */
	const char *suggest_error;	/* why suggesting failed (the import stands); NULL */
};

/* The format a name or media type stands for, or -1 when none. */
int importer_format_parse(const char *name);
/* The status a new record may be imported with: NULL or "" is draft; draft,
 * submitted, published; else ERR_INVALID (withdrawn is not a way in). */
int importer_status_parse(const char *s, enum record_status *out, struct err *e);
/* Parse q as importer_run() would, the caller's overrides applied, and store nothing
 * (ccrepo import --dry-run): *out is a new doc the caller frees with doc_free(), its
 * warnings those importer_run() would report. ERR_INVALID for empty content, an
 * unknown format, a JSON bundle (stored as it is, no tree to show) and what the
 * parsers refuse; ERR_TOOLARGE over a parser's limit. *out is untouched on error. */
int importer_parse(const struct importer_request *q, struct doc **out, struct err *e);
/* Import q as actor a, in one transaction: all of it or nothing. A bundle goes to
 * bundle_import(), a document (Akoma Ntoso, CLML, PDF, plain text or Markdown) is
 * parsed, the request's overrides applied and stored by legislation_import_doc().
 * A judgment (Akoma Ntoso's, or text or a PDF with type "judgment" or that reads as
 * one: judgment_sniff()) is stored as a case; for text, its court, date, parties and
 * citation come from its header, its country from the court when not given, and its
 * work URI, when not given, is /akn/CC/judgment/COURT/DATE/PARTIES. *out is filled
 * (strings in p) on success. ERR_INVALID for empty content, an unknown format or
 * status and what the parsers and the store refuse; ERR_TOOLARGE over a parser's
 * limit; ERR_FORBIDDEN when a may not create, submit or publish the record. */
int importer_run(struct store *s, pool *p, const struct actor *a,
		 const struct importer_request *q, struct importer_result *out, struct err *e);

#endif
