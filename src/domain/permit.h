/* permit: who may do what with a record. One table of roles by actions (see
 * permit.c), and the reading rules of the sharing labels (TLP 2.0) for one record.
 * record_allow() asks here. */
#ifndef DOMAIN_PERMIT_H
#define DOMAIN_PERMIT_H

#include "core/err.h"
#include "domain/record.h"

/* Whether actor a (NULL: the public) may do action on rec (NULL for ACT_CREATE before
 * the record exists: the role alone decides; with rec, its country too). Reading:
 * a published record by its label (CLEAR everybody, GREEN signed in, AMBER also the
 * country's focal points, AMBER+STRICT and RED curators and the author); drafts and
 * submissions to their authors, curators and the country's focal points; withdrawn
 * records to authors and curators. ERR_OK, or
 * ERR_NOTFOUND for a record a may not read (as if it did not exist), or ERR_FORBIDDEN
 * with the reason. The server's own machine and the CLI (a->local) may do anything. */
int permit(const struct actor *a, enum record_action action, const struct record *rec,
	   struct err *e);

#endif
