#include "core/names.h"

#include <string.h>

int names_index(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

const char *names_at(const char *const *names, int n, int i, const char *fallback)
{
	return i >= 0 && i < n ? names[i] : fallback;
}
