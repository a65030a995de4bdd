#include "core/config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/file.h"
#include "core/log.h"

struct setting {
	const char *name;
	const char *env;
	const char *arg;
	const char *def;
	const char *help;
	size_t off;
	long min, max;
};

static int set_str(struct config *cfg, const struct setting *s, const char *v, struct err *e)
{
	char *dst = (char *)cfg + s->off;

	if (!*v)
		return err_set(e, ERR_INVALID, "%s: must not be empty", s->name);
	if (strlen(v) >= CONFIG_STR_MAX)
		return err_set(e, ERR_INVALID, "%s: longer than %d bytes", s->name,
			       CONFIG_STR_MAX - 1);
	strcpy(dst, v);
	return ERR_OK;
}

/* n * k, clamped to the range of long (the range check then refuses it). */
static long scale(long n, long k)
{
	if (n > LONG_MAX / k)
		return LONG_MAX;
	if (n < LONG_MIN / k)
		return LONG_MIN;
	return n * k;
}

static int parse_long(const struct setting *s, const char *v, long *out, struct err *e)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (end == v)
		return err_set(e, ERR_INVALID, "%s: '%s' is not a number", s->name, v);
	/* size suffixes for byte settings */
	if (*end == 'k' || *end == 'K')
		n = scale(n, 1024), end++;
	else if (*end == 'm' || *end == 'M')
		n = scale(n, 1024 * 1024), end++;
	if (*end || errno)
		return err_set(e, ERR_INVALID, "%s: '%s' is not a number", s->name, v);
	if (n < s->min || n > s->max)
		return err_set(e, ERR_INVALID, "%s: %ld is outside %ld..%ld", s->name, n,
			       s->min, s->max);
	*out = n;
	return ERR_OK;
}

static int set_long(struct config *cfg, const struct setting *s, const char *v, struct err *e)
{
	long n;
	int rc = parse_long(s, v, &n, e);

	if (!rc)
		*(long *)((char *)cfg + s->off) = n;
	return rc;
}

static int set_int(struct config *cfg, const struct setting *s, const char *v, struct err *e)
{
	long n;
	int rc = parse_long(s, v, &n, e);

	if (!rc)
		*(int *)((char *)cfg + s->off) = (int)n;
	return rc;
}

static int set_listen(struct config *cfg, const struct setting *s, const char *v, struct err *e)
{
	const char *colon = strrchr(v, ':');
	char *end;
	long port;

	if (!colon || colon == v)
		return err_set(e, ERR_INVALID, "%s: '%s' is not HOST:PORT", s->name, v);
	port = strtol(colon + 1, &end, 10);
	if (*end || end == colon + 1 || port < 0 || port > 65535)
		return err_set(e, ERR_INVALID, "%s: bad port in '%s'", s->name, v);
	return set_str(cfg, s, v, e);
}

static int set_level(struct config *cfg, const struct setting *s, const char *v, struct err *e)
{
	int level = log_level_parse(v);

	if (level < 0)
		return err_set(e, ERR_INVALID, "%s: '%s' is not one of error, warn, info, debug",
			       s->name, v);
	cfg->log_level = level;
	return ERR_OK;
}

/* An e-mail address (local@domain.tld) or an http(s) address, or "" for none: the
 * page shows it as a link, so nothing else (no spaces, quotes or angle brackets). */
static int set_contact(struct config *cfg, const struct setting *s, const char *v,
		       struct err *e)
{
	const char *at = strchr(v, '@');
	int web = !strncmp(v, "https://", 8) || !strncmp(v, "http://", 7);

	if (!*v) {
		cfg->contact[0] = 0;
		return ERR_OK;
	}
	if (strlen(v) > 254 || strpbrk(v, " \t\r\n\"'<>\\`") ||
	    (!web && (!at || at == v || strchr(at + 1, '@') || !strchr(at + 1, '.') ||
		      at[1] == '.' || v[strlen(v) - 1] == '.')) ||
	    (web && !v[strcspn(v, ":") + 3]))
		return err_set(e, ERR_INVALID, "%s: '%.80s' is neither an e-mail address nor "
			       "an http(s) address", s->name, v);
	return set_str(cfg, s, v, e);
}

/* An IATI organisation identifier ({agency}-{number}): letters, digits and - _ . : /,
 * at most 100 bytes (export/iati.c checks the same with iati_ref_ok; core knows no
 * IATI). */
static int set_org_ref(struct config *cfg, const struct setting *s, const char *v,
		       struct err *e)
{
	size_t n = strlen(v);

