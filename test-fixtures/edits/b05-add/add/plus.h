#ifndef PLUS_H
#define PLUS_H

extern long plus_ticks;

long plus_tick(void);

#endif
