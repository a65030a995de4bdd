/* GET /api/v1/assistance/iati.xml (?country=): the technical assistance requests the
 * caller may read (the public: CLEAR; a signed-in account: GREEN too; AMBER as
 * assist_can_read says) as an IATI 2.03 document (export/iati.h), reported by the
 * organisation of the settings iati-org-ref and iati-org-name. */
#include "api/api.h"

#include "export/iati.h"

int api_assist_iati(struct req *r, struct resp *out)
{
	const char *country = req_arg(r, "country");
	struct err e = { 0 };

	if (country && !*country)
		country = NULL;
	sbuf_reset(&out->body);
	if (iati_export(r->store, r->pool, r->actor, iati_org_current(), country, NULL,
			&out->body, NULL, &e)) {
		sbuf_reset(&out->body);
		return http_fail(r, out, &e);
	}
	out->content_type = "application/xml; charset=utf-8";
	return 200;
}