	if (!n || n > 100 || strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				   "0123456789-_.:/") != n)
		return err_set(e, ERR_INVALID, "%s: '%.100s' is not an IATI organisation "
			       "identifier (letters, digits, - _ . : /; at most 100)", s->name, v);
	return set_str(cfg, s, v, e);
}

/* A list of NAME=NUMBER pairs separated by commas (checked by its user, domain/needs:
 * core knows no weights); empty allowed. */
static int set_pairs(struct config *cfg, const struct setting *s, const char *v,
		     struct err *e)
{
	char *dst = (char *)cfg + s->off;

	if (!*v) {
		dst[0] = 0;
		return ERR_OK;
	}
	if (strspn(v, "abcdefghijklmnopqrstuvwxyz-=.,0123456789") != strlen(v))
		return err_set(e, ERR_INVALID, "%s: '%.80s' is not NAME=NUMBER,...", s->name, v);
	return set_str(cfg, s, v, e);
}

/* The authority of the feeds' tag URIs (RFC 4151): a host name or an e-mail address
 * the operator owns, optionally ",DATE" (YYYY or YYYY-MM-DD: when it owned it); "" the
 * host's name. */
static int set_authority(struct config *cfg, const struct setting *s, const char *v,
			 struct err *e)
{
	const char *comma = strchr(v, ','), *d = comma ? comma + 1 : NULL;
	size_t n = comma ? (size_t)(comma - v) : strlen(v);
	int year, month, day;
	char end;

	if (n > 200 || strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			      "0123456789.-@_") < n || (comma && !n) ||
	    (d && !((strlen(d) == 4 && sscanf(d, "%4d%c", &year, &end) == 1) ||
		    (strlen(d) == 10 && sscanf(d, "%4d-%2d-%2d%c", &year, &month, &day,
					       &end) == 3))))
		return err_set(e, ERR_INVALID, "%s: '%.80s' is not HOST[,YYYY] (a host name or "
			       "e-mail address, and the year it was owned)", s->name, v);
	return set_str(cfg, s, v, e);
}

typedef int (*apply_fn)(struct config *, const struct setting *, const char *, struct err *);

