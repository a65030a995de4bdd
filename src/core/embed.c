#include "core/embed.h"

#include <string.h>

#include "assets.h"

const unsigned char *embed_find(const char *path, size_t *len)
{
	for (size_t i = 0; i < assets_count; i++) {
		if (!strcmp(assets[i].name, path)) {
			*len = assets[i].len;
			return assets[i].data;
		}
	}
	return NULL;
}

size_t embed_count(void)
{
	return assets_count;
}

const char *embed_name(size_t i, const unsigned char **data, size_t *len)
{
	if (i >= assets_count)
		return NULL;
	*data = assets[i].data;
	*len = assets[i].len;
	return assets[i].name;
}
