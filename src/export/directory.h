/* directory (export): the cooperation directory's entries (domain/directory.h) as
 * vCard 4.0 (RFC 6350) and CSV (RFC 4180). */
#ifndef EXPORT_DIRECTORY_H
#define EXPORT_DIRECTORY_H
#include <stddef.h>

#include "core/pool.h"
#include "core/sbuf.h"
#include "domain/directory.h"

/* Append to b text escaped as an RFC 6350 value: backslash, comma, semicolon as
 * \\ \, \; and a line break (CRLF, LF or CR) as \n; other control characters are
 * dropped. NULL appends nothing. */
void directory_vcard_escape(struct sbuf *b, const char *s);
/* Append line (no line break in it) to b folded at 75 octets (RFC 6350 3.2: CRLF
 * and one space before each continuation, never inside a UTF-8 sequence), ending
 * with CRLF. */
void directory_vcard_fold(struct sbuf *b, const char *line);
/* The entries en[0..n) (as read: only_public ones give their name and kind) as
 * vCard 4.0 objects, KIND:org, one per entry, into b. */
void directory_vcard(struct sbuf *b, pool *p, const struct dir_entry *en, size_t n);
/* The entries as CSV (export/csv: the guard against formulas): id, country, kind,
 * tlp, names, articles, legal bases, legal basis text, languages, channels, hours,
 * time zone, requirements, verified on, verified by, stale. */
void directory_csv(struct sbuf *b, pool *p, const struct dir_entry *en, size_t n);

#endif