#define OFF(f) offsetof(struct config, f)
static const struct {
	struct setting s;
	apply_fn apply;
} settings[] = {
	{ { "listen", "CCREPO_LISTEN", "HOST:PORT", "127.0.0.1:8080",
	    "address and port to serve on", OFF(listen), 0, 0 }, set_listen },
	{ { "db", "CCREPO_DB", "FILE", "data/ccrepo.db",
	    "SQLite database file (created on first start)", OFF(db), 0, 0 }, set_str },
	{ { "threads", "CCREPO_THREADS", "N", "0",
	    "HTTP worker threads (0: one per CPU it may run on)", OFF(threads), 0, 256 }, set_int },
	{ { "log-level", "CCREPO_LOG_LEVEL", "LEVEL", "info",
	    "error, warn, info or debug", OFF(log_level), 0, 0 }, set_level },
	{ { "iso-codes-dir", "CCREPO_ISO_CODES_DIR", "DIR", "/usr/share/iso-codes/json",
	    "Debian iso-codes JSON directory", OFF(iso_codes_dir), 0, 0 }, set_str },
	{ { "locale-dir", "CCREPO_LOCALE_DIR", "DIR", "/usr/share/locale",
	    "gettext catalogs of iso-codes", OFF(locale_dir), 0, 0 }, set_str },
	{ { "max-body", "CCREPO_MAX_BODY", "BYTES", "1M",
	    "largest request body accepted (k and M suffixes)", OFF(max_body), 0,
	    256L * 1024 * 1024 }, set_long },
	{ { "timeout", "CCREPO_TIMEOUT", "SECONDS", "30",
	    "close connections idle this long (nothing received or sent)", OFF(timeout),
	    1, 3600 }, set_int },
	{ { "header-timeout", "CCREPO_HEADER_TIMEOUT", "SECONDS", "10",
	    "close a connection whose request headers are not all in this long after it "
	    "opened or after its previous answer, however steadily they trickle",
	    OFF(header_timeout), 1, 3600 }, set_int },
	{ { "body-timeout", "CCREPO_BODY_TIMEOUT", "SECONDS", "60",
	    "close a connection whose request body is not all in this long after its "
	    "headers", OFF(body_timeout), 1, 3600 }, set_int },
	{ { "max-connections", "CCREPO_MAX_CONNECTIONS", "N", "1000",
	    "connections open at once; more are closed as they arrive",
	    OFF(max_connections), 1, 100000 }, set_int },
	{ { "max-per-address", "CCREPO_MAX_PER_ADDRESS", "N", "256",
	    "connections open at once from one client address (0: no limit; not applied "
	    "with trust-proxy 1, where the proxy is every client)", OFF(max_per_address), 0,
	    100000 }, set_int },
	{ { "cache-max", "CCREPO_CACHE_MAX", "BYTES", "32M",
	    "memory for rendered public pages (0 disables)", OFF(cache_max), 0,
	    4096L * 1024 * 1024 }, set_long },
	{ { "db-cache", "CCREPO_DB_CACHE", "BYTES", "64M",
	    "database pages cached per connection (search of large collections)",
	    OFF(db_cache), 1024L * 1024, 16384L * 1024 * 1024 }, set_long },
	{ { "trust-proxy", "CCREPO_TRUST_PROXY", "0|1", "0",
	    "1 behind a reverse proxy on this machine: the client is the last address of "
	    "its X-Forwarded-For", OFF(trust_proxy), 0, 1 }, set_int },
	{ { "contact", "CCREPO_CONTACT", "ADDRESS", "",
	    "the operator's e-mail or web address, shown on the contact page (empty: none)",
	    OFF(contact), 0, 0 }, set_contact },
	{ { "need-weights", "CCREPO_NEED_WEIGHTS", "NAME=N,...", "",
	    "weights of the needs' priority score overriding the defaults, e.g. "
	    "not-covered=2,urgency=2.5 (docs/operations.md)", OFF(need_weights), 0, 0 },
	  set_pairs },
	{ { "iati-org-ref", "CCREPO_IATI_ORG_REF", "ID", "XM-DAC-41128",
	    "IATI organisation identifier of the organisation that publishes the IATI "
	    "export (default UNODC's, DAC channel 41128; docs/assistance.md)",
	    OFF(iati_org_ref), 0, 0 }, set_org_ref },
	{ { "iati-org-name", "CCREPO_IATI_ORG_NAME", "NAME",
	    "United Nations Office on Drugs and Crime",
	    "name of that organisation in the IATI export", OFF(iati_org_name), 0, 0 },
	  set_str },
	{ { "feed-authority", "CCREPO_FEED_AUTHORITY", "HOST[,YYYY]", "",
	    "the authority of the Atom feeds' ids (tag URIs): a host name or e-mail address "
	    "the operator owns and the year it was owned (empty: this host's name, 2026)",
	    OFF(feed_authority), 0, 0 }, set_authority },
};
#define NSETTINGS (sizeof(settings) / sizeof(settings[0]))

static int find(const char *name, size_t len)
{
	for (size_t i = 0; i < NSETTINGS; i++)
		if (strlen(settings[i].s.name) == len && !strncmp(settings[i].s.name, name, len))
			return (int)i;
	return -1;
}

void config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	for (size_t i = 0; i < NSETTINGS; i++)
		settings[i].apply(cfg, &settings[i].s, settings[i].s.def, NULL);
}

int config_set(struct config *cfg, const char *name, const char *value, struct err *e)
{
	int i = find(name, strlen(name));

	if (i < 0)
		return err_set(e, ERR_INVALID, "unknown setting '%s'", name);
	return settings[i].apply(cfg, &settings[i].s, value, e);
}

static const char *trim(const char *s, const char *end, const char **tend)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	*tend = end;
	return s;
}

int config_parse(struct config *cfg, const char *text, size_t len, const char *origin,
		 struct err *e)
{
	const char *p = text, *end = text + len;
	int lineno = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *k, *ke, *v, *ve, *eq;
		char key[64], val[CONFIG_STR_MAX];
		int i;

		lineno++;
		k = trim(p, le, &ke);
		p = nl ? nl + 1 : end;
		if (k == ke || *k == '#')
			continue;
		eq = memchr(k, '=', (size_t)(ke - k));
		if (!eq)
			return err_set(e, ERR_INVALID, "%s:%d: expected 'name = value'", origin,
				       lineno);
		v = trim(eq + 1, ke, &ve);
		k = trim(k, eq, &eq);
		if ((size_t)(eq - k) >= sizeof(key) || (size_t)(ve - v) >= sizeof(val))
			return err_set(e, ERR_INVALID, "%s:%d: line too long", origin, lineno);
		if (memchr(v, '\0', (size_t)(ve - v)) || memchr(k, '\0', (size_t)(eq - k)))
			return err_set(e, ERR_INVALID, "%s:%d: NUL byte", origin, lineno);
		memcpy(key, k, (size_t)(eq - k));
		key[eq - k] = '\0';
		memcpy(val, v, (size_t)(ve - v));
		val[ve - v] = '\0';
		i = find(key, strlen(key));
		if (i < 0)
			return err_set(e, ERR_INVALID, "%s:%d: unknown setting '%s'", origin,
				       lineno, key);
		if (settings[i].apply(cfg, &settings[i].s, val, e)) {
			err_prefix(e, "%s:%d", origin, lineno);
			return e ? e->code : ERR_INVALID;
		}
	}
	return ERR_OK;
}

