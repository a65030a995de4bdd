/* sbuf: a growable byte buffer, always NUL-terminated. */
#ifndef CORE_SBUF_H
#define CORE_SBUF_H
#include <stdarg.h>
#include <stddef.h>

struct sbuf {
	char *buf;
	size_t len, cap;
};

#define SBUF_INIT { NULL, 0, 0 }

void sbuf_init(struct sbuf *sb);
/* Free the buffer; the sbuf is empty and reusable afterwards. */
void sbuf_release(struct sbuf *sb);
/* Hand the buffer to the caller (free() it); the sbuf becomes empty. */
char *sbuf_detach(struct sbuf *sb, size_t *len);
void sbuf_grow(struct sbuf *sb, size_t extra);
void sbuf_add(struct sbuf *sb, const void *data, size_t len);
void sbuf_adds(struct sbuf *sb, const char *s);
void sbuf_addc(struct sbuf *sb, char c);
void sbuf_addf(struct sbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sbuf_vaddf(struct sbuf *sb, const char *fmt, va_list ap);
void sbuf_reset(struct sbuf *sb);
/* The contents: never NULL, "" when empty. */
const char *sbuf_str(const struct sbuf *sb);

#endif
