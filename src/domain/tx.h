/* tx: a write transaction of the domain, begun once and ended once whatever happened
 * in between, so that a function that writes keeps one exit label. */
#ifndef DOMAIN_TX_H
#define DOMAIN_TX_H

#include "core/err.h"

struct store;

struct tx {
	struct store *s;
	int open;		/* begun and not yet ended */
};

/* Begin a write transaction on s (a savepoint inside an open one). ERR_OK and t open,
 * or the store's error with t closed; t needs no other initialisation. */
int tx_begin(struct tx *t, struct store *s, struct err *e);

/* End t by the outcome rc of the work: commit when rc is ERR_OK, else (or when the
 * commit fails) roll back. Returns rc, or the commit's error. Does nothing and returns
 * rc when t is not open (never begun, or begun and failed), so it may stand at the one
 * exit label of a function that failed before its tx_begin: t then starts as {0}. */
int tx_end(struct tx *t, int rc, struct err *e);

#endif
