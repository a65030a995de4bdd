/* directory: the cooperation directory (DESIGN capability 8, issue 18): per country,
 * the competent authorities and 24/7 points of contact an investigator needs to
 * preserve data, obtain subscriber information, ask for mutual legal assistance or
 * extradition; who may read each entry, its history, its verification and the
 * staleness rule; the validators of its values (E.164, e-mail, URL, time zone,
 * ISO 639-1); its exports are export/directory's. See docs/directory.md.
 *
 * Entries are no repository records: they have no review workflow (a focal point's
 * edit of their country's entry applies at once, kept as a new version) and their
 * own reading rule (dir_readable), decided here and nowhere else. */
#ifndef DOMAIN_DIRECTORY_H
#define DOMAIN_DIRECTORY_H
#include <stddef.h>

#include <jansson.h>

#include "core/err.h"
#include "core/pool.h"

struct store;
struct actor;

/* What an authority is: key (as stored and in the API) and label (a msgid). */
enum dir_kind {
	DIR_K_247, DIR_K_MLA, DIR_K_EXTRADITION, DIR_K_PRESERVATION, DIR_K_CERT,
	DIR_K_CYBER_UNIT, DIR_K_PROSECUTION, DIR_KIND_COUNT
};
/* How to reach it. */
enum dir_channel_kind { DIR_CH_PHONE, DIR_CH_EMAIL, DIR_CH_PORTAL, DIR_CH_DIPLOMATIC,
			DIR_CH_COUNT };
/* What an investigator needs ("who do I ask?"). */
enum dir_need { DIR_N_PRESERVE, DIR_N_SUBSCRIBER, DIR_N_MLA, DIR_N_EXTRADITE,
		DIR_NEED_COUNT };

struct dir_key {
	const char *key, *label;
};
extern const struct dir_key dir_kinds[DIR_KIND_COUNT];
extern const struct dir_key dir_channels[DIR_CH_COUNT];
/* The legal bases an authority may accept (a controlled list; free text besides). */
extern const struct dir_key dir_bases[];
extern const size_t dir_basis_count;

/* A need: the kinds of entry that answer it, in the order to ask them; the
 * instrument articles of international cooperation that serve it; and the articles
 * whose implementation in the country's law gives the power (the mappings of the
 * country's provisions to them). NULL-terminated lists of "instrument/number". */
struct dir_need_def {
	const char *key, *label;
	int kinds[3];
	int nkinds;
	const char *const *articles;
	const char *const *powers;
};
extern const struct dir_need_def dir_needs[DIR_NEED_COUNT];

/* Keys back to their index; -1 when unknown. */
int dir_kind_parse(const char *key);
int dir_channel_parse(const char *key);
int dir_need_parse(const char *key);
int dir_basis_valid(const char *key);

struct dir_name {
	const char *lang;	/* ISO 639-1 */
	const char *name;
};
struct dir_channel {
	int kind;		/* enum dir_channel_kind */
	const char *value;	/* E.164, e-mail address, https URL, or text (diplomatic) */
	const char *note;	/* may be "" */
};
struct dir_article {
	const char *instrument;	/* "coe-185" */
	int number;
};

/* One entry as the domain holds it. Lists are pool arrays. */
struct dir_entry {
	long long id;
	const char *country;	/* ISO 3166-1 alpha-2 */
	int kind;		/* enum dir_kind */
	const char *tlp;	/* "CLEAR", "GREEN" or "AMBER" (the default) */
	int public_part;	/* the name and kind are CLEAR whatever tlp */
	struct dir_name *names;
	size_t nnames;
	struct dir_article *articles;
	size_t narticles;
	const char **bases;	/* keys of dir_bases */
	size_t nbases;
	const char *basis_text;	/* "" when none */
	const char **languages;	/* accepted, ISO 639-1 */
	size_t nlanguages;
	struct dir_channel *channels;
	size_t nchannels;
	const char *hours;	/* working hours as people write them ("24/7") */
	const char *timezone;	/* a zone of the zone database; "" when none */
	const char *requirements;	/* what a request must contain; "" */
	int version;		/* 1, then +1 per edit */
	const char *created_at, *created_by, *changed_at, *changed_by;
	long long created_by_user;	/* 0: the command line */
	const char *verified_on;	/* YYYY-MM-DD, or NULL: never verified */
	const char *verified_by;
	int verified_version;	/* the version that was verified; 0: none */
	/* set by the domain for the reader: only the public part (name, kind,
	 * country) is filled in, the rest is empty */
	int only_public;
	int stale;		/* dir_stale at today */
};

