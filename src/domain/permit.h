/* permit: who may change what. One table of roles by actions (see permit.c), and the
 * clearance an actor reads with (record_clearance, declared in domain/record.h).
 * record_allow() asks here. */
#ifndef DOMAIN_PERMIT_H
#define DOMAIN_PERMIT_H

#include "core/err.h"
#include "domain/record.h"

/* Whether actor a (NULL: the public) may do action on rec (NULL for ACT_CREATE before
 * the record exists: the role alone decides; with rec, its country too). rec was read
 * through the store, which applied a's clearance (record_clearance): reading it is
 * allowed by then, and the reading rules of the labels live in the store
 * (store/sqlite/clearance.c). ERR_OK, or ERR_NOTFOUND (ACT_READ with no record), or
 * ERR_FORBIDDEN with the reason. The command line (a->local; never an HTTP
 * request) may do anything. */
int permit(const struct actor *a, enum record_action action, const struct record *rec,
	   struct err *e);

#endif
