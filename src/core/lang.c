#include "core/lang.h"

#include <string.h>
#include <strings.h>

static const struct {
	const char *code, *name, *native;
} langs[LANG_COUNT] = {
	[LANG_AR] = { "ar", "Arabic", "العربية" },
	[LANG_ZH] = { "zh", "Chinese", "中文" },
	[LANG_EN] = { "en", "English", "English" },
	[LANG_FR] = { "fr", "French", "Français" },
	[LANG_RU] = { "ru", "Russian", "Русский" },
	[LANG_ES] = { "es", "Spanish", "Español" },
};

const char *lang_code(enum lang l)
{
	return (unsigned)l < LANG_COUNT ? langs[l].code : "en";
}

const char *lang_name(enum lang l)
{
	return (unsigned)l < LANG_COUNT ? langs[l].name : "English";
}

const char *lang_native(enum lang l)
{
	return (unsigned)l < LANG_COUNT ? langs[l].native : "English";
}

int lang_parse(const char *tag, int len)
{
	size_t n = len < 0 ? strlen(tag) : (size_t)len, primary = 0;

	while (primary < n && tag[primary] != '-' && tag[primary] != '_')
		primary++;
	if (primary != 2)
		return -1;
	for (int i = 0; i < LANG_COUNT; i++)
		if (!strncasecmp(tag, langs[i].code, 2))
			return i;
	return -1;
}

int lang_rtl(enum lang l)
{
	return l == LANG_AR;
}

static const struct {
	const char *iso3, *bcp;
} lang3[] = {
	{ "ara", "ar" }, { "zho", "zh" }, { "chi", "zh" }, { "eng", "en" }, { "fra", "fr" },
	{ "fre", "fr" }, { "rus", "ru" }, { "spa", "es" }, { "por", "pt" }, { "deu", "de" },
	{ "ger", "de" }, { "afr", "af" }, { "swa", "sw" }, { "nld", "nl" }, { "dut", "nl" },
};

const char *lang_bcp47(const char *l)
{
	for (size_t i = 0; l && i < sizeof(lang3) / sizeof(lang3[0]); i++)
		if (!strcmp(l, lang3[i].iso3))
			return lang3[i].bcp;
	return l && *l ? l : "en";
}