/* One step of an entry's history. */
struct dir_revision {
	long long entry;
	int seq;		/* 1, 2, ... */
	const char *action;	/* "create", "edit", "verify" */
	int version;
	const char *snapshot;	/* the entry's JSON (dir_to_json) after the step */
	const char *at, *by;
	const char *changed;	/* the fields that changed, ", "-joined (domain) */
};

/* A filter for lists; NULL/-1 members do not filter. */
struct dir_query {
	const char *country;	/* alpha-2 */
	int kind;		/* enum dir_kind, -1: any */
	const char *region;	/* M49 code */
	const char *language;	/* accepted language */
	const char *article;	/* "coe-185/35" */
	int stale_only;
};

/* An entry as the store keeps it: country, kind, label and the public part in
 * columns (to filter on), the other values as the JSON object body (dir_to_json's
 * names, articles, legal_bases, legal_basis_text, languages, channels, hours,
 * timezone, requirements). */
struct dir_row {
	long long id;
	const char *country, *kind, *tlp;
	int public_part;
	const char *body;
	int version;
	const char *created_at, *created_by;
	long long created_by_user;
	const char *changed_at, *changed_by;
	const char *verified_on, *verified_by;
	int verified_version;
};

/* ---- validators: ERR_OK, or ERR_INVALID naming field ---- */

/* + then 8 to 15 digits, the first not 0 (the shape of ITU-T E.164). */
int dir_phone_valid(const char *field, const char *s, struct err *e);
/* local@domain: the local part 1-64 of RFC 5322's atext and inner dots, the domain
 * two or more labels of letters, digits and inner hyphens (1-63 each, 253 at most). */
int dir_email_valid(const char *field, const char *s, struct err *e);
/* An https:// (or, with http_ok, http://) URL: a host as for e-mail (or
 * "localhost"), an optional port 1-65535, then a path, query and fragment of RFC
 * 3986 characters and %HH escapes; at most 2000 bytes. */
int dir_url_valid(const char *field, const char *s, int http_ok, struct err *e);
/* A zone name of the zone database under root ("/usr/share/zoneinfo" when NULL):
 * components of letters, digits, '_', '-', '+' joined by '/', none starting with
 * '.' or '-', at most 64 bytes; the file must exist, be a regular file and start
 * with the TZif magic. */
int dir_timezone_valid(const char *root, const char *field, const char *s, struct err *e);
/* One of the 184 ISO 639-1 codes (lower case). */
int dir_lang_valid(const char *field, const char *s, struct err *e);

/* ---- the entry's JSON (the API's, the CLI's file, the history's snapshots) ---- */

/* Decode j (an object: "country", "kind", "tlp"?, "public_part"?, "names": {lang:
 * name}, "articles": ["coe-185/35"], "legal_bases": [key], "legal_basis_text"?,
 * "languages": [code], "channels": [{"type", "value", "note"?}], "hours"?,
 * "timezone"?, "requirements"?) into out, checking every value and its limit
 * (domain/limits.h), except that articles exist (dir_save does, with the store).
 * Strings are p's. ERR_INVALID naming the field. */
int dir_from_json(pool *p, const json_t *j, struct dir_entry *out, struct err *e);
/* The entry as JSON (as dir_from_json reads it, with id, version, the dates, the
 * verification and "stale"); only the public part when en->only_public. New ref. */
json_t *dir_to_json(const struct dir_entry *en);

/* ---- rules ---- */

/* Whether en is stale at today (YYYY-MM-DD): its last verification, or its creation
 * when never verified, was 12 months or more before today. */
