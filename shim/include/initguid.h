/* Include before the other headers in the one file that should define (not
 * just declare) every GUID the headers declare with DEFINE_GUID. */
#ifndef INITGUID
#define INITGUID
#endif
#include <msess-mf-base.h>
