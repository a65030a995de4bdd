/* config: the settings table. Every setting can come from a default, a config file,
 * an environment variable or a command-line flag; later sources win in that order
 * (flags win). */
#ifndef CORE_CONFIG_H
#define CORE_CONFIG_H
#include <stddef.h>
#include <stdio.h>

#include "core/err.h"

#define CONFIG_STR_MAX 1024

struct config {
	char listen[CONFIG_STR_MAX];	/* host:port */
	char db[CONFIG_STR_MAX];	/* SQLite database file */
	int threads;			/* HTTP worker threads */
	int log_level;			/* enum log_level */
	char iso_codes_dir[CONFIG_STR_MAX];
	char locale_dir[CONFIG_STR_MAX];
	long max_body;			/* bytes */
	int timeout;			/* seconds of client inactivity */
	long cache_max;			/* bytes of rendered responses kept in memory */
	long db_cache;			/* bytes of database pages cached per connection */
	int trust_proxy;		/* 1: a reverse proxy on this machine says who the
					 * client is (X-Forwarded-For) */
	int header_timeout;		/* seconds for a request's headers to arrive */
	int body_timeout;		/* seconds for a request's body to arrive */
	int max_connections;		/* connections open at once */
	int max_per_address;		/* of them from one address (0: no limit) */
	char contact[CONFIG_STR_MAX];	/* the operator's e-mail address or web address,
					 * shown on /contact; "" when not set */
	char need_weights[CONFIG_STR_MAX];	/* "not-covered=2,urgency=2.5": the needs'
						 * score weights overriding the defaults
						 * (domain/needs.h); "" when not set */
	char iati_org_ref[CONFIG_STR_MAX];	/* the IATI organisation identifier of the
						 * reporting organisation (export/iati.h) */
	char iati_org_name[CONFIG_STR_MAX];	/* and its name */
	char feed_authority[CONFIG_STR_MAX];	/* "HOST[,YYYY]" of the feeds' tag URIs; ""
						 * this host's name */
};

/* Which settings a command takes: bit i is the i-th row of config.c's table, so
 * these follow its order. */
enum {
	CONFIG_OPT_LISTEN = 1 << 0,
	CONFIG_OPT_DB = 1 << 1,
	CONFIG_OPT_THREADS = 1 << 2,
	CONFIG_OPT_LOG_LEVEL = 1 << 3,
	CONFIG_OPT_ISO_CODES = 1 << 4,
	CONFIG_OPT_LOCALE_DIR = 1 << 5,
	CONFIG_OPT_MAX_BODY = 1 << 6,
	CONFIG_OPT_TIMEOUT = 1 << 7,
	CONFIG_OPT_HEADER_TIMEOUT = 1 << 8,
	CONFIG_OPT_BODY_TIMEOUT = 1 << 9,
	CONFIG_OPT_MAX_CONNECTIONS = 1 << 10,
	CONFIG_OPT_MAX_PER_ADDRESS = 1 << 11,
	CONFIG_OPT_CACHE_MAX = 1 << 12,
	CONFIG_OPT_DB_CACHE = 1 << 13,
	CONFIG_OPT_TRUST_PROXY = 1 << 14,
	CONFIG_OPT_CONTACT = 1 << 15,
	CONFIG_OPT_NEED_WEIGHTS = 1 << 16,
	CONFIG_OPT_IATI_ORG_REF = 1 << 17,
	CONFIG_OPT_IATI_ORG_NAME = 1 << 18,
	CONFIG_OPT_FEED_AUTHORITY = 1 << 19,
	CONFIG_OPT_ALL = (1 << 20) - 1,
};

/* Fill cfg with the built-in defaults. */
void config_defaults(struct config *cfg);
/* Set one setting by name ("listen", "log-level", ...). ERR_INVALID with a message
 * naming the setting when the name is unknown or the value bad. */
int config_set(struct config *cfg, const char *name, const char *value, struct err *e);
/* Apply "name = value" lines ('#' comments, blank lines allowed). origin names the
 * source in messages. Text need not be NUL-terminated. */
int config_parse(struct config *cfg, const char *text, size_t len, const char *origin,
		 struct err *e);
/* Read and apply a config file (at most 64 KiB). */
int config_load_file(struct config *cfg, const char *path, struct err *e);
/* Apply CCREPO_* environment variables of the settings in mask. */
int config_load_env(struct config *cfg, unsigned mask, struct err *e);
/* The whole precedence: defaults, then the config file (--config FILE, else
 * $CCREPO_CONFIG, else ./ccrepo.conf when it exists), then the environment, then the
 * flags in argv (--name VALUE or --name=VALUE, only those in mask). Arguments that are
 * not flags are collected into rest (at most *nrest, updated). */
int config_resolve(struct config *cfg, unsigned mask, int argc, char **argv,
		   char **rest, int *nrest, struct err *e);
/* Print the options in mask, one per line, with their variable and default. */
void config_print_help(FILE *out, unsigned mask);

#endif
