/* lang: the six official UN languages, in the UN's order (alphabetical in English
 * is not used: Arabic, Chinese, English, French, Russian, Spanish). */
#ifndef CORE_LANG_H
#define CORE_LANG_H

enum lang { LANG_AR, LANG_ZH, LANG_EN, LANG_FR, LANG_RU, LANG_ES, LANG_COUNT };

/* BCP 47 code of l ("ar", "zh", "en", "fr", "ru", "es"). Static string. */
const char *lang_code(enum lang l);
/* English name of l ("Arabic", ...), and its name in itself ("العربية", ...). */
const char *lang_name(enum lang l);
const char *lang_native(enum lang l);
/* The language of a BCP 47 tag ("fr", "fr-CA", "zh-Hans", "ZH"), or -1 when it is not
 * one of the six. len may be -1 for a NUL-terminated tag. */
int lang_parse(const char *tag, int len);
/* The BCP 47 tag of a language written as ISO 639-2 ("eng" -> "en", "fre"/"fra" ->
 * "fr", "chi"/"zho" -> "zh"; the six and a few more), as Akoma Ntoso versions name
 * theirs; any other tag as it is, NULL or "" as "en". Static string or l. */
const char *lang_bcp47(const char *l);
/* Text direction: 1 for right-to-left (Arabic). */
int lang_rtl(enum lang l);

#endif
