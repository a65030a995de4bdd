/* err: error codes and a context that carries the message of the first failure. */
#ifndef CORE_ERR_H
#define CORE_ERR_H

enum err_code {
	ERR_OK = 0,
	ERR_NOTFOUND,	/* no such record */
	ERR_INVALID,	/* bad input from the caller */
	ERR_IO,		/* file or system call failed */
	ERR_DB,		/* the store failed */
	ERR_CONFLICT,	/* the record changed or exists already */
	ERR_TOOLARGE,	/* input over a limit */
	ERR_INTERNAL,	/* a bug */
	ERR_FORBIDDEN,	/* the caller may not do this */
	ERR_FULL,	/* the disk (or the file size limit) is full: nothing was saved */
	ERR_READONLY,	/* the database cannot be written (read-only file or media) */
};

struct err {
	enum err_code code;
	char msg[512];
};

/* Record code and message in e (when e is non-NULL) and return code. A message
 * already present is kept: the first failure is the one reported. */
int err_set(struct err *e, enum err_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Put "prefix: " before the message already in e (e may be NULL). */
void err_prefix(struct err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Clear e. */
void err_clear(struct err *e);
/* A short name of the code ("not found", ...). Static string. */
const char *err_name(enum err_code code);

#endif
