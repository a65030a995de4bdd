/* num: the one strict parser of whole numbers typed by people and programs (ids in
 * paths, ?limit=, ?offset=, ?page=, command-line numbers). */
#ifndef CORE_NUM_H
#define CORE_NUM_H

/* Parse all of s as a decimal number from min to max into *out: ASCII digits, with
 * one leading '-' only when min < 0; no spaces, no '+', no other characters, and
 * nothing that overflows. 0, or -1 (and *out untouched) when s is NULL, empty or
 * not such a number. */
int num_parse(const char *s, long long min, long long max, long long *out);
/* num_parse() into an int. */
int num_int(const char *s, int min, int max, int *out);
/* A record id: a number from 1 up; 0 when s is not one. */
long long num_id(const char *s);

#endif
