/* names: a table of names indexed by an enum ("draft", "submitted", ...) and the two
 * lookups every such table needs, so that each table is written once. */
#ifndef CORE_NAMES_H
#define CORE_NAMES_H

/* The number of entries of a names array. */
#define NAMES_COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* The index of s in names[0..n) (exact, case-sensitive), or -1; -1 for NULL s. */
int names_index(const char *const *names, int n, const char *s);

/* names[i] when 0 <= i < n, else fallback (static strings: nothing to free). */
const char *names_at(const char *const *names, int n, int i, const char *fallback);

#endif
