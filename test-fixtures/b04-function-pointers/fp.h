#ifndef FP_H
#define FP_H

/* cb.c: the callbacks */
int cb_scale(int x);
int cb_square(int x);
int cb_compare(const void *a, const void *b);
long cb_event(long tick);

/* events.c: a registration API that stores one handler */
typedef long (*event_handler)(long tick);

void events_register(event_handler fn);
long events_fire(long tick);

#endif
