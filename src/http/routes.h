/* routes: the table of every address the server answers. */
#ifndef HTTP_ROUTES_H
#define HTTP_ROUTES_H

#include "http/router.h"

extern const struct route routes[];
extern const int routes_count;
/* Register the web layer's error page; call once before serving. */
void routes_init(void);

#endif
