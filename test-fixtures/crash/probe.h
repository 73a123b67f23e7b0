#ifndef PROBE_H
#define PROBE_H

/* probe.c: one reading per tick */
long probe_read(long tick);

#endif