int config_load_file(struct config *cfg, const char *path, struct err *e)
{
	char *text = NULL;
	size_t len = 0;
	int rc = file_read(path, 65536, &text, &len, e);

	if (rc == ERR_IO)
		err_prefix(e, "config file");
	if (!rc)
		rc = config_parse(cfg, text, len, path, e);
	free(text);
	return rc;
}

int config_load_env(struct config *cfg, unsigned mask, struct err *e)
{
	for (size_t i = 0; i < NSETTINGS; i++) {
		const char *v;

		if (!(mask & (1u << i)) || !(v = getenv(settings[i].s.env)))
			continue;
		if (settings[i].apply(cfg, &settings[i].s, v, e)) {
			err_prefix(e, "$%s", settings[i].s.env);
			return e ? e->code : ERR_INVALID;
		}
	}
	return ERR_OK;
}

/* Split "--name=value" / "--name value" at argv[*i]; advances *i past a value. */
static int flag_at(int argc, char **argv, int *i, const char **name, size_t *nlen,
		   const char **value, struct err *e)
{
	const char *a = argv[*i] + 2, *eq = strchr(a, '=');

	*name = a;
	*nlen = eq ? (size_t)(eq - a) : strlen(a);
	if (eq) {
		*value = eq + 1;
		return ERR_OK;
	}
	if (*i + 1 >= argc)
		return err_set(e, ERR_INVALID, "option --%s needs a value", a);
	*value = argv[++*i];
	return ERR_OK;
}

int config_resolve(struct config *cfg, unsigned mask, int argc, char **argv,
		   char **rest, int *nrest, struct err *e)
{
	const char *file = getenv("CCREPO_CONFIG");
	int explicit = file != NULL, max = *nrest, rc;

	config_defaults(cfg);
	*nrest = 0;
	/* the config file comes first, so find --config before the other flags */
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strncmp(argv[i], "--config=", 9))
			file = argv[i] + 9, explicit = 1;
		else if (!strcmp(argv[i], "--config")) {
			if (i + 1 >= argc)
				return err_set(e, ERR_INVALID, "option --config needs a value");
			file = argv[++i], explicit = 1;
		}
	}
	if (!explicit && access("ccrepo.conf", R_OK) == 0)
		file = "ccrepo.conf";
	if (file && (rc = config_load_file(cfg, file, e)))
		return rc;
	if ((rc = config_load_env(cfg, mask, e)))
		return rc;
	for (int i = 0; i < argc; i++) {
		const char *name, *value = NULL;
		size_t nlen;
		int k;

		if (!strcmp(argv[i], "--")) {
			while (++i < argc && *nrest < max)
				rest[(*nrest)++] = argv[i];
			break;
		}
		if (strncmp(argv[i], "--", 2) || argv[i][2] == '\0') {
			if (*nrest >= max)
				return err_set(e, ERR_INVALID, "unexpected argument '%s'", argv[i]);
			rest[(*nrest)++] = argv[i];
			continue;
		}
		if ((rc = flag_at(argc, argv, &i, &name, &nlen, &value, e)))
			return rc;
		if (nlen == 6 && !strncmp(name, "config", 6))
			continue;
		k = find(name, nlen);
		if (k < 0 || !(mask & (1u << k)))
			return err_set(e, ERR_INVALID, "unknown option --%.*s", (int)nlen, name);
		if ((rc = settings[k].apply(cfg, &settings[k].s, value, e)))
			return rc;
	}
	return ERR_OK;
}

void config_print_help(FILE *out, unsigned mask)
{
	for (size_t i = 0; i < NSETTINGS; i++) {
		const struct setting *s = &settings[i].s;
		char left[64];

		if (!(mask & (1u << i)))
			continue;
		snprintf(left, sizeof(left), "--%s %s", s->name, s->arg);
		fprintf(out, "  %-28s %s\n  %-28s (env %s, default %s)\n", left, s->help, "",
			s->env, *s->def ? s->def : "none");
	}
	fprintf(out, "  %-28s %s\n", "--config FILE",
		"read settings from FILE (env CCREPO_CONFIG, default ./ccrepo.conf if present)");
}
