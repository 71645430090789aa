/* msess: a portable media session. The one header to include. */
#ifndef MSESS_MSESS_H
#define MSESS_MSESS_H

#include "clock.h"
#include "common.h"
#include "event.h"
#include "session.h"
#include "sink.h"
#include "source.h"
#include "topology.h"
#include "version.h"

#endif