int dir_stale(const struct dir_entry *en, const char *today);
/* Who reads an entry: made once per request by dir_reader_init. */
struct dir_reader {
	const struct actor *a;
	const char **partners;	/* the country of the account's organisation when it
				 * is a national authority, and the countries of the
				 * organisations sharing a sharing group with it */
	size_t npartners;
};
int dir_reader_init(struct store *s, pool *p, const struct actor *a, struct dir_reader *r,
		    struct err *e);
enum dir_access { DIR_NONE, DIR_PUBLIC, DIR_FULL };
/* What r reads of en. The whole entry: CLEAR everybody; GREEN the signed in; AMBER
 * the command line, curators and admins, the account that made it, the focal
 * points of its country, and accounts of a national authority of its country or of
 * an organisation sharing a sharing group with an organisation of its country
 * (cooperation partners).
 * Otherwise its public part (name, kind, country) when public_part, else nothing. */
enum dir_access dir_readable(const struct dir_reader *r, const struct dir_entry *en);

/* ---- the store, through the rules ---- */

/* Add en (id, version, dates and verification ignored) for a: focal points for
 * their country, curators and admins for any (ACT_DIRECTORY); the articles must
 * exist. History and audit (directory.create) in one transaction. *id is set. */
int dir_add(struct store *s, const struct actor *a, struct dir_entry *en, long long *id,
	    struct err *e);
/* Replace entry id's values with en's (its country may not change), if its version
 * is still version (ERR_CONFLICT otherwise). As dir_add; audit directory.edit. */
int dir_edit(struct store *s, const struct actor *a, long long id, int version,
	     struct dir_entry *en, struct err *e);
/* Mark entry id verified today by a (curators and admins: ACT_VERIFY) at its
 * current version; audit directory.verify. */
int dir_verify(struct store *s, const struct actor *a, long long id, struct err *e);
/* Entry id as a reads it (only_public set when only its public part); the read of
 * a whole AMBER entry by anybody but the command line goes to the audit log
 * (read.restricted, target "directory/ID", once a day per reader). ERR_NOTFOUND when
 * a reads nothing of it. Memory from p. */
int dir_get(struct store *s, pool *p, const struct actor *a, long long id,
	    struct dir_entry **out, struct err *e);
/* The entries matching q that a reads (whole or public part), by country, kind and
 * id, at most LIMIT_DIR_LIST; whole AMBER ones read are audited as dir_get's. */
int dir_list(struct store *s, pool *p, const struct actor *a, const struct dir_query *q,
	     struct dir_entry **out, size_t *n, struct err *e);
/* The history of entry id, oldest first, for a who reads it whole (ERR_NOTFOUND
 * otherwise); each step's changed fields filled in. */
int dir_history(struct store *s, pool *p, const struct actor *a, long long id,
		struct dir_revision **out, size_t *n, struct err *e);
/* The stale entries a may act on: a focal point's country's, everything for
 * curators, admins and the command line; others get none. */
int dir_stale_list(struct store *s, pool *p, const struct actor *a,
		   struct dir_entry **out, size_t *n, struct err *e);
/* Whether a may edit country's entries (a page shows its forms then). */
int dir_may_edit(const struct actor *a, const char *country);
/* Whether a may verify entries. */
int dir_may_verify(const struct actor *a);

/* "Who do I ask?": for need in country, the entries a reads of the need's kinds
 * (those serving one of its articles first), and the accepted mappings of the
 * country's provisions to the need's power articles that a may read. */
struct dir_answer {
	const char *country;	/* alpha-2 */
	const struct dir_need_def *need;
	struct dir_entry *entries;
	size_t nentries;
	struct mapping *powers;
	size_t npowers;
};
int dir_ask(struct store *s, pool *p, const struct actor *a, const char *country,
	    const char *need, struct dir_answer *out, struct err *e);

/* The display name of en in lang (ISO 639-1), else English, else its first. */
const char *dir_entry_name(const struct dir_entry *en, const char *lang);
/* "coe-185/35" */
const char *dir_article_ref(pool *p, const struct dir_article *a);

#endif
