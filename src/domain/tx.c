#include "domain/tx.h"

#include "store/store.h"

int tx_begin(struct tx *t, struct store *s, struct err *e)
{
	int rc = store_begin(s, e);

	t->s = s;
	t->open = rc == ERR_OK;
	return rc;
}

int tx_end(struct tx *t, int rc, struct err *e)
{
	if (!t->open)
		return rc;
	t->open = 0;
	if (rc == ERR_OK)
		rc = store_commit(t->s, e);
	if (rc != ERR_OK)
		store_rollback(t->s);
	return rc;
}
