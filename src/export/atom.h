/* atom: Atom 1.0 feeds (RFC 4287) written from plain structs (issue 17).
 *
 * The writer knows nothing of records: a caller fills a struct atom_feed with its
 * entries and gets the document. What RFC 4287 requires is checked before anything
 * is written (atom_write fails, naming the element, rather than emit an invalid
 * feed): the feed's id, title and updated; an author on the feed or on every entry;
 * each entry's id, title and updated; ids unique in the feed; dates in RFC 3339.
 *
 * Text is escaped for XML 1.0 at output: & < > in text, and " too in attributes;
 * characters XML 1.0 forbids (C0 controls but tab, LF and CR; U+FFFE, U+FFFF) and
 * bytes that are not UTF-8 become U+FFFD, so a feed always parses. Entry content is
 * HTML (type="html"): the caller gives HTML it built with escaping (view/html.h), and
 * the writer escapes it once more as the XML text that carries it, as RFC 4287 3.1.1.2
 * says. */
#ifndef EXPORT_ATOM_H
#define EXPORT_ATOM_H
#include <stddef.h>

#include "core/err.h"
#include "core/pool.h"
#include "core/sbuf.h"

#define ATOM_MAX_ENTRIES 500	/* the most entries a feed may hold */

struct atom_entry {
	const char *id;		/* an IRI that never changes: atom_tag() */
	const char *title;	/* text */
	const char *updated;	/* RFC 3339, or a date the caller's store holds:
				 * atom_date() reads both */
	const char *published;	/* optional */
	const char *link;	/* optional: the alternate (the record's page), absolute */
	const char *author;	/* optional when the feed has one */
	const char *category;	/* optional: a term ("legislation") */
	const char *summary;	/* optional: text */
	const char *content;	/* optional: HTML (see above) */
};

struct atom_feed {
	const char *id;		/* an IRI that never changes for this query */
	const char *title;	/* text */
	const char *subtitle;	/* optional */
	const char *updated;	/* the newest entry's updated, or when made */
	const char *lang;	/* xml:lang of the feed ("fr"); optional */
	const char *self;	/* the feed's own absolute URL (rel="self"); optional */
	const char *alternate;	/* the page it follows (rel="alternate"); optional */
	const char *author;	/* required unless every entry has one */
	const char *generator;	/* optional ("ccrepo") */
	const struct atom_entry *entries;
	size_t n;		/* 0..ATOM_MAX_ENTRIES */
};

/* Append the Atom document of f to out: ERR_OK, or ERR_INVALID naming what RFC 4287
 * requires and f lacks ("entry 3: id: missing", "entry 5: id: the same as entry 2",
 * "updated: '2026-13-01' is not an RFC 3339 date") with nothing appended. */
int atom_write(struct sbuf *out, const struct atom_feed *f, struct err *e);

/* The RFC 3339 form of d, in p, or NULL when d is neither: "2026-12-07" (midnight
 * UTC), "2026-12-07T14:21:26Z", "2026-12-07 14:21:26" (a store's UTC time) and
 * "2026-12-07T14:21:26.5+01:00" (kept as it is) are read; the date must be a real
 * calendar date, the time a real time of day (a leap second 60 allowed). */
const char *atom_date(pool *p, const char *d);

/* A tag URI (RFC 4151) in p: "tag:AUTHORITY,DATE:SPECIFIC", the stable id of a feed
 * or an entry. authority is a host name or e-mail address the publisher owns (from
 * the configuration), date YYYY or YYYY-MM-DD when it owned it, specific the thing
 * ("record/123/v2"); characters outside RFC 4151's are percent-encoded. */
const char *atom_tag(pool *p, const char *authority, const char *date,
		     const char *specific);

#endif
