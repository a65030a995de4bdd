#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const names[] = {
	[ERR_OK] = "ok",
	[ERR_NOTFOUND] = "not found",
	[ERR_INVALID] = "invalid input",
	[ERR_IO] = "input/output error",
	[ERR_DB] = "database error",
	[ERR_CONFLICT] = "conflict",
	[ERR_TOOLARGE] = "too large",
	[ERR_INTERNAL] = "internal error",
	[ERR_FORBIDDEN] = "forbidden",
	[ERR_FULL] = "storage full",
	[ERR_READONLY] = "read-only",
};

int err_set(struct err *e, enum err_code code, const char *fmt, ...)
{
	va_list ap;

	if (!e || e->code != ERR_OK)
		return code;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

void err_prefix(struct err *e, const char *fmt, ...)
{
	char prefix[256], msg[sizeof(e->msg) + sizeof(prefix) + 2];
	va_list ap;

	if (!e)
		return;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	snprintf(msg, sizeof(msg), "%s: %s", prefix, e->msg);
	memcpy(e->msg, msg, sizeof(e->msg) - 1);
	e->msg[sizeof(e->msg) - 1] = '\0';
}

void err_clear(struct err *e)
{
	e->code = ERR_OK;
	e->msg[0] = '\0';
}

const char *err_name(enum err_code code)
{
	if ((unsigned)code < sizeof(names) / sizeof(names[0]) && names[code])
		return names[code];
	return "error";
}
