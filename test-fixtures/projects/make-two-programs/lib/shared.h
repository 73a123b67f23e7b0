/* libshared.a: the project's own static archive, linked by calc and report. */
#ifndef SHARED_H
#define SHARED_H

long shared_scale(long value);
long shared_sum(long n);
const char *shared_label(void);

#endif
