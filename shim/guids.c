/* Storage for every GUID the headers declare (IIDs, attribute keys, media
 * types, services), exported by libmsess-mf like uuid.lib's on Windows. */
#include <initguid.h>

#include "shim.h"
